/**
 * The built renderer (renderer/dist or the folder given), served by the bridge with the renderer's Content
 * Security Policy (the same as the desktop app's). Only regular files inside the folder (symlinks resolved, and refused when they lead out of it); `/`
 * and any path without a file extension is the app's index.html (client-side screens); no directory listing.
 */
import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { securityHeaders } from '../platform/contentSecurityPolicy.ts';

/** Headers on every renderer answer: the shared security headers (platform/contentSecurityPolicy.ts), never cached. */
export const RENDERER_HEADERS: Record<string, string> = { ...securityHeaders(), 'cache-control': 'no-cache' };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
  '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

export function rendererContentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The open file for these (already checked) path segments, or null when there is none to serve. */
export async function openRendererFile(rootReal: string, segments: readonly string[]): Promise<{ file: import('node:fs/promises').FileHandle; contentType: string } | null> {
  const wantsFile = segments.length > 0 && path.extname(segments.at(-1)!) !== '';
  const rel = wantsFile ? path.join(...segments) : 'index.html';
  let real: string;
  try { real = await realpath(path.join(rootReal, rel)); } catch { return null; }
  if (real !== rootReal && !real.startsWith(rootReal + path.sep)) return null;
  try {
    if (!(await stat(real)).isFile()) return null;
    return { file: await open(real, 'r'), contentType: rendererContentType(real) };
  } catch {
    return null;
  }
}
