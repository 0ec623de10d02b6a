/**
 * Parses one time cell of a timed label or prediction file (the layout of the public S³ annotations) into
 * recording seconds. Accepted, after trimming:
 *   - `MM:SS:00` / `M:SS:00` (the S³ files' main form: `00:12:00` and `0:12:00` are 12 s, `01:36:00` 96 s;
 *     the last field must be `00`: it is neither frames nor hours);
 *   - `M:SS` / `MM:SS` (`0:12` = 12 s, `1:05` = 65 s);
 *   - plain seconds, `12` or `12.5`;
 *   - empty, `N/A`, `na`, `-`: no time.
 * Seconds fields are two digits 00-59. A three-field time whose last field is not `00` (`0:01:59`, four cells
 * of the public file) could be H:MM:SS (119 s) or a broken MM:SS:00: it is `ambiguous`, not guessed.
 * Anything else is `invalid` (the caller raises an InputError naming the cell).
 */

export type TimeCell =
  | { kind: 'time'; seconds: number }
  | { kind: 'none' }
  | { kind: 'ambiguous' }
  | { kind: 'invalid' };

export const ACCEPTED_TIME_TEXT = 'MM:SS:00 (e.g. 00:12:00 = 12 s), M:SS (0:12), plain seconds (12 or 12.5), or empty / N/A';

const NONE = new Set(['', 'n/a', 'na', '-']);

export function parseTimeCell(raw: string): TimeCell {
  const s = raw.trim();
  if (NONE.has(s.toLowerCase())) return { kind: 'none' };
  if (/^\d+(\.\d+)?$/.test(s)) return { kind: 'time', seconds: Number(s) };
  const two = /^(\d{1,3}):([0-5]\d)$/.exec(s);
  if (two) return { kind: 'time', seconds: Number(two[1]) * 60 + Number(two[2]) };
  const three = /^(\d{1,3}):([0-5]\d):(\d\d)$/.exec(s);
  if (three) {
    if (three[3] === '00') return { kind: 'time', seconds: Number(three[1]) * 60 + Number(three[2]) };
    return { kind: 'ambiguous' };
  }
  return { kind: 'invalid' };
}
