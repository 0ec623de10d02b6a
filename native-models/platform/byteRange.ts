/**
 * HTTP Range requests for local media, answered by the app itself (a `<video>` seeks by asking for byte
 * ranges; a handler that ignores Range makes seeking snap back). Pure: the Electron protocol handler and the
 * loopback review bridge both turn its answer into a response. One range per request, as media elements ask;
 * a multi-range request is answered with the first range.
 */

export type RangeAnswer =
  /** 200: the whole file. */
  | { status: 200; start: 0; end: number; headers: Record<string, string> }
  /** 206: bytes start..end inclusive. */
  | { status: 206; start: number; end: number; headers: Record<string, string> }
  /** 416: the range lies outside the file. */
  | { status: 416; headers: Record<string, string> };

/** The answer to a request with this `Range` header (or none) for a file of `size` bytes. */
export function answerRange(rangeHeader: string | null | undefined, size: number, contentType: string): RangeAnswer {
  const common = { 'accept-ranges': 'bytes', 'content-type': contentType };
  const whole = (): RangeAnswer => ({ status: 200, start: 0, end: size - 1, headers: { ...common, 'content-length': String(size) } });
  if (!rangeHeader) return whole();
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*(?:,.*)?$/i.exec(rangeHeader);
  if (!m || (m[1] === '' && m[2] === '')) return whole();
  let start: number;
  let end: number;
  if (m[1] === '') {
    // A suffix range: the last N bytes.
    const n = Number(m[2]);
    if (n === 0) return unsatisfiable(size, common);
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start >= size || start > end) return unsatisfiable(size, common);
  return { status: 206, start, end, headers: { ...common, 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${size}` } };
}

function unsatisfiable(size: number, common: Record<string, string>): RangeAnswer {
  return { status: 416, headers: { ...common, 'content-range': `bytes */${size}`, 'content-length': '0' } };
}

/** The content type of a recording by its extension (what `<video>` needs to pick a decoder). */
export function mediaContentType(fileName: string): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return ({ mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', mkv: 'video/x-matroska', webm: 'video/webm', avi: 'video/x-msvideo',
    wav: 'audio/wav', mp3: 'audio/mpeg', m4a: 'audio/mp4', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' } as Record<string, string>)[ext]
    ?? 'application/octet-stream';
}
