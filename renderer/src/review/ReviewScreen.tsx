/**
 * The review screen: the video with its overlay (zoom, pan, brightness), the controls and clock, the lanes and
 * the findings. One keydown listener maps keys to commands through hotkeys.ts (commandFor); buttons run the
 * same commands.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import type { Catalogue } from '../catalogue.ts';
import type { ProgressEvent } from '../../../native-models/contract/progressEvent.ts';
import type { ApiOutputs } from '../../../native-models/contract/reviewApi.ts';
import { api } from '../semioscopeApi.ts';
import { errorText } from '../errorText.ts';
import { AudioLane } from './AudioLane.tsx';
import { Controls } from './Controls.tsx';
import { FindingsPanel } from './FindingsPanel.tsx';
import { SignOff } from './SignOff.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { useClinicianReview } from './useClinicianReview.ts';
import { clinicianMarks } from './reviewLog.ts';
import { adjacentOnset, findingOnsets } from './findingTimes.ts';
import { stepFrame } from './frameClock.ts';
import { HelpOverlay } from './HelpOverlay.tsx';
import { commandFor, keyBelongsToField, type HotkeyId } from './hotkeys.ts';
import { NEUTRAL, stepPicture, type Picture } from './pictureAdjust.ts';
import { faster, slower } from './playbackRates.ts';
import { shownPercent } from '../start/ProgressPanel.tsx';
import { Timeline } from './Timeline.tsx';
import { timelineLanes } from './timelineLanes.ts';
import { laneDisagreements, measuredLaneRows } from './measuredEvidence.ts';
import { SignalPlots } from './SignalPlots.tsx';
import { focusFinding } from './focusFinding.ts';
import { VideoStage, type ViewUpdate } from './VideoStage.tsx';
import { IDENTITY, PAN_STEP, ZOOM_STEP, clampView, contentFraction, pan, zoomAt, type View } from './viewTransform.ts';
import './player.css';

const CENTRE = { x: 0.5, y: 0.5 };

export interface ReviewScreenProps {
  analysis: AnalysisResult;
  /** null: the recording cannot be played (moved, deleted or changed since its analysis): `notice` says so. */
  mediaUrl: string | null;
  /** The recording's path (for its waveform, `media:peaks`); null with `mediaUrl`. */
  videoPath: string | null;
  /** Reopened from the cache (no model asked now), rather than just analysed. */
  reopened?: boolean;
  notice?: { message: string; hint?: string } | null;
  catalogue: Catalogue;
  progress: ProgressEvent | null;
  onClose: () => void;
  /** The analysis on screen in the cache's list of analyses (recorded with each decision), or null. */
  analysisId?: number | null;
}

export function ReviewScreen({ analysis, mediaUrl, videoPath, reopened = false, notice = null, catalogue, progress, onClose, analysisId = null }: ReviewScreenProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const review = useClinicianReview({ recordingSha256: analysis.recording.sha256, analysisId, catalogue, timeNow: () => videoRef.current?.currentTime ?? 0 });
  const { markTime } = review;
  const marks = useMemo(() => clinicianMarks(review.state), [review.state]);
  // The audio lane's waveform, from the engine: undefined while it loads (or when it could not be made), null without audio.
  const [peaks, setPeaks] = useState<ApiOutputs['media:peaks'] | undefined>(undefined);
  const [peaksProblem, setPeaksProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!videoPath || !analysis.recording.hasAudio) { setPeaks(analysis.recording.hasAudio ? undefined : null); return; }
    let live = true;
    api()['media:peaks']({ path: videoPath }).then((p) => { if (live) setPeaks(p); }, (e) => { if (live) setPeaksProblem(errorText(e).message); });
    return () => { live = false; };
  }, [videoPath, analysis]);
  const goToRef = useRef<HTMLInputElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const [timeS, setTimeS] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(1);
  const [loop, setLoop] = useState<{ startS: number; endS: number } | null>(null);
  const [showSkeleton, setShowSkeleton] = useState(true);
  const [showFace, setShowFace] = useState(true);
  const [help, setHelp] = useState(false);
  const [view, setView] = useState<View>(IDENTITY);
  const [picture, setPicture] = useState<Picture>(NEUTRAL);
  const fps = analysis.recording.fps || 25;
  const durationS = analysis.recording.durationS;
  const groups = useMemo(() => timelineLanes(analysis, catalogue.features), [analysis, catalogue]);
  const onsets = useMemo(() => findingOnsets(analysis), [analysis]);
  const measured = useMemo(() => measuredLaneRows(analysis.measuredSigns), [analysis]);
  const disagreements = useMemo(() => laneDisagreements(analysis, measured), [analysis, measured]);

  const seek = useCallback((t: number) => {
    const v = videoRef.current;
    if (!v) return;
    v.currentTime = Math.min(Math.max(0, t), durationS);
    setTimeS(v.currentTime);
  }, [durationS]);

  const goToFinding = useCallback((featureId: string, t: number | null) => {
    if (t !== null) { videoRef.current?.pause(); seek(t); }
    focusFinding(featureId);
  }, [seek]);

  // Every view change is clamped to where the picture sits in the stage now (letterboxing included).
  const updateView = useCallback<ViewUpdate>((change) => {
    const stage = stageRef.current;
    const v = videoRef.current;
    const content = contentFraction(stage?.clientWidth ?? 0, stage?.clientHeight ?? 0, v?.videoWidth || analysis.recording.width, v?.videoHeight || analysis.recording.height);
    setView((old) => clampView(change(old, content), content));
  }, [analysis]);

  const run = useCallback((id: HotkeyId | string) => {
    const v = videoRef.current;
    if (!v) return;
    switch (id) {
      case 'play-pause': if (v.paused) void v.play(); else v.pause(); break;
      case 'pause': v.pause(); break;
      // The rate is shown at once (ratechange arrives a task later).
      case 'slower': v.playbackRate = slower(v.playbackRate); setRate(v.playbackRate); void v.play(); break;
      case 'faster': v.playbackRate = faster(v.playbackRate, v.paused); setRate(v.playbackRate); void v.play(); break;
      case 'frame-back': v.pause(); seek(stepFrame(v.currentTime, fps, -1, durationS)); break;
      case 'frame-forward': v.pause(); seek(stepFrame(v.currentTime, fps, 1, durationS)); break;
      case 'frames-back': v.pause(); seek(stepFrame(v.currentTime, fps, -10, durationS)); break;
      case 'frames-forward': v.pause(); seek(stepFrame(v.currentTime, fps, 10, durationS)); break;
      case 'next-finding': { const t = adjacentOnset(onsets, v.currentTime, 1); if (t !== null) seek(t); break; }
      case 'previous-finding': { const t = adjacentOnset(onsets, v.currentTime, -1); if (t !== null) seek(t); break; }
      case 'loop-segment': setLoop((l) => (l ? null : analysis.segments.find((s) => v.currentTime >= s.startS && v.currentTime < s.endS) ?? null)); break;
      case 'go-to-time': goToRef.current?.focus(); goToRef.current?.select(); break;
      case 'zoom-in': updateView((w, c) => zoomAt(w, CENTRE, ZOOM_STEP, c)); break;
      case 'zoom-out': updateView((w, c) => zoomAt(w, CENTRE, 1 / ZOOM_STEP, c)); break;
      case 'zoom-reset': updateView(() => IDENTITY); break;
      // Panning left shows more of the left: the picture moves right.
      case 'pan-left': updateView((w, c) => pan(w, PAN_STEP, 0, c)); break;
      case 'pan-right': updateView((w, c) => pan(w, -PAN_STEP, 0, c)); break;
      case 'pan-up': updateView((w, c) => pan(w, 0, PAN_STEP, c)); break;
      case 'pan-down': updateView((w, c) => pan(w, 0, -PAN_STEP, c)); break;
      case 'brighter': setPicture((p) => stepPicture(p, 'brightness', 1)); break;
      case 'dimmer': setPicture((p) => stepPicture(p, 'brightness', -1)); break;
      case 'more-contrast': setPicture((p) => stepPicture(p, 'contrast', 1)); break;
      case 'less-contrast': setPicture((p) => stepPicture(p, 'contrast', -1)); break;
      case 'picture-reset': setPicture(NEUTRAL); break;
      case 'toggle-skeleton': setShowSkeleton((s) => !s); break;
      case 'toggle-face': setShowFace((s) => !s); break;
      case 'help': setHelp((h) => !h); break;
      case 'set-onset': markTime('onsetS'); break;
      case 'set-offset': markTime('offsetS'); break;
    }
  }, [analysis, durationS, fps, onsets, seek, updateView, markTime]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && help) { setHelp(false); return; }
      const t = e.target as HTMLElement | null;
      const targetIsTextField = keyBelongsToField(t ? { tagName: t.tagName, type: (t as HTMLInputElement).type, isContentEditable: t.isContentEditable } : null, e.key);
      const id = commandFor({ key: e.key, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, targetIsTextField });
      if (!id) return;
      // Space on a focused button would click it too: the command runs once.
      e.preventDefault();
      run(id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run, help]);

  useEffect(() => {
    const v = videoRef.current;
    if (!v) return;
    const onTime = () => {
      if (loop && v.currentTime >= loop.endS) v.currentTime = loop.startS;
      setTimeS(v.currentTime);
    };
    const onPlay = () => setPlaying(true);
    const onPause = () => setPlaying(false);
    const onRate = () => setRate(v.playbackRate);
    v.addEventListener('timeupdate', onTime);
    v.addEventListener('seeked', onTime);
    v.addEventListener('play', onPlay);
    v.addEventListener('pause', onPause);
    v.addEventListener('ratechange', onRate);
    return () => { v.removeEventListener('timeupdate', onTime); v.removeEventListener('seeked', onTime); v.removeEventListener('play', onPlay); v.removeEventListener('pause', onPause); v.removeEventListener('ratechange', onRate); };
  }, [loop]);

  return (
    <main className="review">
      <header className="review-head">
        <button type="button" onClick={onClose}>← New analysis</button>
        <h1>{analysis.recording.fileName}</h1>
        <span className="meta">{durationS.toFixed(1)} s · {analysis.recording.width}×{analysis.recording.height} · {fps.toFixed(2)} fps · model {analysis.model.name}</span>
        {reopened
          ? <span className="meta" data-testid="progress">Reopened from the cache: 0 model calls now · analysed {new Date(analysis.analysedAt).toLocaleString()} with {analysis.stats.modelCalls} model calls, {analysis.stats.cacheHits} from cache</span>
          : <span className="meta" data-testid="progress">Analysis {progress ? shownPercent(progress) : 100} %{progress ? ` · ${progress.stage}` : ''} · {analysis.stats.modelCalls} model calls, {analysis.stats.cacheHits} from cache</span>}
        <SignOff review={review} analysisId={analysisId} onGoToFinding={goToFinding} />
        <ExportMenu analysisId={analysisId} />
        <button type="button" className="help-button" onClick={() => run('help')} title="Keyboard (?)">Keys ?</button>
      </header>
      <div className="review-body">
        <div className="stage-column">
          <VideoStage videoRef={videoRef} stageRef={stageRef} mediaUrl={mediaUrl} videoPath={videoPath} analysis={analysis} showSkeleton={showSkeleton} showFace={showFace} view={view} picture={picture} updateView={updateView}>
            {notice && <div role="alert" className="media-notice" data-testid="media-notice"><strong>{notice.message}</strong>{notice.hint && <p>{notice.hint}</p>}</div>}
          </VideoStage>
          <Controls timeS={timeS} fps={fps} playing={playing} rate={rate} loop={loop !== null} showSkeleton={showSkeleton} showFace={showFace} view={view} picture={picture}
            goToRef={goToRef} run={run} onGoTo={seek} onPicture={setPicture} />
          {!analysis.enhancement && <p className="note">No pose data in this analysis (pose was off): the skeleton and face box have nothing to show.</p>}
          <Timeline groups={groups} groupLabels={catalogue.groupLabels} durationS={durationS} timeS={timeS} onSeek={seek} clinician={marks} measured={measured}
            masked={analysis.measuredSigns?.careIntervention} disagreements={disagreements} />
          <SignalPlots measured={analysis.measuredSigns} durationS={durationS} timeS={timeS} onSeek={seek} />
          {videoPath || !analysis.recording.hasAudio
            ? <AudioLane videoRef={videoRef} audio={analysis.audio} peaks={peaks} durationS={durationS} timeS={timeS} onSeek={seek} />
            : <p className="note" data-testid="audio-lane">Audio: the recording is not available, so its waveform cannot be drawn.</p>}
          {peaksProblem && <p className="note">The waveform could not be drawn: {peaksProblem}</p>}
        </div>
        <FindingsPanel analysis={analysis} catalogue={catalogue} onSeek={seek} review={review} measured={measured} />
      </div>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </main>
  );
}
