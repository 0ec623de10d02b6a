/**
 * The path of a bridge request, taken from the raw request line before any URL normalisation (WHATWG URL
 * silently resolves `..` and `%2e%2e`, which would hide an escape attempt). Refused outright: `.` or `..`
 * segments, any percent-encoded dot, slash, backslash or control byte, a backslash, an empty segment. Pure.
 */

export interface RequestPath {
  /** Decoded path segments, e.g. ['media', '3f2a...']; [] for `/`. */
  segments: string[];
  query: URLSearchParams;
}

export function parseRequestPath(rawUrl: string | undefined): RequestPath | null {
  if (!rawUrl || !rawUrl.startsWith('/')) return null;
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const search = q < 0 ? '' : rawUrl.slice(q + 1).split('#')[0]!;
  if (/[\\\u0000-\u001f\u007f#]/.test(rawPath) || /%(2e|2f|5c|[01][0-9a-f]|7f)/i.test(rawPath)) return null;
  const raw = rawPath.slice(1);
  const segments: string[] = [];
  if (raw !== '') {
    for (const part of raw.split('/')) {
      let s: string;
      try { s = decodeURIComponent(part); } catch { return null; }
      if (s === '' || s === '.' || s === '..') return null;
      segments.push(s);
    }
  }
  return { segments, query: new URLSearchParams(search) };
}
