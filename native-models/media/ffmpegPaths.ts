/**
 * Where ffmpeg and ffprobe come from: a configured path, then the binary inside ffmpeg-static when its
 * install step fetched one, then the system PATH. ffprobe: configured path, then next to ffmpeg, then PATH.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { runProcessSync } from '../platform/runProcess.ts';

export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
}

function onPath(name: string): string | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter);
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const d of dirs) for (const e of exts) {
    const p = path.join(d, name + e);
    if (d && existsSync(p)) return p;
  }
  return null;
}

function ffmpegStaticPath(): string | null {
  try {
    const p = createRequire(import.meta.url)('ffmpeg-static') as string | null;
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

let cached: MediaTools | null = null;

export function resolveMediaTools(config: { ffmpeg?: string; ffprobe?: string } = {}): MediaTools {
  if (cached && !config.ffmpeg && !config.ffprobe) return cached;
  const ffmpeg = config.ffmpeg ?? process.env.SEMIOSCOPE_FFMPEG ?? ffmpegStaticPath() ?? onPath('ffmpeg');
  if (!ffmpeg || !existsSync(ffmpeg)) {
    throw new InputError('ffmpeg was not found. Install it (Debian: apt-get install ffmpeg) or set SEMIOSCOPE_FFMPEG to its path.');
  }
  const sibling = path.join(path.dirname(ffmpeg), path.basename(ffmpeg).replace(/^ffmpeg/, 'ffprobe'));
  const ffprobe = config.ffprobe ?? process.env.SEMIOSCOPE_FFPROBE ?? (existsSync(sibling) && sibling !== ffmpeg ? sibling : onPath('ffprobe'));
  if (!ffprobe || !existsSync(ffprobe)) {
    throw new InputError('ffprobe was not found. Install ffmpeg (which includes ffprobe) or set SEMIOSCOPE_FFPROBE to its path.');
  }
  const tools = { ffmpeg, ffprobe };
  if (!config.ffmpeg && !config.ffprobe) cached = tools;
  return tools;
}

/** `ffmpeg -version` first line, for logs and the report's method section. */
export function mediaToolsVersion(tools: MediaTools): string {
  return runProcessSync(tools.ffmpeg, ['-version'], { timeoutMs: 10_000 }).split('\n')[0] ?? 'unknown';
}
