/**
 * The model pair on the start screen: checked by the engine's own GGUF checks (`models:check`: which file is
 * the model, which the projector, whether the projector sees and was made for this model) as soon as both
 * paths are given, with the engine's message when it fails; a pair that passes is remembered for next time.
 */
import { useEffect, useState } from 'react';
import type { ApiOutputs } from '../../../native-models/contract/reviewApi.ts';
import { api } from '../semioscopeApi.ts';
import { errorText, type ShownError } from '../errorText.ts';

export const KEY_MODEL = 'semioscope.model';
export const KEY_MMPROJ = 'semioscope.mmproj';

export type PairState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'ok'; pair: ApiOutputs['models:check'] }
  | { kind: 'failed'; error: ShownError };

/** The one-line summary of a pair that passed. */
export function pairSummary(pair: ApiOutputs['models:check']): string {
  const senses = [pair.hasVision ? 'sees video' : null, pair.hasAudio ? 'hears audio' : null].filter(Boolean).join(' and ');
  return `${pair.model.name || pair.model.fileName} (${pair.model.architecture}) with projector ${pair.mmproj.projectorType ?? pair.mmproj.fileName}: ${senses || 'no vision'}`;
}

/** Checks the pair whenever both paths are set and stable for a moment; remembers a pair that passes. */
export function useModelPairCheck(model: string, mmproj: string): PairState {
  const [state, setState] = useState<PairState>(() => (model.trim() && mmproj.trim() ? { kind: 'checking' } : { kind: 'idle' }));
  useEffect(() => {
    const m = model.trim();
    const p = mmproj.trim();
    if (!m || !p) { setState({ kind: 'idle' }); return; }
    let live = true;
    setState({ kind: 'checking' });
    const timer = setTimeout(() => {
      api()['models:check']({ model: m, mmproj: p }).then((pair) => {
        if (!live) return;
        localStorage.setItem(KEY_MODEL, m);
        localStorage.setItem(KEY_MMPROJ, p);
        setState({ kind: 'ok', pair });
      }, (e) => { if (live) setState({ kind: 'failed', error: errorText(e) }); });
    }, 400);
    return () => { live = false; clearTimeout(timer); };
  }, [model, mmproj]);
  return state;
}

export function ModelPairStatus({ state }: { state: PairState }) {
  if (state.kind === 'idle') return <p className="note" data-testid="models-status" data-state="idle">Give the model and its projector: they are checked, then remembered.</p>;
  if (state.kind === 'checking') return <p className="note" data-testid="models-status" data-state="checking">Checking the model files…</p>;
  if (state.kind === 'ok') return <p className="models-ok" data-testid="models-status" data-state="ok">✓ {pairSummary(state.pair)}. Remembered for next time.</p>;
  return (
    <div className="error" role="alert" data-testid="models-status" data-state="failed">
      <strong>{state.error.message}</strong>
      {state.error.hint && <p>{state.error.hint}</p>}
    </div>
  );
}
