/**
 * The waveform of the review app's audio lane: the recording's first audio track decoded by ffmpeg to mono
 * 16-bit PCM at a low rate and reduced on the fly to one peak (max |amplitude|, 0..1) per bin. Only the bins
 * are kept (50 numbers a second by default), never the decoded audio, so a long recording costs a few
 * hundred kilobytes. The renderer draws these with wavesurfer.js, which then never fetches or decodes the file.
 */
import { statSync } from 'node:fs';
import { asCancellation, CancelledError, InputError, throwIfCancelled } from '../errors.ts';
import { displayName } from '../platform/displayName.ts';
import { redactPaths, spawnStreaming } from '../platform/runProcess.ts';
import { resolveMediaTools } from './ffmpegPaths.ts';

export interface AudioPeaksOptions {
  /** Peaks per second of audio (default 50). */
  binsPerSecond?: number;
  /** Decoding rate in Hz (default 8000): enough for a peak envelope. */
  sampleRate?: number;
  signal?: AbortSignal;
}

export interface AudioPeaks {
  /** Max |amplitude| per bin, 0..1, mono (channels mixed down by ffmpeg). */
  peaks: number[];
  /** Seconds of decoded audio. */
  durationS: number;
  binsPerSecond: number;
}

/** ffmpeg's words when the input has no audio stream for `-map 0:a:0`. */
const NO_AUDIO = /matches no streams|does not contain any stream/i;

/** The peaks of the first audio track, or null when the file has none. */
export async function audioPeaks(videoPath: string, options: AudioPeaksOptions = {}): Promise<AudioPeaks | null> {
  const { binsPerSecond = 50, sampleRate = 8000, signal } = options;
  const name = displayName(videoPath);
  if (!(binsPerSecond > 0 && binsPerSecond <= sampleRate)) {
    throw new RangeError(`binsPerSecond must be in (0, ${sampleRate}], got ${binsPerSecond}`);
  }
  throwIfCancelled(signal);
  try {
    if (!statSync(videoPath).isFile()) throw new InputError(`"${name}" is not a file.`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`The recording "${name}" was not found. Check the path and that the drive is connected.`);
  }
  const { ffmpeg } = resolveMediaTools();
  const args = ['-nostdin', '-v', 'error', '-i', videoPath, '-map', '0:a:0', '-vn', '-sn', '-dn',
    '-ac', '1', '-ar', String(sampleRate), '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1'];
  const decoder = spawnStreaming(ffmpeg, args, { signal });
  const peaks: number[] = [];
  let sampleIndex = 0;
  let binIndex = 0;
  let binMax = 0;
  let carry: Buffer | null = null;
  try {
    for await (const raw of decoder.stdout as AsyncIterable<Buffer>) {
      let chunk = raw;
      if (carry) { chunk = Buffer.concat([carry, raw]); carry = null; }
      const whole = chunk.length & ~1;
      if (whole < chunk.length) carry = Buffer.from(chunk.subarray(whole));
      for (let off = 0; off < whole; off += 2) {
        const bin = Math.floor((sampleIndex * binsPerSecond) / sampleRate);
        if (bin !== binIndex) {
          // binsPerSecond <= sampleRate: bins advance one at a time.
          peaks.push(binMax);
          binIndex = bin;
          binMax = 0;
        }
        const v = Math.abs(chunk.readInt16LE(off));
        if (v > binMax) binMax = v;
        sampleIndex++;
      }
    }
    const code = await decoder.exited;
    if (signal?.aborted) throw new CancelledError();
    if (code !== 0) {
      const stderr = decoder.stderr().replaceAll(videoPath, name);
      if (NO_AUDIO.test(stderr)) return null;
      const msg = redactPaths(stderr.split('\n').find((l) => l.trim()) ?? `exit code ${code}`).trim();
      throw new InputError(`The audio of "${name}" could not be read (${msg}). The file may not be a recording or may be damaged: export it again.`);
    }
  } catch (e) {
    throw asCancellation(e, signal);
  } finally {
    decoder.stop();
  }
  if (sampleIndex === 0) return { peaks: [], durationS: 0, binsPerSecond };
  peaks.push(binMax);
  // 32768 (the most negative sample) maps to 1; four decimals are finer than any screen pixel.
  return {
    peaks: peaks.map((p) => Math.round((p / 32768) * 1e4) / 1e4),
    durationS: sampleIndex / sampleRate,
    binsPerSecond,
  };
}
