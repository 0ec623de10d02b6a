/**
 * The built renderer (renderer/dist or the folder given), served by the bridge with a strict Content Security
 * Policy. Only regular files inside the folder (symlinks resolved, and refused when they lead out of it); `/`
 * and any path without a file extension is the app's index.html (client-side screens); no directory listing.
 */
import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * What the renderer may do: its own scripts, styles (inline style attributes and the `<style>` elements that
 * components such as wavesurfer.js inject), media and fetches from the bridge only; no frames, no plugins,
 * no forms, no other hosts. Patient data never leaves the machine.
 */
export const RENDERER_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "media-src 'self' blob:", "connect-src 'self'", "font-src 'self'", "worker-src 'self' blob:", "manifest-src 'self'",
  "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'", "object-src 'none'",
].join('; ');

/** Headers on every renderer answer. */
export const RENDERER_HEADERS: Record<string, string> = {
  'content-security-policy': RENDERER_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-cache',
};

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
