/**
 * One ffmpeg process decodes a recording (or a time range of it) into timed rgb24 frames at a fixed rate,
 * scaled so the long side is at most `longSide` px. Frames stream as an async iterable: back-pressure stops
 * ffmpeg while the consumer is busy, so memory stays bounded by one pipe buffer plus one frame.
 */
import path from 'node:path';
import { asCancellation, CancelledError, InputError } from '../errors.ts';
import { redactPaths, spawnStreaming } from '../platform/runProcess.ts';
import { resolveMediaTools } from './ffmpegPaths.ts';
import type { TimedFrame } from './frameTypes.ts';

export interface DecodeFramesOptions {
  /** Frames per second to sample. */
  fps: number;
  /** Long side of the output frames in px (never upscaled). */
  longSide: number;
  startS?: number;
  endS?: number;
  signal?: AbortSignal;
  /** Display size of the source; probed when omitted. */
  sourceWidth?: number;
  sourceHeight?: number;
  /** Frame rate of the source; when it is at least 3x the sampling rate, frames no other frame depends on are not decoded. */
  sourceFps?: number;
}

/** Output size for a display size and a long-side bound: even dimensions, aspect kept, never upscaled. */
export function scaledSize(width: number, height: number, longSide: number): { width: number; height: number } {
  const scale = Math.min(1, longSide / Math.max(width, height));
  const even = (x: number) => Math.max(2, 2 * Math.round((x * scale) / 2));
  return { width: even(width), height: even(height) };
}

export async function* decodeFrames(videoPath: string, options: DecodeFramesOptions): AsyncGenerator<TimedFrame> {
  const { fps, longSide, startS = 0, endS, signal } = options;
  let { sourceWidth, sourceHeight } = options;
  if (!sourceWidth || !sourceHeight) {
    const { probeRecording } = await import('./probeRecording.ts');
    const p = await probeRecording(videoPath, { signal });
    sourceWidth = p.width;
    sourceHeight = p.height;
  }
  const { width, height } = scaledSize(sourceWidth, sourceHeight, longSide);
  const frameBytes = width * height * 3;
  const args = ['-nostdin', '-v', 'error'];
  // Sampling 2 fps out of 30 needs only a frame near each sampling time: frames that no other frame refers to
  // (B-frames) need not be decoded, which halves the decode work of typical H.264; the sampled frame is then at
  // most two source frames from its nominal time. When frames are also shrunk at least 2x, the deblocking
  // filter changes nothing visible after scaling.
  if (options.sourceFps && options.sourceFps >= 3 * fps) args.push('-skip_frame', 'noref');
  if (width <= sourceWidth / 2) args.push('-skip_loop_filter', 'all');
  if (startS > 0) args.push('-ss', String(startS));
  args.push('-i', videoPath);
  if (endS !== undefined) args.push('-t', String(Math.max(0, endS - startS)));
  args.push('-an', '-sn', '-vf', `fps=${fps}:round=near,scale=${width}:${height}:flags=area`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1');
  const { ffmpeg } = resolveMediaTools();
  const decoder = spawnStreaming(ffmpeg, args, { signal });
  // Each pipe chunk (~64 kB) is copied once into the frame being filled, not re-concatenated per chunk.
  let data = Buffer.allocUnsafe(frameBytes);
  let filled = 0;
  let index = 0;
  try {
    for await (const chunk of decoder.stdout as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < chunk.length) {
        const n = Math.min(frameBytes - filled, chunk.length - at);
        chunk.copy(data, filled, at, at + n);
        filled += n;
        at += n;
        if (filled < frameBytes) break;
        const full = data;
        data = Buffer.allocUnsafe(frameBytes);
        filled = 0;
        yield { tS: Math.round((startS + index / fps) * 1000) / 1000, width, height, data: full, sourceWidth, sourceHeight };
        index++;
      }
    }
    const code = await decoder.exited;
    if (signal?.aborted) throw new CancelledError();
    if (code !== 0) {
      const stderr = decoder.stderr().replaceAll(videoPath, path.basename(videoPath));
      const msg = redactPaths(stderr.split('\n').find((l) => l.trim()) ?? `exit code ${code}`).trim();
      throw new InputError(`The video of "${path.basename(videoPath)}" could not be decoded (${msg}). The file may be damaged: export it again.`);
    }
  } catch (e) {
    throw asCancellation(e, signal);
  } finally {
    decoder.stop();
  }
}
