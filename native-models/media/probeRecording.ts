/**
 * Probes a recording with ffprobe and turns every way a file can be unusable into a message the user can act on.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { displayName } from '../platform/displayName.ts';
import { resolveMediaTools } from './ffmpegPaths.ts';
import { runProcess } from '../platform/runProcess.ts';

export interface RecordingProbe {
  fileName: string;
  sizeBytes: number;
  durationS: number;
  /** Display size (after rotation). */
  width: number;
  height: number;
  fps: number;
  rotation: 0 | 90 | 180 | 270;
  videoCodec: string;
  hasAudio: boolean;
  audioCodec: string | null;
  audioSampleRate: number | null;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  sample_rate?: string;
  tags?: Record<string, string>;
  side_data_list?: Array<{ side_data_type?: string; rotation?: number }>;
  disposition?: { attached_pic?: number };
}

function parseRate(r: string | undefined): number {
  if (!r) return 0;
  const [n, d] = r.split('/').map(Number);
  if (!n || !d) return 0;
  return n / d;
}

export function rotationOf(stream: FfprobeStream): 0 | 90 | 180 | 270 {
  const fromSide = stream.side_data_list?.find((s) => typeof s.rotation === 'number')?.rotation;
  const raw = fromSide ?? (stream.tags?.rotate !== undefined ? -Number(stream.tags.rotate) : 0);
  // The display matrix gives counter-clockwise degrees; report clockwise 0/90/180/270.
  return ((((Math.round(-raw / 90) * 90) % 360) + 360) % 360) as 0 | 90 | 180 | 270;
}

export async function probeRecording(filePath: string, options: { signal?: AbortSignal } = {}): Promise<RecordingProbe> {
  const fileName = displayName(filePath);
  let sizeBytes: number;
  try {
    const st = statSync(filePath);
    if (!st.isFile()) throw new InputError(`"${fileName}" is not a file.`);
    sizeBytes = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`The recording "${fileName}" was not found. Check the path and that the drive is connected.`);
  }
  if (sizeBytes === 0) {
    throw new InputError(`The recording "${fileName}" is empty (0 bytes). The copy from the recording system probably failed: copy it again.`);
  }
  const { ffprobe } = resolveMediaTools();
  const res = await runProcess(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', filePath], {
    signal: options.signal, timeoutMs: 60_000,
  });
  let parsed: { streams?: FfprobeStream[]; format?: { duration?: string; format_name?: string } } = {};
  try { parsed = JSON.parse(res.stdout.toString('utf8') || '{}'); } catch { /* handled below */ }
  // ffprobe names the file in its errors: never show its folder (folders can carry a patient's name).
  const stderr = res.stderr.replaceAll(filePath, '<file>').replaceAll(path.dirname(filePath), '<folder>').trim();
  if (res.code !== 0 || !parsed.format) {
    if (/moov atom not found/i.test(stderr) && looksLikeIsoMedia(filePath)) {
      throw new InputError(`The recording "${fileName}" is truncated or still being written (its index is missing). Export or copy it again and retry.`);
    }
    throw new InputError(`"${fileName}" is not a readable video file (${firstLine(stderr) || 'unknown format'}). Export the seizure clip again as MP4, MKV, AVI or MOV.`);
  }
  const streams = parsed.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!video || !video.width || !video.height) {
    throw new InputError(`"${fileName}" has no video stream. Semioscope needs the video of the seizure, not only its audio.`);
  }
  const audio = streams.find((s) => s.codec_type === 'audio');
  const durationS = Number(parsed.format.duration ?? video.duration ?? NaN);
  if (!Number.isFinite(durationS) || durationS <= 0) {
    throw new InputError(`The duration of "${fileName}" cannot be read; the file may be damaged. Export it again.`);
  }
  const rotation = rotationOf(video);
  const swap = rotation === 90 || rotation === 270;
  return {
    fileName,
    sizeBytes,
    durationS,
    width: swap ? video.height : video.width,
    height: swap ? video.width : video.height,
    fps: parseRate(video.avg_frame_rate) || parseRate(video.r_frame_rate),
    rotation,
    videoCodec: video.codec_name ?? 'unknown',
    hasAudio: Boolean(audio),
    audioCodec: audio?.codec_name ?? null,
    audioSampleRate: audio?.sample_rate ? Number(audio.sample_rate) : null,
  };
}

/** MP4/MOV files start with a box such as ftyp, moov, mdat, free or wide at byte 4. */
function looksLikeIsoMedia(filePath: string): boolean {
  const fd = openSync(filePath, 'r');
  try {
    const b = Buffer.alloc(8);
    readSync(fd, b, 0, 8, 0);
    return ['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip'].includes(b.toString('latin1', 4, 8));
  } finally {
    closeSync(fd);
  }
}

function firstLine(s: string): string {
  // ffprobe prefixes messages with the input path: keep only what follows it.
  const line = s.split('\n')[0] ?? '';
  const idx = line.lastIndexOf(': ');
  return (idx >= 0 ? line.slice(idx + 2) : line).trim();
}
