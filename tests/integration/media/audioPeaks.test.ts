/** The audio lane's peaks from real recordings made with ffmpeg: tone then silence, no audio track, bad files, cancel. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancelledError, InputError } from '../../../native-models/errors.ts';
import { audioPeaks } from '../../../native-models/media/audioPeaks.ts';

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

describe('audioPeaks', () => {
  let dir = '';
  let toneThenSilence = '';
  let noAudio = '';
  let long = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'semioscope-peaks-'));
    toneThenSilence = path.join(dir, 'tone then silence.mp4');
    noAudio = path.join(dir, 'silent-video.mp4');
    long = path.join(dir, 'long.mkv');
    // 2 s of a mono 440 Hz sine at -6 dBFS (amplitude 0.5), then 2 s of digital silence, under a 4 s video.
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10:duration=4',
      '-f', 'lavfi', '-i', 'aevalsrc=0.5*sin(2*PI*440*t):s=48000:d=2:c=mono',
      '-f', 'lavfi', '-i', 'anullsrc=channel_layout=mono:sample_rate=48000:duration=2',
      '-filter_complex', '[1:a][2:a]concat=n=2:v=0:a=1[a]',
      '-map', '0:v', '-map', '[a]', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-b:a', '96k', toneThenSilence]);
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10:duration=2', '-an', '-c:v', 'libx264', '-preset', 'ultrafast', noAudio]);
    // 10 minutes of noise (PCM in MKV decodes fast), long enough to cancel mid-decode.
    ffmpeg(['-f', 'lavfi', '-i', 'anoisesrc=sample_rate=8000:amplitude=0.3:duration=600', '-c:a', 'pcm_s16le', long]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is high in the tone, about 0 in the silence, one bin per 1/binsPerSecond', async () => {
    const r = await audioPeaks(toneThenSilence, { binsPerSecond: 50 });
    assert.ok(r);
    assert.equal(r.binsPerSecond, 50);
    // AAC adds a priming delay and pads the last frame: within 0.1 s of 4 s.
    assert.ok(Math.abs(r.durationS - 4) < 0.1, `duration ${r.durationS}`);
    assert.ok(Math.abs(r.peaks.length - r.durationS * 50) <= 1, `${r.peaks.length} bins for ${r.durationS} s`);
    assert.ok(r.peaks.every((p) => p >= 0 && p <= 1));
    const tone = r.peaks.slice(10, 90); // 0.2-1.8 s
    const silence = r.peaks.slice(120, 190); // 2.4-3.8 s
    const min = Math.min(...tone);
    const max = Math.max(...silence);
    assert.ok(min > 0.4 && Math.max(...tone) < 0.6, `tone peaks ${min}..${Math.max(...tone)} (amplitude 0.5)`);
    assert.ok(max < 0.01, `silence peak ${max}`);
  });

  it('follows binsPerSecond', async () => {
    const r = await audioPeaks(toneThenSilence, { binsPerSecond: 10 });
    assert.ok(r);
    assert.ok(Math.abs(r.peaks.length - r.durationS * 10) <= 1, `${r.peaks.length} bins for ${r.durationS} s`);
  });

  it('is null for a video without an audio track', async () => {
    assert.equal(await audioPeaks(noAudio), null);
  });

  it('says which file is missing or not media, by base name only', async () => {
    await assert.rejects(audioPeaks(path.join(dir, 'gone.mp4')), (e: unknown) => e instanceof InputError && /"gone\.mp4" was not found/.test(e.message) && !e.message.includes(dir));
    const text = path.join(dir, 'notes.mp4');
    writeFileSync(text, 'this is not a video\n'.repeat(100));
    await assert.rejects(audioPeaks(text), (e: unknown) => e instanceof InputError && e.message.includes('"notes.mp4"') && !e.message.includes(dir));
    await assert.rejects(audioPeaks(dir), (e: unknown) => e instanceof InputError && /is not a file/.test(e.message));
  });

  it('stops with CancelledError when the signal aborts, before or during the decode', async () => {
    await assert.rejects(audioPeaks(long, { signal: AbortSignal.abort() }), CancelledError);
    const ac = new AbortController();
    const pending = audioPeaks(long, { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await assert.rejects(pending, CancelledError);
  });

  it('keeps only the bins of a long recording', async () => {
    const r = await audioPeaks(long, { binsPerSecond: 50 });
    assert.ok(r);
    assert.equal(r.peaks.length, 30_000);
    assert.ok(Math.abs(r.durationS - 600) < 0.01);
    const mean = r.peaks.reduce((s, p) => s + p, 0) / r.peaks.length;
    assert.ok(mean > 0.2 && mean <= 0.31, `noise peaks mean ${mean} (amplitude 0.3)`);
  });
});
