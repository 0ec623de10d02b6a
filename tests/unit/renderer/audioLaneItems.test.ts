/** The audio lane's items from analysis.json's `audio`: regions, cues, the current cue, the note. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import {
  audioLaneNote, cueClock, currentCueIndex, shouldNormalize, transcriptCues, vadRegions, waveformPeaks, type TranscriptCue,
} from '../../../renderer/src/review/audioLaneItems.ts';

type Audio = NonNullable<AnalysisResult['audio']>;

const audio: Audio = {
  voiceActivity: [{ startS: 12, endS: 15.5 }, { startS: 2, endS: 4 }, { startS: 58, endS: 70 }, { startS: 5, endS: 5 }],
  transcript: {
    text: 'help me   what is happening',
    segments: [{ startS: 12.2, endS: 13.4, text: ' what is ' }, { startS: 2.1, endS: 3.9, text: 'help me' }, { startS: 20, endS: 21, text: '  ' }, { startS: 13.4, endS: 15, text: 'happening' }],
    model: 'whisper-tiny',
  },
  denoiser: null,
  vadModel: 'silero-vad',
};

describe('audioLaneItems', () => {
  it('voice-activity regions: time order, clamped to the recording, empty spans dropped', () => {
    assert.deepEqual(vadRegions(audio, 60), [
      { index: 0, startS: 2, endS: 4 }, { index: 1, startS: 12, endS: 15.5 }, { index: 2, startS: 58, endS: 60 },
    ]);
    assert.equal(vadRegions(audio, 0).length, 3, 'an unknown duration clamps nothing');
    assert.deepEqual(vadRegions(null, 60), []);
  });

  it('transcript cues: time order, trimmed, blank ones dropped', () => {
    assert.deepEqual(transcriptCues(audio), [
      { index: 0, startS: 2.1, endS: 3.9, text: 'help me' },
      { index: 1, startS: 12.2, endS: 13.4, text: 'what is' },
      { index: 2, startS: 13.4, endS: 15, text: 'happening' },
    ]);
    assert.deepEqual(transcriptCues(null), []);
    assert.deepEqual(transcriptCues({ ...audio, transcript: null }), []);
  });

  it('the current cue: inside a cue, none between cues, ends exclusive', () => {
    const cues = transcriptCues(audio);
    const at = (t: number) => currentCueIndex(cues, t);
    assert.equal(at(0), -1);
    assert.equal(at(2.1), 0);
    assert.equal(at(3.89), 0);
    assert.equal(at(3.9), -1);
    assert.equal(at(12.5), 1);
    assert.equal(at(13.4), 2, 'a cue ending where the next starts hands over');
    assert.equal(at(100), -1);
    assert.equal(currentCueIndex([], 5), -1);
  });

  it('binary search agrees with a linear scan over many cues', () => {
    const cues: TranscriptCue[] = Array.from({ length: 1000 }, (_, i) => ({ index: i, startS: i * 3, endS: i * 3 + 2, text: `c${i}` }));
    for (let t = -1; t < 3005; t += 0.37) {
      const linear = cues.findIndex((c) => c.startS <= t && t < c.endS);
      assert.equal(currentCueIndex(cues, t), linear, `t=${t}`);
    }
  });

  it('says in one line what is missing', () => {
    const peaks = { peaks: [0.1], durationS: 1 };
    assert.match(audioLaneNote(audio, null)!, /No audio track in this recording/);
    assert.match(audioLaneNote(null, null)!, /No audio track/);
    assert.match(audioLaneNote(null, peaks)!, /Audio was not analysed/);
    assert.match(audioLaneNote({ ...audio, voiceActivity: [], transcript: null }, peaks)!, /No speech detected/);
    assert.match(audioLaneNote({ ...audio, transcript: null }, peaks)!, /No transcript/);
    assert.equal(audioLaneNote(audio, peaks), null);
    assert.equal(audioLaneNote(audio, undefined), null, 'still loading: nothing to say yet');
  });

  it('normalizes only a track that is not near-silent; cue clock', () => {
    assert.equal(shouldNormalize([0, 0.001, 0.01]), false);
    assert.equal(shouldNormalize([0, 0.3]), true);
    assert.equal(cueClock(0), '0:00.0');
    assert.equal(cueClock(12.34), '0:12.3');
    assert.equal(cueClock(75.96), '1:16.0');
  });
});

describe('waveformPeaks', () => {
  it('pads a short audio track with silence up to the recording duration, never trims', () => {
    const padded = waveformPeaks({ peaks: [0.5, 0.5, 0.5, 0.5], durationS: 2 }, 3);
    assert.deepEqual(padded, { data: [0.5, 0.5, 0.5, 0.5, 0, 0], durationS: 3 });
    assert.deepEqual(waveformPeaks({ peaks: [0.1, 0.2], durationS: 1 }, 0.9), { data: [0.1, 0.2], durationS: 1 });
    assert.deepEqual(waveformPeaks({ peaks: [], durationS: 0 }, 5), { data: [], durationS: 5 });
  });
});
