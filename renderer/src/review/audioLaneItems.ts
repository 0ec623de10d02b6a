/**
 * What the audio lane draws, from analysis.json's `audio` (null without an audio track or when audio was not
 * analysed): the voice-activity spans as regions, the transcript as timed cues, which cue is current at a
 * time (binary search: it runs on every timeupdate), and the one-line note when something is missing.
 * Pure, no DOM: AudioLane.tsx draws these.
 */
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';

export type AudioAnalysis = AnalysisResult['audio'];

export interface VadRegion {
  /** Position in time order (stable id for the drawn region). */
  index: number;
  startS: number;
  endS: number;
}

export interface TranscriptCue {
  index: number;
  startS: number;
  endS: number;
  text: string;
}

/** Voice-activity spans in time order, clamped to [0, durationS]; empty or inverted spans dropped. */
export function vadRegions(audio: AudioAnalysis, durationS: number): VadRegion[] {
  const end = Number.isFinite(durationS) && durationS > 0 ? durationS : Infinity;
  return (audio?.voiceActivity ?? [])
    .map((s) => ({ startS: Math.max(0, s.startS), endS: Math.min(end, s.endS) }))
    .filter((s) => s.endS > s.startS)
    .sort((a, b) => a.startS - b.startS || a.endS - b.endS)
    .map((s, index) => ({ index, ...s }));
}

/** Transcript segments as cues in time order, text trimmed, empty ones dropped. */
export function transcriptCues(audio: AudioAnalysis): TranscriptCue[] {
  return (audio?.transcript?.segments ?? [])
    .map((s) => ({ startS: s.startS, endS: Math.max(s.startS, s.endS), text: s.text.trim() }))
    .filter((s) => s.text.length > 0)
    .sort((a, b) => a.startS - b.startS || a.endS - b.endS)
    .map((s, index) => ({ index, ...s }));
}

/**
 * Index of the cue shown at `t`, or -1 between cues. Cues are in start order; the current one is the last that
 * has started, when it has not ended (cue ends are exclusive). Cues of an ASR model do not overlap; if two
 * did, the later one wins while both run.
 */
export function currentCueIndex(cues: readonly TranscriptCue[], t: number): number {
  let lo = 0;
  let hi = cues.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.startS <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found >= 0 && t < cues[found]!.endS ? found : -1;
}

/** The waveform's peaks as the renderer receives them: null when the recording has no audio track. */
export interface LanePeaks {
  peaks: number[];
  durationS: number;
}

/**
 * The lane's one-line note, or null when there is nothing to say. `peaks` undefined means still loading.
 * Without an audio track nothing is drawn; with one but no analysis the waveform is still drawn.
 */
export function audioLaneNote(audio: AudioAnalysis, peaks: LanePeaks | null | undefined): string | null {
  if (peaks === null) return 'No audio track in this recording.';
  if (!audio) return 'Audio was not analysed: no voice activity or transcript.';
  if (audio.voiceActivity.length === 0 && !audio.transcript) return 'No speech detected.';
  if (!audio.transcript) return 'No transcript (no speech-recognition model was configured, or no speech was recognised).';
  return null;
}

/** Whether to stretch the waveform to full height: not for a near-silent track, whose noise would look loud. */
export function shouldNormalize(peaks: readonly number[]): boolean {
  let max = 0;
  for (const p of peaks) if (p > max) max = p;
  return max >= 0.02;
}

/** A cue's start as `m:ss.s`. */
export function cueClock(t: number): string {
  const tenths = Math.max(0, Math.round(t * 10));
  const m = Math.floor(tenths / 600);
  const s = (tenths % 600) / 10;
  return `${m}:${s < 10 ? '0' : ''}${s.toFixed(1)}`;
}

/**
 * The peaks spread over the recording's duration: when the audio track is shorter than the video, zeros pad
 * its end, so the waveform, its regions and the timeline lanes share one time axis.
 */
export function waveformPeaks(peaks: LanePeaks, durationS: number): { data: number[]; durationS: number } {
  const target = Math.max(durationS || 0, peaks.durationS);
  if (!(peaks.durationS > 0) || peaks.peaks.length === 0 || target <= peaks.durationS) return { data: peaks.peaks, durationS: target };
  const total = Math.round((peaks.peaks.length * target) / peaks.durationS);
  const data = peaks.peaks.slice();
  while (data.length < total) data.push(0);
  return { data, durationS: target };
}
