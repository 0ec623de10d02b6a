/**
 * How a user's file is named in messages and logs: its base name only (folders can carry a patient's name),
 * with control characters (a newline in a file name) shown as '?', so one message stays one line.
 */
import path from 'node:path';

export function displayName(filePath: string): string {
  return path.basename(filePath).replace(/[\u0000-\u001f\u007f]/g, '?');
}
