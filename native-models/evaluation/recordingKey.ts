/**
 * How recordings are matched across files: by file name without directory and extension, so
 * `A0002@5-13-2021@UA6693LK@sz_v1.mp4` matches `.../A0002@5-13-2021@UA6693LK@sz_v1.wav`.
 */

export function recordingKey(fileName: string): string {
  const base = fileName.trim().split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** The patient id: the file name's first `@`-separated field (`A0002` above). */
export function patientIdOf(fileName: string): string {
  return recordingKey(fileName).split('@')[0] ?? '';
}
