/**
 * The model pairs on this workstation, in the start screen: the pairs installed in the app's model folder
 * (`models:list`), each usable with one click, and an import from a folder such as a USB stick
 * (`models:import`: verified against the model manifest or a SHA256SUMS file, then the GGUF checks, copied
 * with progress), the same as `semioscope models import` for IT.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiEvents, ApiOutputs, InstalledModelPair } from '../../../native-models/contract/reviewApi.ts';
import { api } from '../semioscopeApi.ts';
import { errorText, type ShownError } from '../errorText.ts';

const VERIFIED: Record<InstalledModelPair['verifiedBy'], string> = { manifest: 'verified against the manifest', SHA256SUMS: 'verified against SHA256SUMS', unverified: 'not verified (no checksum known)' };

/** "3.2 GB", "512 MB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  return `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

/** "Copying q.gguf: 42 %". */
export function importProgressText(p: ApiEvents['models:progress']): string {
  const percent = p.totalBytes > 0 ? Math.floor((100 * p.bytesDone) / p.totalBytes) : 100;
  return `${p.phase === 'hash' ? 'Checking' : 'Copying'} ${p.fileName}: ${percent} %`;
}

export function ModelLibrary({ onUse }: { onUse: (pair: InstalledModelPair) => void }) {
  const [list, setList] = useState<ApiOutputs['models:list'] | null>(null);
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ApiEvents['models:progress'] | null>(null);
  const [result, setResult] = useState<ApiOutputs['models:import'] | null>(null);
  const [problem, setProblem] = useState<ShownError | null>(null);
  const refresh = useCallback(() => { api()['models:list'](undefined).then(setList, (e) => setProblem(errorText(e))); }, []);
  useEffect(refresh, [refresh]);
  useEffect(() => api()['on:models:progress'](setProgress), []);

  const importFolder = async () => {
    setBusy(true); setProblem(null); setResult(null); setProgress(null);
    try {
      setResult(await api()['models:import']({ folder: folder.trim() }));
      refresh();
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="model-library" data-testid="model-library">
      <summary>Models on this computer{list ? ` (${list.pairs.length})` : ''}</summary>
      {list && list.pairs.length === 0 && <p className="note">No model pair is installed in {list.folder} yet: import one from a folder below, or give the files' paths above.</p>}
      <ul>
        {list?.pairs.map((p) => (
          <li key={p.id} data-testid="installed-pair" data-pair-id={p.id}>
            <span className="pair-name">{p.name}</span>
            <span className="note"> {sizeText(p.sizeBytes)} · {VERIFIED[p.verifiedBy]}{p.known ? '' : ' · not in the manifest'} · {[p.sees ? 'sees' : null, p.hears ? 'hears' : null].filter(Boolean).join(' and ')}{p.state !== 'ok' ? ` · ${p.state}` : ''}</span>
            <button type="button" data-testid="use-pair" disabled={p.state !== 'ok'} onClick={() => onUse(p)}>Use {p.name}</button>
          </li>
        ))}
      </ul>
      {/* Not a form: this sits inside the start screen's form (forms cannot nest); Enter in the field imports. */}
      <div className="import-row" role="group" aria-label="Import model files">
        <label>Import from a folder (e.g. the USB stick) <input data-testid="import-folder" value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/media/usb/models"
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); if (!busy) void importFolder(); } }} /></label>
        <button type="button" data-testid="import-models" disabled={busy} onClick={() => void importFolder()}>Import</button>
      </div>
      {busy && <p className="note" aria-live="polite" data-testid="import-progress">{progress ? importProgressText(progress) : 'Checking the files…'}</p>}
      {result && (
        <div data-testid="import-result" aria-live="polite">
          {result.imported.map((p) => <p key={p.name}>{p.name}: {VERIFIED[p.verifiedBy]} ({p.files.map((f) => `${f.fileName} ${f.action}`).join(', ')})</p>)}
          {result.warnings.map((w) => <p key={w} className="note">Warning: {w}</p>)}
        </div>
      )}
      {problem && <div role="alert" className="error"><strong>{problem.message}</strong>{problem.hint && <p>{problem.hint}</p>}</div>}
    </details>
  );
}
