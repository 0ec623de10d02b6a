import { useState } from 'react';
import { api } from './semioscopeApi.ts';
import type { ProgressEvent } from '../../native-models/contract/progressEvent.ts';

/** Drop one seizure video; shows progress (stage, percent, ETA) and can cancel. */
export function DropZone() {
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [model, setModel] = useState(() => localStorage.getItem('semioscope.model') ?? '');
  const [mmproj, setMmproj] = useState(() => localStorage.getItem('semioscope.mmproj') ?? '');

  async function analyse(file: File & { path?: string }) {
    if (!file.path) { setError('Drop a video file from this computer.'); return; }
    setError(null);
    setResult(null);
    const off = api()['on:analysis:progress'](setProgress);
    try {
      localStorage.setItem('semioscope.model', model);
      localStorage.setItem('semioscope.mmproj', mmproj);
      const { analysis, pdfPath: reportPath } = await api()['analysis:start']({ videoPath: file.path,
        models: { main: { kind: 'local', model, ...(mmproj ? { mmproj } : {}) } } });
      const present = analysis.findings.filter((f) => f.status === 'present').length;
      setResult(`${present} of 20 features present. Report: ${reportPath}`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      off();
    }
  }

  return (
    <div
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => { e.preventDefault(); const f = e.dataTransfer.files[0]; if (f) void analyse(f); }}
      style={{ border: '2px dashed #888', borderRadius: 8, padding: 48, textAlign: 'center', fontFamily: 'sans-serif' }}
    >
      <p>Drop a seizure video here</p>
      <p>
        <label>Model file <input value={model} onChange={(e) => setModel(e.target.value)} /></label>{' '}
        <label>Projector file <input value={mmproj} onChange={(e) => setMmproj(e.target.value)} /></label>
      </p>
      {progress && (
        <p>
          {progress.stage} {progress.percent.toFixed(0)}%{progress.etaS !== null ? `, about ${progress.etaS} s left` : ''}{' '}
          <button onClick={() => void api()['analysis:cancel'](undefined)}>Cancel</button>
        </p>
      )}
      {result && <p>{result}</p>}
      {error && <p role="alert" style={{ color: '#b00' }}>{error}</p>}
    </div>
  );
}
