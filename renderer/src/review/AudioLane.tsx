/**
 * The review screen's audio lane: the waveform (wavesurfer.js, driven by the video element: playing and
 * seeking the video move its cursor, clicking it seeks), the voice-activity spans as regions on it, and the
 * transcript under it with the current cue highlighted (clicking a cue seeks). The waveform comes from
 * precomputed peaks (the engine's audioPeaks), so wavesurfer never fetches or decodes the file itself.
 * Its columns line up with the timeline's lanes (label column, then the track).
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import {
  audioLaneNote, cueClock, currentCueIndex, shouldNormalize, transcriptCues, vadRegions, waveformPeaks, type LanePeaks,
} from './audioLaneItems.ts';
import './audioLane.css';

export interface AudioLaneProps {
  videoRef: RefObject<HTMLVideoElement | null>;
  audio: AnalysisResult['audio'];
  /** The waveform's peaks; null when the recording has no audio track, undefined while they load. */
  peaks: LanePeaks | null | undefined;
  /** The recording's duration (the timeline's time axis). */
  durationS: number;
  timeS: number;
  onSeek: (t: number) => void;
}

const REGION_COLOR = 'rgba(90, 169, 230, 0.28)';

export function AudioLane({ videoRef, audio, peaks, durationS, timeS, onSeek }: AudioLaneProps) {
  const waveRef = useRef<HTMLDivElement>(null);
  const cueListRef = useRef<HTMLOListElement>(null);
  const onSeekRef = useRef(onSeek);
  onSeekRef.current = onSeek;
  const regions = useMemo(() => vadRegions(audio, durationS), [audio, durationS]);
  const cues = useMemo(() => transcriptCues(audio), [audio]);
  const current = currentCueIndex(cues, timeS);
  const note = audioLaneNote(audio, peaks);

  // One wavesurfer per video element and peaks; destroyed on unmount (the video itself is left alone).
  const regionsRef = useRef<ReturnType<typeof RegionsPlugin.create> | null>(null);
  const [regionsVersion, setRegionsVersion] = useState(0);
  useEffect(() => {
    const video = videoRef.current;
    const container = waveRef.current;
    if (!peaks || !video || !container) return;
    const { data, durationS: duration } = waveformPeaks(peaks, durationS);
    const regionsPlugin = RegionsPlugin.create();
    const ws = WaveSurfer.create({
      container, media: video, peaks: [data], duration,
      height: 56, normalize: shouldNormalize(data), fillParent: true, hideScrollbar: true, autoScroll: false,
      waveColor: '#7d8793', progressColor: '#b9c6d3', cursorColor: '#f2f2f2', cursorWidth: 2,
      interact: true, dragToSeek: false, plugins: [regionsPlugin],
    });
    // wavesurfer has already moved the video; the screen's seek keeps its clock and loop in step.
    ws.on('interaction', (t) => onSeekRef.current(t));
    regionsRef.current = regionsPlugin;
    setRegionsVersion((v) => v + 1);
    return () => { regionsRef.current = null; ws.destroy(); };
  }, [videoRef, peaks, durationS]);

  // The voice-activity regions: redrawn when the analysis changes, without a new wavesurfer.
  useEffect(() => {
    const plugin = regionsRef.current;
    if (!plugin) return;
    plugin.clearRegions();
    for (const r of regions) {
      const region = plugin.addRegion({ id: `vad-${r.index}`, start: r.startS, end: r.endS, color: REGION_COLOR, drag: false, resize: false });
      region.element?.setAttribute('data-start-s', String(r.startS));
      region.element?.setAttribute('data-end-s', String(r.endS));
      region.element?.setAttribute('title', `Speech ${cueClock(r.startS)}–${cueClock(r.endS)}`);
    }
  }, [regions, regionsVersion]);

  // Keep the current cue in view inside the transcript box (never scrolls the page).
  useEffect(() => {
    const list = cueListRef.current;
    const item = list?.querySelector<HTMLElement>('[aria-current="true"]');
    if (!list || !item) return;
    const top = item.offsetTop - list.offsetTop;
    if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = Math.max(0, top - 4);
  }, [current]);

  const models = [audio?.vadModel && `voice activity: ${audio.vadModel}`, audio?.transcript?.model && `transcript: ${audio.transcript.model}`, audio?.denoiser && `denoised: ${audio.denoiser}`].filter(Boolean).join(' · ');

  return (
    <section className="audio-lane" data-testid="audio-lane" aria-label="Audio lane">
      <div className="audio-row">
        <span className="lane-label" title={models || 'Audio'}>Audio</span>
        {peaks === null ? <p className="note audio-note" data-testid="audio-note">{note}</p> : (
          <div className="audio-track">
            <div ref={waveRef} className="audio-waveform" data-testid="audio-waveform" role="img"
              aria-label={`Audio waveform with ${regions.length} speech ${regions.length === 1 ? 'span' : 'spans'}; click to seek`}
              data-state={peaks === undefined ? 'loading' : 'ready'}>
              {peaks === undefined && <span className="audio-loading">Loading the waveform…</span>}
            </div>
            <ul className="visually-hidden" aria-label="Speech (voice activity)">
              {regions.map((r) => (
                <li key={r.index} data-testid="vad-region" data-start-s={r.startS} data-end-s={r.endS}>Speech {cueClock(r.startS)} to {cueClock(r.endS)}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {peaks !== null && note && <div className="audio-row"><span className="lane-label" /><p className="note audio-note" data-testid="audio-note">{note}</p></div>}
      {cues.length > 0 && (
        <div className="audio-row">
          <span className="lane-label" title={audio?.transcript?.model ?? ''}>Transcript</span>
          <ol ref={cueListRef} className="transcript" aria-label="Transcript">
            {cues.map((c) => (
              <li key={c.index}>
                <button type="button" className="cue" data-testid="transcript-cue" data-start-s={c.startS} data-end-s={c.endS}
                  aria-current={c.index === current ? 'true' : undefined} onClick={() => onSeek(c.startS)}>
                  <span className="cue-time">{cueClock(c.startS)}</span> <span className="cue-text">{c.text}</span>
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
      {models && <p className="audio-models">{models}</p>}
    </section>
  );
}
