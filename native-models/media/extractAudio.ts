/**
 * Audio as the models and the enhancement layer want it: mono float PCM (default 16 kHz), and WAV encoding
 * for llama-server's `input_audio`.
 */
import path from 'node:path';
import { InputError } from '../errors.ts';
import { resolveMediaTools } from './ffmpegPaths.ts';
import { runProcess } from '../platform/runProcess.ts';

export interface ExtractAudioOptions {
  sampleRate?: number;
  startS?: number;
  endS?: number;
  signal?: AbortSignal;
}

export async function extractAudioPcm(videoPath: string, options: ExtractAudioOptions = {}): Promise<Float32Array> {
  const { sampleRate = 16000, startS = 0, endS, signal } = options;
  const args = ['-nostdin', '-v', 'error'];
  if (startS > 0) args.push('-ss', String(startS));
  args.push('-i', videoPath);
  if (endS !== undefined) args.push('-t', String(Math.max(0, endS - startS)));
  args.push('-vn', '-ac', '1', '-ar', String(sampleRate), '-f', 'f32le', 'pipe:1');
  const { ffmpeg } = resolveMediaTools();
  const res = await runProcess(ffmpeg, args, { signal, timeoutMs: 10 * 60_000 });
  if (res.code !== 0) {
    const first = res.stderr.split('\n').find((l) => l.trim()) ?? '';
    if (/does not contain any stream|matches no streams/i.test(res.stderr)) {
      throw new InputError(`"${path.basename(videoPath)}" has no audio track.`);
    }
    throw new InputError(`The audio of "${path.basename(videoPath)}" could not be decoded (${first.replace(videoPath, path.basename(videoPath)).trim()}).`);
  }
  const n = Math.floor(res.stdout.length / 4);
  const pcm = new Float32Array(n);
  for (let i = 0; i < n; i++) pcm[i] = res.stdout.readFloatLE(i * 4);
  return pcm;
}

/** A slice of PCM by time, clamped to the buffer. */
export function slicePcm(pcm: Float32Array, sampleRate: number, startS: number, endS: number): Float32Array {
  const a = Math.max(0, Math.floor(startS * sampleRate));
  const b = Math.min(pcm.length, Math.ceil(endS * sampleRate));
  return pcm.subarray(a, Math.max(a, b));
}

/** 16-bit PCM mono WAV. */
export function encodeWav(pcm: Float32Array, sampleRate: number): Buffer {
  const data = Buffer.alloc(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) {
    const s = Math.max(-1, Math.min(1, pcm[i] ?? 0));
    data.writeInt16LE(Math.round(s < 0 ? s * 0x8000 : s * 0x7fff), i * 2);
  }
  const h = Buffer.alloc(44);
  h.write('RIFF', 0); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8);
  h.write('fmt ', 12); h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22);
  h.writeUInt32LE(sampleRate, 24); h.writeUInt32LE(sampleRate * 2, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34);
  h.write('data', 36); h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}
