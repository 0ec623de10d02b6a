/**
 * Engine logging. Off unless SEMIOSCOPE_DEBUG is set; never logs patient data (no file paths beyond base
 * names, no justifications, no frames).
 */
export function debugLog(message: string): void {
  if (process.env.SEMIOSCOPE_DEBUG) process.stderr.write(`[semioscope] ${message}\n`);
}
