/**
 * The start screen: one recording (dropped, picked or typed as a path), the model pair (checked by the
 * engine, remembered once it passes), Analyse.
 * In a browser (the loopback bridge) a dropped or picked file's path is not visible to the page: the screen
 * says so and asks for the path instead; in the desktop app the preload gives it.
 */
import { useState, type DragEvent } from 'react';
import { api } from '../semioscopeApi.ts';
import type { Catalogue } from '../catalogue.ts';
import { EMPTY_SETTINGS, SettingsFields, settingsFromDraft } from './SettingsFields.tsx';
import { KEY_MMPROJ, KEY_MODEL, ModelPairStatus, useModelPairCheck } from './ModelPairCheck.tsx';
import { ModelLibrary } from './ModelLibrary.tsx';

export interface StartRequest {
  videoPath: string;
  model: string;
  mmproj: string;
  settings?: Record<string, unknown>;
}


export function StartScreen({ busy, catalogue, onStart, onProblem }: { busy: boolean; catalogue: Catalogue | null; onStart: (r: StartRequest) => void; onProblem: (message: string, hint?: string) => void }) {
  const [videoPath, setVideoPath] = useState('');
  const [model, setModel] = useState(() => localStorage.getItem(KEY_MODEL) ?? '');
  const [mmproj, setMmproj] = useState(() => localStorage.getItem(KEY_MMPROJ) ?? '');
  const [draft, setDraft] = useState(EMPTY_SETTINGS);
  const [picked, setPicked] = useState<string | null>(null);
  const canSeePaths = Boolean(api().pathForFile);
  const pair = useModelPairCheck(model, mmproj);

  const take = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    if (files.length > 1) { onProblem('Drop one recording at a time.', 'Each recording is analysed and reviewed on its own.'); return; }
    const file = files[0]!;
    if (file.type && !file.type.startsWith('video/')) { onProblem(`${file.name} is not a video.`, 'Choose a video recording (mp4, mkv, webm, mov, avi).'); return; }
    setPicked(file.name);
    const p = api().pathForFile?.(file);
    if (p) setVideoPath(p);
    else onProblem(`This browser does not show the page where ${file.name} is stored.`, 'Type or paste the recording\'s full path in the field below.');
  };
  const drop = (e: DragEvent) => { e.preventDefault(); take(e.dataTransfer.files); };
  const submit = () => {
    onStart({ videoPath: videoPath.trim(), model: model.trim(), mmproj: mmproj.trim(), settings: settingsFromDraft(draft) });
  };

  return (
    <section className="start" aria-labelledby="start-title">
      <h1 id="start-title">Semioscope</h1>
      <p className="lede">Analyse a seizure recording, then review the findings frame by frame. Everything stays on this computer.</p>
      <div className="drop-zone" data-testid="drop-zone" onDragOver={(e) => e.preventDefault()} onDrop={drop}>
        <p>Drop one recording here</p>
        <label className="file-pick">or choose a file <input data-testid="file-input" type="file" accept="video/*" onChange={(e) => take(e.target.files)} /></label>
        {picked && <p className="picked">Chosen: {picked}</p>}
        {!canSeePaths && <p className="note">In a browser the page cannot see where a dropped file is stored: type its path below.</p>}
      </div>
      <form className="fields" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <label>Recording path <input data-testid="video-path" value={videoPath} onChange={(e) => setVideoPath(e.target.value)} placeholder="/path/to/recording.mp4" /></label>
        <label>Model file (GGUF) <input data-testid="model-path" value={model} onChange={(e) => setModel(e.target.value)} /></label>
        <label>Projector file (mmproj GGUF) <input data-testid="mmproj-path" value={mmproj} onChange={(e) => setMmproj(e.target.value)} /></label>
        <ModelPairStatus state={pair} />
        <ModelLibrary onUse={(p) => { setModel(p.model); setMmproj(p.mmproj); }} />
        <SettingsFields draft={draft} onChange={setDraft} catalogue={catalogue} />
        <button type="submit" data-testid="analyse" disabled={busy}>Analyse</button>
      </form>
    </section>
  );
}
