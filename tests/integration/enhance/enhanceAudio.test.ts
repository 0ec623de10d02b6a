/**
 * Speech (espeak-ng) placed in 12 s of audio and mixed with low-frequency-weighted noise at 3 dB SNR:
 * RNNoise must raise SNR by at least 6 dB, Silero VAD must find the speech interval within 0.5 s, and the
 * transcript hook must get the speech chunk with its recording times. Also through a real recording file, and
 * in the audio worker thread (the analysis's path): the same samples and segments, and an abort ends it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { denoiseSpeech } from '../../../native-models/enhance/denoiseSpeech.ts';
import { detectVoiceActivity } from '../../../native-models/enhance/detectVoiceActivity.ts';
import { enhanceAudio } from '../../../native-models/enhance/enhanceAudio.ts';
import { CancelledError } from '../../../native-models/errors.ts';
import { encodeWav, extractAudioPcm } from '../../../native-models/media/extractAudio.ts';
import { ffmpeg, requireFiles, tempDir } from './testMedia.ts';

const RATE = 16000;
const energy = (x: Float32Array) => x.reduce((s, v) => s + v * v, 0);
const snrDb = (clean: Float32Array, x: Float32Array) => 10 * Math.log10(energy(clean) / energy(x.map((v, i) => v - clean[i]!)));

describe('audio enhancement on synthetic speech in noise', () => {
  const dir = tempDir();
  let clean: Float32Array;
  let noisy: Float32Array;
  let truth: { startS: number; endS: number };

  before(async () => {
    requireFiles('/usr/bin/espeak-ng');
    const wav = path.join(dir, 'speech.wav');
    execFileSync('espeak-ng', ['-w', wav, 'Can you hear me? Please squeeze my hand. What is your name?']);
    const speech = await extractAudioPcm(wav, { sampleRate: RATE });
    clean = new Float32Array(12 * RATE);
    clean.set(speech, 4 * RATE);
    let a = -1, b = -1;
    for (let i = 0; i < clean.length; i++) if (Math.abs(clean[i]!) > 0.02) { if (a < 0) a = i; b = i; }
    truth = { startS: a / RATE, endS: b / RATE };
    // Deterministic noise with most energy at low frequencies (ventilation, HVAC hum), at 3 dB SNR.
    let seed = 12345, y = 0;
    const noise = new Float32Array(clean.length);
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      y = 0.9 * y + 0.1 * ((seed / 0x7fffffff) * 2 - 1);
      noise[i] = y;
    }
    const g = Math.sqrt(energy(clean) / energy(noise) / 10 ** (3 / 10));
    noisy = clean.map((v, i) => v + g * noise[i]!);
  });

  it('RNNoise raises SNR by at least 6 dB (16 kHz in, resampled to 48 kHz and back)', async () => {
    const out = await denoiseSpeech(noisy, RATE);
    assert.equal(out.length, noisy.length);
    const before = snrDb(clean, noisy);
    const after = snrDb(clean, out);
    console.log(`# SNR ${before.toFixed(1)} dB -> ${after.toFixed(1)} dB (gain ${(after - before).toFixed(1)} dB)`);
    assert.ok(after - before >= 6, `gain ${after - before} dB`);
  });

  it('Silero VAD finds the speech interval within 0.5 s', async () => {
    const den = await denoiseSpeech(noisy, RATE);
    const segs = await detectVoiceActivity(den);
    assert.ok(segs.length >= 1);
    const startS = segs[0]!.startS;
    const endS = segs[segs.length - 1]!.endS;
    console.log(`# VAD ${startS.toFixed(2)}-${endS.toFixed(2)} s, truth ${truth.startS.toFixed(2)}-${truth.endS.toFixed(2)} s`);
    assert.ok(Math.abs(startS - truth.startS) <= 0.5 && Math.abs(endS - truth.endS) <= 0.5);
    // Nothing outside the speech.
    assert.ok(segs.every((s) => s.startS >= truth.startS - 0.5 && s.endS <= truth.endS + 0.5));
  });

  it('enhanceAudio on a recording file: denoised audio, voice activity and the transcript hook with recording times', async () => {
    const wav = path.join(dir, 'noisy.wav');
    writeFileSync(wav, encodeWav(noisy, RATE));
    const video = path.join(dir, 'rec.mp4');
    ffmpeg(['-f', 'lavfi', '-i', 'color=c=black:s=320x240:r=10:d=12', '-i', wav, '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', video]);
    const pcm48 = await extractAudioPcm(video, { sampleRate: 48000 });
    const calls: Array<{ startS: number; endS: number; n: number; rate: number }> = [];
    const res = await enhanceAudio(pcm48, 48000, {
      asr: { model: 'fake-asr', transcribe: async (pcm, rate, span) => { calls.push({ ...span, n: pcm.length, rate }); return 'can you hear me'; } },
    });
    assert.equal(res.denoised?.length, pcm48.length);
    assert.ok(res.output.voiceActivity.length >= 1);
    assert.equal(calls.length, 1);
    assert.ok(Math.abs(calls[0]!.startS - truth.startS) < 0.8 && Math.abs(calls[0]!.endS - truth.endS) < 0.8);
    assert.equal(calls[0]!.rate, 16000);
    assert.ok(Math.abs(calls[0]!.n - (calls[0]!.endS - calls[0]!.startS) * 16000) <= 2);
    assert.equal(res.output.transcript?.text, 'can you hear me');
    assert.match(res.output.denoiser ?? '', /RNNoise/);
    assert.match(res.output.vadModel, /Silero/);
  });

  it('in the audio worker thread: the same denoised samples and voice activity; an abort ends it with CancelledError', async () => {
    const pcm48 = resample16kTo48k(noisy);
    const here = await enhanceAudio(pcm48, 48000);
    const there = await enhanceAudio(pcm48, 48000, { worker: true });
    assert.deepEqual(there.output, here.output);
    assert.ok(Buffer.from(there.denoised!.buffer).equals(Buffer.from(here.denoised!.buffer)), 'the same denoised samples');
    assert.ok(Buffer.from(there.speech16k.buffer).equals(Buffer.from(here.speech16k.buffer)), 'the same 16 kHz audio');
    assert.equal(pcm48.length, here.denoised!.length, 'the caller keeps its PCM');
    const stop = new AbortController();
    const run = enhanceAudio(pcm48, 48000, { worker: true, signal: stop.signal });
    setTimeout(() => stop.abort(), 50);
    await assert.rejects(run, CancelledError);
  });
});

/** 48 kHz copy of 16 kHz test audio (each sample three times: enough for RNNoise's frames and a comparison). */
function resample16kTo48k(x: Float32Array): Float32Array {
  const y = new Float32Array(x.length * 3);
  for (let i = 0; i < y.length; i++) y[i] = x[Math.floor(i / 3)]!;
  return y;
}
