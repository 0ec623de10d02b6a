/** SHA-256 of a file's content, streamed (recordings are hundreds of MB); cancellable. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { asCancellation, InputError, throwIfCancelled } from '../errors.ts';
import { describeFsError } from '../platform/makeFolder.ts';
import { displayName } from '../platform/displayName.ts';

export async function hashFile(filePath: string, signal?: AbortSignal): Promise<string> {
  throwIfCancelled(signal);
  const h = createHash('sha256');
  try {
    for await (const chunk of createReadStream(filePath, { highWaterMark: 1 << 20, signal })) h.update(chunk as Buffer);
  } catch (e) {
    const c = asCancellation(e, signal);
    if (c !== e || !(e as { code?: string }).code) throw c;
    throw new InputError(`"${displayName(filePath)}" could not be read (${describeFsError(e)}).`, { hint: 'Check that the file is still there and the drive is connected.', cause: e });
  }
  return h.digest('hex');
}
