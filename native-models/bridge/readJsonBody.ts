/**
 * Reads a bridge request's JSON body with a size limit (1 MiB by default: API inputs are small; a bigger body
 * is refused with 413 before it is all read). An empty body is `undefined` (a channel without input).
 */
import type { IncomingMessage } from 'node:http';
import { UsageError } from '../errors.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request is larger than ${Math.round(limit / 1024)} KiB.`);
  }
}

export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new UsageError('The request body must be JSON (Content-Type: application/json).');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError('The request body is not valid JSON.');
  }
}
