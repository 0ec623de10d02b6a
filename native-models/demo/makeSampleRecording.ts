/**
 * A synthetic sample recording made with ffmpeg (no patient, no third-party media): a moving test pattern
 * with a tone and noise as sound, or no sound at all. Used by the demo and the tests.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { resolveMediaTools } from '../media/ffmpegPaths.ts';
import { runProcess } from '../platform/runProcess.ts';

export interface SampleRecordingOptions {
  durationS: number;
  width?: number;
  height?: number;
  fps?: number;
  audio?: boolean;
  /** Move the index to the front (a truncated copy then still has a header). */
  faststart?: boolean;
}

export async function makeSampleRecording(outPath: string, o: SampleRecordingOptions): Promise<string> {
  const { ffmpeg } = resolveMediaTools();
  mkdirSync(path.dirname(outPath), { recursive: true });
  const w = o.width ?? 1280;
  const h = o.height ?? 720;
  const fps = o.fps ?? 30;
  const args = ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${w}x${h}:rate=${fps}:duration=${o.durationS}`];
  if (o.audio !== false) {
    args.push('-f', 'lavfi', '-i', `sine=frequency=220:sample_rate=44100:duration=${o.durationS}`,
      '-f', 'lavfi', '-i', `anoisesrc=color=pink:amplitude=0.05:sample_rate=44100:duration=${o.durationS}`,
      '-filter_complex', '[1:a][2:a]amix=inputs=2:duration=shortest[a]', '-map', '0:v', '-map', '[a]', '-c:a', 'aac', '-b:a', '96k');
  }
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', String(fps * 2));
  if (o.faststart) args.push('-movflags', '+faststart');
  args.push(outPath);
  const res = await runProcess(ffmpeg, args, { timeoutMs: 10 * 60_000 });
  if (res.code !== 0) throw new Error(`ffmpeg could not make the sample recording: ${res.stderr.slice(0, 300)}`);
  return outPath;
}
