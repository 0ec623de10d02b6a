/**
 * The start screen's list of recordings already analysed on this workstation (from the answer cache, through
 * `recordings:list`): each reopens its review at once with no model asked. A recording moved or deleted since
 * is still listed (its findings reopen) and says that its video is missing.
 */
import type { AnalysedRecording } from '../../../native-models/contract/analysedRecording.ts';
import type { Catalogue } from '../catalogue.ts';

/** "14 Mar 2025, 10:22" in the workstation's locale and time zone. */
export function analysedAtText(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "tonic, clonic and 3 more" from feature ids, in the catalogue's words; "nothing present" when empty. */
export function presentText(ids: readonly string[], labelOf: (id: string) => string, shown = 3): string {
  if (ids.length === 0) return 'nothing present';
  const labels = ids.map(labelOf);
  if (labels.length <= shown) return `${labels.join(', ')} present`;
  return `${labels.slice(0, shown).join(', ')} and ${labels.length - shown} more present`;
}

export function RecordingList({ recordings, catalogue, busy, onOpen }: { recordings: AnalysedRecording[] | null; catalogue: Catalogue | null; busy: boolean; onOpen: (r: AnalysedRecording) => void }) {
  if (recordings === null) return null;
  const labelOf = (id: string) => catalogue?.features.find((f) => f.id === id)?.label.toLowerCase() ?? id;
  return (
    <section className="recordings" aria-labelledby="recordings-title">
      <h2 id="recordings-title">Analysed on this computer</h2>
      {recordings.length === 0 && <p className="note">No recording analysed yet: the ones you analyse are listed here and reopen without asking the model again.</p>}
      <ul>
        {recordings.map((r) => (
          <li key={r.id}>
            <button type="button" className="recording-item" data-testid="recording-item" data-sha256={r.sha256} disabled={busy} onClick={() => onOpen(r)}>
              <span className="recording-name">{r.fileName}</span>
              <span className="recording-meta">{r.durationS.toFixed(0)} s · {analysedAtText(r.analysedAt)} · {r.modelName} · {r.featuresAsked} asked, {presentText(r.presentFeatures, labelOf)}</span>
              {!r.recordingFound && <span className="recording-missing">video not found: findings only</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
