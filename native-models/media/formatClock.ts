/** Recording time as m:ss (minutes are not wrapped into hours: 75:03 is 75 min 3 s). */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const whole = Math.floor(seconds + 1e-6);
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** A span of recording time, e.g. `0:25–0:55`. */
export function formatSpan(startS: number, endS: number): string {
  return `${formatClock(startS)}–${formatClock(endS)}`;
}
