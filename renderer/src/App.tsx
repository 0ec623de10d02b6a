/**
 * The review app's two screens: start (choose a recording and models, analyse, follow progress; or reopen one
 * analysed before) and review (after analysis:start resolves, or analysis:open). Loads the catalogue once from
 * the engine (the renderer imports no engine code).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AnalysedRecording } from '../../native-models/contract/analysedRecording.ts';
import type { AnalysisResult } from '../../native-models/contract/analysisSchema.ts';
import type { ProgressEvent } from '../../native-models/contract/progressEvent.ts';
import type { Catalogue } from './catalogue.ts';
import { api } from './semioscopeApi.ts';
import { errorText, type ShownError } from './errorText.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { StartScreen, type StartRequest } from './start/StartScreen.tsx';
import { ProgressPanel } from './start/ProgressPanel.tsx';
import { RecordingList } from './start/RecordingList.tsx';
import { LiveLanes } from './start/LiveLanes.tsx';
import { addLiveAnswer, startLiveRun, type LiveRun } from './start/liveLanes.ts';
import { ReviewScreen } from './review/ReviewScreen.tsx';



export function App() {
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [review, setReview] = useState<{ analysis: AnalysisResult; analysisId: number | null; mediaUrl: string | null; videoPath: string | null; reopened: boolean; notice: ShownError | null } | null>(null);
  const [recordings, setRecordings] = useState<AnalysedRecording[] | null>(null);
  const [opening, setOpening] = useState(false);

  const refreshList = useCallback(() => {
    api()['recordings:list'](undefined).then((r) => setRecordings(r.recordings), (e) => setError(errorText(e)));
  }, []);
  useEffect(() => {
    api()['catalogue:get'](undefined).then(setCatalogue, (e) => setError(errorText(e)));
    refreshList();
  }, [refreshList]);
  // Subscribed for the app's life: the last events of a run may arrive after its reply.
  useEffect(() => api()['on:analysis:progress'](setProgress), []);
  // The lanes fill as answers arrive: a plan starts a run, each answer adds to it.
  const [live, setLive] = useState<LiveRun | null>(null);
  useEffect(() => {
    const offPlan = api()['on:analysis:plan']((plan) => setLive(startLiveRun(plan)));
    const offAnswer = api()['on:analysis:answer']((a) => setLive((run) => (run ? addLiveAnswer(run, a) : run)));
    return () => { offPlan(); offAnswer(); };
  }, []);

  const start = async (r: StartRequest) => {
    setError(null);
    setProgress(null);
    setLive(null);
    setRunning(true);
    try {
      const { analysis, id } = await api()['analysis:start']({ videoPath: r.videoPath,
        models: { main: { kind: 'local', model: r.model, ...(r.mmproj ? { mmproj: r.mmproj } : {}) } },
        ...(r.settings ? { settings: r.settings as never } : {}) });
      const { url } = await api()['media:open']({ path: r.videoPath });
      setReview({ analysis, analysisId: id, mediaUrl: url, videoPath: r.videoPath, reopened: false, notice: null });
    } catch (e) {
      const shown = errorText(e);
      // A cancelled run keeps its answers in the cache: the next run asks only the rest.
      setError((e as Error | null)?.name === 'CancelledError' && !shown.hint ? { ...shown, hint: 'The answers so far are kept: Analyse again to continue from there.' } : shown);
    } finally {
      setRunning(false);
      refreshList();
    }
  };

  /** Reopens an analysis from the cache: no model, no decoding; the video only if it is still the file analysed. */
  const open = async (r: AnalysedRecording) => {
    setError(null);
    setOpening(true);
    try {
      const { analysis, videoPath, mediaProblem } = await api()['analysis:open']({ id: r.id });
      let mediaUrl: string | null = null;
      let notice = mediaProblem;
      if (videoPath) {
        try { mediaUrl = (await api()['media:open']({ path: videoPath })).url; } catch (e) { notice = errorText(e); }
      }
      setProgress(null);
      setReview({ analysis, analysisId: r.id, mediaUrl, videoPath: mediaUrl ? videoPath : null, reopened: true, notice });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setOpening(false);
    }
  };

  if (review && catalogue) {
    return <ReviewScreen analysis={review.analysis} analysisId={review.analysisId} mediaUrl={review.mediaUrl} videoPath={review.videoPath} reopened={review.reopened} notice={review.notice} catalogue={catalogue} progress={progress}
      onClose={() => { setReview(null); refreshList(); }} />;
  }
  return (
    <main className="start-page">
      <StartScreen busy={running} catalogue={catalogue} onStart={(r) => void start(r)} onProblem={(message, hint) => setError(hint ? { message, hint } : { message })} />
      {running && <ProgressPanel progress={progress} onCancel={() => void api()['analysis:cancel'](undefined)} />}
      {running && live && catalogue && <LiveLanes run={live} catalogue={catalogue} />}
      <ErrorAlert error={error} />
      <RecordingList recordings={recordings} catalogue={catalogue} busy={running || opening} onOpen={(r) => void open(r)} />
    </main>
  );
}
