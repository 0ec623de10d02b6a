/** The running analysis: stage, percent and time left, the engine's message, and Cancel. */
import type { ProgressEvent } from '../../../native-models/contract/progressEvent.ts';

const STAGE_LABEL: Record<ProgressEvent['stage'], string> = {
  probe: 'Reading the recording', hash: 'Fingerprinting', model: 'Starting the model', analyse: 'Asking the model', write: 'Writing the report',
};

export function etaText(etaS: number | null): string {
  if (etaS === null) return 'time left unknown';
  const s = Math.max(0, Math.round(etaS));
  return s >= 60 ? `about ${Math.floor(s / 60)} min ${s % 60} s left` : `about ${s} s left`;
}

/** The engine reports 100 % while it does not yet know how many answers it needs (total 0, before the model stage): shown as 0 until it does. */
export function shownPercent(p: ProgressEvent | null): number {
  if (!p) return 0;
  return p.total > 0 || p.stage === 'write' ? Math.round(p.percent) : 0;
}

export function ProgressPanel({ progress, onCancel }: { progress: ProgressEvent | null; onCancel: () => void }) {
  const percent = shownPercent(progress);
  return (
    <section className="progress" aria-live="polite">
      <div data-testid="progress">
        <span className="percent">{percent} %</span>{' '}
        <span className="progress-stage">{progress ? STAGE_LABEL[progress.stage] : 'Starting'}</span>{' · '}
        <span className="eta">{etaText(progress?.etaS ?? null)}</span>
        {progress && progress.total > 0 && <span className="count"> · {progress.done} of {progress.total}</span>}
      </div>
      <progress max={100} value={percent} aria-label="Analysis progress" />
      {progress?.message && <p className="message">{progress.message}</p>}
      <button type="button" data-testid="cancel" onClick={onCancel}>Cancel</button>
    </section>
  );
}
