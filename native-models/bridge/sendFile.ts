/**
 * Streams one file as an HTTP answer, honouring Range (platform/byteRange.ts: 206 with the bytes asked for,
 * 416 past the end), for the bridge's media and renderer files. HEAD answers the headers only.
 */
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { answerRange } from '../platform/byteRange.ts';

export async function sendFile(req: IncomingMessage, res: ServerResponse, file: FileHandle, contentType: string, headers: Record<string, string>): Promise<void> {
  try {
    const { size } = await file.stat();
    const answer = size === 0 ? { status: 200 as const, start: 0, end: -1, headers: { 'accept-ranges': 'bytes', 'content-type': contentType, 'content-length': '0' } }
      : answerRange(req.headers.range, size, contentType);
    res.writeHead(answer.status, { ...headers, ...answer.headers });
    if (answer.status === 416 || req.method === 'HEAD' || answer.end < answer.start) { res.end(); return; }
    const stream = createReadStream('', { fd: file, start: answer.start, end: answer.end, autoClose: false });
    await pipeline(stream, res).catch(() => { /* the player moved on (seek): the connection closed mid-range */ });
  } finally {
    await file.close();
  }
}
