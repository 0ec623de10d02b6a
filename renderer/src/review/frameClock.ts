/**
 * Frame-accurate time for the player: the frame shown at a time, the time to seek to for a frame (its middle,
 * so rounding never lands on the neighbour), and the clock as a reviewer reads it (m:ss.mmm and frame number).
 */

/** The frame index shown at `t` seconds for a recording of `fps` frames per second. */
export function frameAt(t: number, fps: number): number {
  return Math.max(0, Math.floor(t * fps + 1e-6));
}

/** The time to seek to so that frame `n` is shown: the middle of its display interval. */
export function seekTimeOfFrame(n: number, fps: number): number {
  return (Math.max(0, n) + 0.5) / fps;
}

/** The seek time one frame after (`+1`) or before (`-1`) the frame shown at `t`, within [0, duration]. */
export function stepFrame(t: number, fps: number, by: number, durationS: number): number {
  const last = Math.max(0, Math.ceil(durationS * fps) - 1);
  return seekTimeOfFrame(Math.min(last, Math.max(0, frameAt(t, fps) + by)), fps);
}

/** `m:ss.mmm` (or `h:mm:ss.mmm` past an hour). */
export function formatClock(t: number): string {
  const ms = Math.max(0, Math.round(t * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const rest = String(ms % 1000).padStart(3, '0');
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}.${rest}`;
}

/** What the player's clock shows: time and frame number together. */
export function clockLabel(t: number, fps: number): string {
  return `${formatClock(t)} · frame ${frameAt(t, fps) + 1}`;
}
