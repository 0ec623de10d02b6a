/**
 * The handler of the app's scheme (`protocol.handle('semioscope', ...)`): the renderer's built files from
 * `semioscope://app/...`, and the recordings the user opened from `semioscope://app/media/<id>`, by an opaque
 * id and never by path. It answers Range itself (206/416, platform/byteRange.ts): a handler forwarding to
 * `net.fetch('file://')` ignores Range and `<video>` seeking snaps back. It refuses `..`, percent-encoded
 * escapes and a file that became a symlink to elsewhere (realpath check). No Electron import: unit-tested in Node.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { answerRange, mediaContentType } from '../native-models/platform/byteRange.ts';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, MEDIA_PATH_PREFIX } from './security/appScheme.ts';
import { securityHeaders } from '../native-models/platform/contentSecurityPolicy.ts';
import type { OpenedMedia } from '../native-models/platform/openedMedia.ts';

/** The URL the renderer plays a recording from. */
export function mediaUrl(id: string): string {
  return `${APP_ORIGIN}${MEDIA_PATH_PREFIX}${id}`;
}

export interface ProtocolContext {
  /** The renderer's build folder (out/renderer). */
  rendererDir: string;
  openedFiles: OpenedMedia;
}

/** What to answer: a status, headers, and the bytes of one file to stream (start..end inclusive). */
export interface ProtocolAnswer {
  status: number;
  headers: Record<string, string>;
  body?: { path: string; start: number; end: number };
}

type HeaderSource = { get(name: string): string | null } | Record<string, string | undefined>;

function header(h: HeaderSource, name: string): string | null {
  if (typeof (h as { get?: unknown }).get === 'function') return (h as { get(n: string): string | null }).get(name);
  const rec = h as Record<string, string | undefined>;
  const key = Object.keys(rec).find((k) => k.toLowerCase() === name);
  return key === undefined ? null : (rec[key] ?? null);
}

/** `..` as a segment, backslashes, NUL, and percent-encoded dots, slashes, backslashes or NUL. */
const ESCAPE = /(^|[/\\])\.\.($|[/\\])|\\|\0|%2e|%2f|%5c|%00/i;

const ASSET_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.wasm': 'application/wasm',
};

const refuse = (status: number): ProtocolAnswer => ({ status, headers: { ...securityHeaders(), 'content-length': '0' } });

/** The raw path of a request URL, before any normalisation (the part between the host and ?/#). */
function rawPathOf(url: string): string | null {
  const prefix = `${APP_SCHEME}://${APP_HOST}`;
  if (!url.toLowerCase().startsWith(prefix)) return null;
  const rest = url.slice(prefix.length);
  if (rest !== '' && !rest.startsWith('/')) return null; // a port, userinfo or another host
  return (rest.split(/[?#]/, 1)[0] ?? '') || '/';
}

/** Decides the answer to one request of the app's scheme. */
export async function answerAppRequest(method: string, url: string, headers: HeaderSource, ctx: ProtocolContext): Promise<ProtocolAnswer> {
  if (method !== 'GET' && method !== 'HEAD') return { ...refuse(405), headers: { ...refuse(405).headers, allow: 'GET, HEAD' } };
  const rawPath = rawPathOf(url);
  if (rawPath === null) return refuse(404);
  if (ESCAPE.test(rawPath)) return refuse(400);
  if (rawPath.startsWith(MEDIA_PATH_PREFIX)) return answerMedia(rawPath.slice(MEDIA_PATH_PREFIX.length), header(headers, 'range'), ctx.openedFiles);
  if (rawPath.includes('%')) return refuse(400); // the build's file names need no encoding
  return answerAsset(rawPath === '/' ? '/index.html' : rawPath, ctx.rendererDir);
}

async function answerMedia(id: string, range: string | null, files: OpenedMedia): Promise<ProtocolAnswer> {
  const opened = await files.resolve(id);
  if (opened === 'moved') return refuse(403); // replaced by a symlink (or moved) since it was opened
  if (typeof opened === 'string') return refuse(404);
  const real = opened.realPath;
  const st = await stat(real).catch(() => null);
  if (!st?.isFile()) return refuse(404);
  const r = answerRange(range, st.size, mediaContentType(real));
  const headers = { ...r.headers, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
  if (r.status === 416 || st.size === 0) return { status: r.status, headers };
  return { status: r.status, headers, body: { path: real, start: r.start, end: r.end } };
}

async function answerAsset(rawPath: string, rendererDir: string): Promise<ProtocolAnswer> {
  let root: string;
  let real: string;
  try {
    root = await realpath(rendererDir);
    real = await realpath(path.join(root, ...rawPath.split('/').filter(Boolean)));
  } catch {
    return refuse(404);
  }
  if (!real.startsWith(root + path.sep)) return refuse(403); // a symlink out of the build folder
  const st = await stat(real).catch(() => null);
  if (!st?.isFile()) return refuse(404);
  const type = ASSET_TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
  return { status: 200, headers: { ...securityHeaders(), 'content-type': type, 'content-length': String(st.size) }, body: { path: real, start: 0, end: st.size - 1 } };
}

/** Turns an answer into the web Response that `protocol.handle` returns (HEAD: no body). */
export function toResponse(a: ProtocolAnswer, method = 'GET'): Response {
  const stream = a.body && method !== 'HEAD'
    ? (Readable.toWeb(createReadStream(a.body.path, { start: a.body.start, end: a.body.end })) as ReadableStream<Uint8Array>)
    : null;
  return new Response(stream, { status: a.status, headers: a.headers });
}
