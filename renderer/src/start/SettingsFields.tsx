/**
 * The analysis settings a reviewer may change before a run (empty fields take the engine's defaults, which
 * are defined once in the engine; the engine checks the values and answers with its own messages), and which
 * features to ask (none ticked: all of them).
 */
import type { Catalogue } from '../catalogue.ts';

export interface SettingsDraft {
  fps: string;
  maxFrames: string;
  frameSize: string;
  threads: string;
  segmentS: string;
  overlapS: string;
  features: string[];
  /** Which way the patient lies in the picture: '' found by the engine, or clockwise degrees from head-up. */
  patientOrientation: '' | '0' | '90' | '180' | '270';
  /** The camera records a mirror image. */
  mirrored: boolean;
}

export const EMPTY_SETTINGS: SettingsDraft = { fps: '', maxFrames: '', frameSize: '', threads: '', segmentS: '', overlapS: '', features: [], patientOrientation: '', mirrored: false };

/** Only what the user filled in, as the engine's settings object. */
export function settingsFromDraft(d: SettingsDraft): Record<string, unknown> | undefined {
  const s: Record<string, unknown> = {};
  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));
  if (num(d.fps) !== undefined) s.fps = num(d.fps);
  if (num(d.maxFrames) !== undefined) s.maxFrames = num(d.maxFrames);
  if (num(d.frameSize) !== undefined) s.frameSize = num(d.frameSize);
  if (num(d.segmentS) !== undefined) s.segmentS = num(d.segmentS);
  if (num(d.overlapS) !== undefined) s.overlapS = num(d.overlapS);
  if (d.threads.trim() !== '') s.threads = d.threads.trim() === 'auto' ? 'auto' : Number(d.threads);
  if (d.features.length) s.features = d.features;
  if (d.patientOrientation !== '') s.patientOrientation = Number(d.patientOrientation);
  if (d.mirrored) s.mirrored = true;
  return Object.keys(s).length ? s : undefined;
}

/** The camera's view of the bed, as a reviewer would name it. */
const ORIENTATION_CHOICES: ReadonlyArray<[SettingsDraft['patientOrientation'], string]> = [
  ['', 'Found automatically'], ['0', 'Head at the top'], ['90', 'Head to the right'], ['180', 'Head at the bottom'], ['270', 'Head to the left'],
];

const NUMBER_FIELDS: ReadonlyArray<[keyof Omit<SettingsDraft, 'features' | 'patientOrientation' | 'mirrored'>, string, string]> = [
  ['fps', 'Frames per second sent to the model', 'setting-fps'],
  ['maxFrames', 'Frames per segment at most', 'setting-max-frames'],
  ['frameSize', 'Frame size (px, long side)', 'setting-frame-size'],
  ['segmentS', 'Segment length (s)', 'setting-segment'],
  ['overlapS', 'Segment overlap (s)', 'setting-overlap'],
  ['threads', 'Model threads (auto or a number)', 'setting-threads'],
];

export function SettingsFields({ draft, onChange, catalogue }: { draft: SettingsDraft; onChange: (d: SettingsDraft) => void; catalogue: Catalogue | null }) {
  const toggle = (id: string) => onChange({ ...draft, features: draft.features.includes(id) ? draft.features.filter((f) => f !== id) : [...draft.features, id] });
  return (
    <details className="settings">
      <summary>Analysis settings (empty: the engine's defaults)</summary>
      <div className="setting-grid">
        {NUMBER_FIELDS.map(([key, label, testId]) => (
          <label key={key}>{label} <input data-testid={testId} value={draft[key]} inputMode="decimal" onChange={(e) => onChange({ ...draft, [key]: e.target.value })} /></label>
        ))}
      </div>
      <fieldset className="camera-setup">
        <legend>Camera</legend>
        <label>Patient lies in the picture with{' '}
          <select data-testid="setting-patient-orientation" value={draft.patientOrientation}
            onChange={(e) => onChange({ ...draft, patientOrientation: e.target.value as SettingsDraft['patientOrientation'] })}>
            {ORIENTATION_CHOICES.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
          </select>
        </label>
        <label>
          <input type="checkbox" data-testid="setting-mirrored" checked={draft.mirrored} onChange={(e) => onChange({ ...draft, mirrored: e.target.checked })} />
          {' '}Mirror-image camera (flips every measured left/right)
        </label>
      </fieldset>
      {catalogue && (
        <fieldset className="feature-picker">
          <legend>Features to ask (none ticked: all {catalogue.features.length})</legend>
          {catalogue.features.map((f) => (
            <label key={f.id} title={f.definition}>
              <input type="checkbox" data-testid={`pick-${f.id}`} checked={draft.features.includes(f.id)} onChange={() => toggle(f.id)} /> {f.label}
            </label>
          ))}
        </fieldset>
      )}
    </details>
  );
}
