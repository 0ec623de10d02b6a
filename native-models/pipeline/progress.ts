/** Progress of a long analysis: stage, percent, ETA. Pure bookkeeping; the CLI and the app render it. */

import type { ProgressEvent, Stage } from '../contract/progressEvent.ts';

export type ProgressListener = (e: ProgressEvent) => void;

/** Counts answers done (cached or asked) and estimates the time left from the pace of model calls. */
export class ProgressTracker {
  private done = 0;
  private asked = 0;
  private askedMs = 0;
  constructor(private readonly total: number, private readonly listener?: ProgressListener) {}

  stage(stage: Stage, message: string): void {
    this.emit(stage, message);
  }

  answered(fromCache: boolean, ms: number, remainingToAsk: number, message: string): void {
    this.done++;
    if (!fromCache) { this.asked++; this.askedMs += ms; }
    const eta = this.asked ? (this.askedMs / this.asked / 1000) * remainingToAsk : null;
    this.emit('analyse', message, eta);
  }

  private emit(stage: Stage, message: string, etaS: number | null = null): void {
    // Before the work is counted (probe, fingerprint) nothing is done yet; with nothing to ask, writing is the end.
    const percent = this.total ? Math.min(100, Math.round((this.done / this.total) * 1000) / 10) : stage === 'write' ? 100 : 0;
    this.listener?.({ stage, percent, etaS: etaS === null ? null : Math.round(etaS), message, done: this.done, total: this.total });
  }
}
