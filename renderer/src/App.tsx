/**
 * The review app's two screens: start (choose a recording and models, analyse, follow progress) and review
 * (after analysis:start resolves). Loads the catalogue once from the engine (the renderer imports no engine code).
 */
import { useEffect, useState } from 'react';
import type { AnalysisResult } from '../../native-models/contract/analysisSchema.ts';
import type { ProgressEvent } from '../../native-models/contract/progressEvent.ts';
import type { Catalogue } from './catalogue.ts';
import { api } from './semioscopeApi.ts';
import { errorText, type ShownError } from './errorText.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { StartScreen, type StartRequest } from './start/StartScreen.tsx';
import { ProgressPanel } from './start/ProgressPanel.tsx';
import { ReviewScreen } from './review/ReviewScreen.tsx';



export function App() {
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [review, setReview] = useState<{ analysis: AnalysisResult; mediaUrl: string } | null>(null);

  useEffect(() => {
    api()['catalogue:get'](undefined).then(setCatalogue, (e) => setError(errorText(e)));
  }, []);
  // Subscribed for the app's life: the last events of a run may arrive after its reply.
  useEffect(() => api()['on:analysis:progress'](setProgress), []);

  const start = async (r: StartRequest) => {
    setError(null);
    setProgress(null);
    setRunning(true);
    try {
      const { analysis } = await api()['analysis:start']({ videoPath: r.videoPath,
        models: { main: { kind: 'local', model: r.model, ...(r.mmproj ? { mmproj: r.mmproj } : {}) } },
        ...(r.settings ? { settings: r.settings as never } : {}) });
      const { url } = await api()['media:open']({ path: r.videoPath });
      setReview({ analysis, mediaUrl: url });
    } catch (e) {
      const shown = errorText(e);
      // A cancelled run keeps its answers in the cache: the next run asks only the rest.
      setError((e as Error | null)?.name === 'CancelledError' && !shown.hint ? { ...shown, hint: 'The answers so far are kept: Analyse again to continue from there.' } : shown);
    } finally {
      setRunning(false);
    }
  };

  if (review && catalogue) {
    return <ReviewScreen analysis={review.analysis} mediaUrl={review.mediaUrl} catalogue={catalogue} progress={progress} onClose={() => setReview(null)} />;
  }
  return (
    <main className="start-page">
      <StartScreen busy={running} catalogue={catalogue} onStart={(r) => void start(r)} onProblem={(message, hint) => setError(hint ? { message, hint } : { message })} />
      {running && <ProgressPanel progress={progress} onCancel={() => void api()['analysis:cancel'](undefined)} />}
      <ErrorAlert error={error} />
    </main>
  );
}
