/**
 * The review screen's keyboard, as data: each command has an id, a label for the help overlay (`?`) and its
 * keys; one dispatcher maps a key event to a command id, so the label, the binding and the handler are tied
 * by the id and the help overlay can never disagree with what the keys do.
 */

export interface Hotkey {
  id: string;
  label: string;
  /** KeyboardEvent.key values, letters in lower case (with `Shift+` / `Ctrl+` prefixes where needed). */
  keys: readonly string[];
}

export const HOTKEYS = [
  { id: 'play-pause', label: 'Play / pause', keys: [' '] },
  { id: 'pause', label: 'Pause', keys: ['k'] },
  { id: 'slower', label: 'Slower, down to 0.25x, and play (a video cannot play backwards)', keys: ['j'] },
  { id: 'faster', label: 'Faster, up to 2x (from pause: play at 1x)', keys: ['l'] },
  { id: 'frame-back', label: 'One frame back', keys: [',', 'ArrowLeft'] },
  { id: 'frame-forward', label: 'One frame forward', keys: ['.', 'ArrowRight'] },
  { id: 'frames-back', label: 'Ten frames back (Shift + comma)', keys: ['<'] },
  { id: 'frames-forward', label: 'Ten frames forward (Shift + full stop)', keys: ['>'] },
  { id: 'next-finding', label: 'Next finding', keys: ['n', 'ArrowDown'] },
  { id: 'previous-finding', label: 'Previous finding', keys: ['p', 'ArrowUp'] },
  { id: 'loop-segment', label: 'Loop the current segment', keys: ['Shift+l'] },
  { id: 'go-to-time', label: 'Go to time', keys: ['g'] },
  { id: 'zoom-in', label: 'Zoom in on the video (up to 8x; the wheel zooms at the pointer)', keys: ['+', '='] },
  { id: 'zoom-out', label: 'Zoom out', keys: ['-'] },
  { id: 'zoom-reset', label: 'Whole picture (zoom 1x)', keys: ['0'] },
  { id: 'pan-left', label: 'Pan the zoomed video left (or drag it)', keys: ['Alt+ArrowLeft'] },
  { id: 'pan-right', label: 'Pan right', keys: ['Alt+ArrowRight'] },
  { id: 'pan-up', label: 'Pan up', keys: ['Alt+ArrowUp'] },
  { id: 'pan-down', label: 'Pan down', keys: ['Alt+ArrowDown'] },
  { id: 'brighter', label: 'Brighter video (up to 300 %)', keys: ['b'] },
  { id: 'dimmer', label: 'Dimmer video (down to 50 %)', keys: ['Shift+b'] },
  { id: 'more-contrast', label: 'More contrast (up to 200 %)', keys: ['c'] },
  { id: 'less-contrast', label: 'Less contrast (down to 50 %)', keys: ['Shift+c'] },
  { id: 'picture-reset', label: 'Brightness and contrast as recorded', keys: ['r'] },
  { id: 'toggle-skeleton', label: 'Show / hide the skeleton', keys: ['s'] },
  { id: 'toggle-face', label: 'Show / hide the face box', keys: ['f'] },
  { id: 'set-onset', label: "Set the selected finding's onset (the clinician's) to the frame shown", keys: ['['] },
  { id: 'set-offset', label: "Set the selected finding's offset (the clinician's) to the frame shown", keys: [']'] },
  { id: 'help', label: 'Show these keys', keys: ['?'] },
] as const satisfies readonly Hotkey[];

export type HotkeyId = (typeof HOTKEYS)[number]['id'];

/** The key as written in the table: `Shift+` only for letters (a typed `?` is already shifted), `Ctrl+` and `Alt+`. */
export function keyName(e: { key: string; shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean }): string {
  const letter = /^[a-z]$/i.test(e.key);
  const base = letter ? e.key.toLowerCase() : e.key;
  return `${e.ctrlKey || e.metaKey ? 'Ctrl+' : ''}${e.altKey ? 'Alt+' : ''}${letter && e.shiftKey ? 'Shift+' : ''}${base}`;
}

/** The command a key event asks for, or null; keys typed into a text field are never commands. */
export function commandFor(e: { key: string; shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; targetIsTextField?: boolean },
  table: readonly Hotkey[] = HOTKEYS): HotkeyId | null {
  if (e.targetIsTextField) return null;
  const name = keyName(e);
  return (table.find((h) => h.keys.includes(name))?.id as HotkeyId | undefined) ?? null;
}

/** Two commands on one key is a bug in the table: returns the clashes (empty when the table is sound). */
export function keyClashes(table: readonly Hotkey[] = HOTKEYS): string[] {
  const seen = new Map<string, string>();
  const clashes: string[] = [];
  for (const h of table) for (const k of h.keys) {
    const other = seen.get(k);
    if (other) clashes.push(`${JSON.stringify(k)}: ${other} and ${h.id}`); else seen.set(k, h.id);
  }
  return clashes;
}

/** Keys a focused slider uses itself (its value steps). */
const SLIDER_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);
/** Input types that take typed text: every key typed there is text, never a command. */
const NON_TEXT_INPUTS = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file']);

/**
 * Whether a key belongs to the focused field rather than to the review's commands: everything typed into a
 * text field, the stepping keys of a slider (brightness, contrast) and Space on a checkbox; sliders and
 * checkboxes leave the other keys to the commands, so B or K still work after using one.
 */
export function keyBelongsToField(target: { tagName: string; type?: string; isContentEditable?: boolean } | null, key: string): boolean {
  if (!target) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  if (target.tagName !== 'INPUT') return false;
  const type = (target.type ?? 'text').toLowerCase();
  if (type === 'range') return SLIDER_KEYS.has(key);
  if (type === 'checkbox' || type === 'radio') return key === ' ';
  return !NON_TEXT_INPUTS.has(type);
}
