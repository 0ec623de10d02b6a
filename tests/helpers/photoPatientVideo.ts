/**
 * Test videos of a "patient" made by ffmpeg from a real photo of a person (Debian opencv-doc's messi5.jpg), for
 * the measured-signs tests that run the real pose: his left forearm cut out and rotated about the elbow at a
 * rhythm whose frequency goes linearly from f0 to f1 (the cut-out place filled with a blur), optionally
 * mirrored, turned or delayed; and the same photo with no rhythm at all, perfectly still or drifting slowly on
 * a grey room the way the bench's stand-in recording drifts (bench/makeBenchRecording.ts, at half its size).
 */
import { execFileSync } from 'node:child_process';

export const PHOTO_PATIENT = '/usr/share/doc/opencv-doc/examples/data/messi5.jpg';

export interface ForearmRhythm {
  /** Rhythm from onS to offS (video seconds before any delay), frequency f0 -> f1 Hz. */
  onS: number;
  offS: number;
  f0: number;
  f1: number;
  durationS: number;
  /** Filters applied to the finished picture, e.g. 'hflip' or 'transpose=1' (90 deg clockwise). */
  post?: string;
  /** Seconds of the still photo put before the video (every time shifts by this). */
  delayS?: number;
}

/** Instantaneous frequency of the script at video time t (no delay). */
export function forearmHz(r: ForearmRhythm, t: number): number {
  return r.f0 + ((r.f1 - r.f0) * (t - r.onS)) / (r.offS - r.onS);
}

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The left forearm (elbow ~(304,151), wrist ~(350,162) in the 548x342 photo) rotated about the elbow, 20 deg amplitude. */
export function makeForearmVideo(file: string, r: ForearmRhythm): void {
  const cx = 224, cy = 71, side = 160, c = side / 2; // a square centred on the elbow
  const ux = 0.972, uy = 0.233; // elbow -> wrist direction
  const mask = `if(gt((X-${c})*${ux}+(Y-${c})*${uy},-4)*lt((X-${c})*${ux}+(Y-${c})*${uy},78)*lt(abs(-(X-${c})*${uy}+(Y-${c})*${ux}),15),255,0)`;
  const u = `(t-${r.onS})`;
  const angle = `if(between(t,${r.onS},${r.offS}),0.35*sin(2*PI*(${r.f0}*${u}+${(r.f1 - r.f0) / (2 * (r.offS - r.onS))}*${u}*${u})),0)`;
  const post = [r.post, r.delayS ? `tpad=start_duration=${r.delayS}:start_mode=clone` : ''].filter(Boolean).map((f) => `,${f}`).join('');
  const graph = [
    `[0]format=rgba,split=3[base][a][b]`,
    `[a]crop=${side}:${side}:${cx}:${cy},geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='${mask}'[arm]`,
    `[b]boxblur=12,crop=${side}:${side}:${cx}:${cy},geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='${mask}'[fill]`,
    `[base][fill]overlay=${cx}:${cy}[filled]`,
    `[arm]rotate=a='${angle}':c=none:ow=${side}:oh=${side}[rot]`,
    `[filled][rot]overlay=${cx}:${cy}${post},format=yuv420p`,
  ].join(';');
  ffmpeg(['-loop', '1', '-framerate', '30', '-i', PHOTO_PATIENT, '-t', String(r.durationS + (r.delayS ?? 0)), '-filter_complex', graph,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '16', file]);
}

/**
 * The photo with no rhythm on a 960x540 grey room: `drift` moves it as the bench recording does (at half
 * size: 60 px over 47 s in x, 20 px over 31 s in y, so a 448-px pose frame sees the same person at the
 * same speed), else it stays perfectly still.
 */
export function makeDriftingPhotoVideo(file: string, durationS: number, drift: boolean): void {
  const x = drift ? '280+60*sin(2*PI*t/47)' : '280';
  const y = drift ? '100+20*sin(2*PI*t/31)' : '100';
  ffmpeg(['-f', 'lavfi', '-i', `color=c=0x707a80:s=960x540:r=30:d=${durationS}`, '-loop', '1', '-framerate', '30', '-i', PHOTO_PATIENT,
    '-filter_complex', `[1]scale=410:-2[p];[0][p]overlay=x='${x}':y='${y}',format=yuv420p`, '-t', String(durationS),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', file]);
}
