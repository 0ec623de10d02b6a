/**
 * The video stage: the <video>, the seek-stills layer (StillLayer.tsx) and the overlay canvas inside one zoomed and panned wrapper, so the skeleton
 * and face box stay on the body at any zoom (both fill the wrapper; the overlay sizes itself by clientWidth,
 * which a CSS transform leaves alone). Brightness and contrast filter the video only. The wheel zooms around
 * the pointer; a drag pans when zoomed. The view itself lives in the review screen (keys and buttons change it too).
 */
import { useEffect, useRef, useState, type PointerEvent, type ReactNode, type RefObject } from 'react';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { Overlay } from './Overlay.tsx';
import { StillLayer } from './StillLayer.tsx';
import { useSeekStills } from './useSeekStills.ts';
import { pictureFilter, type Picture } from './pictureAdjust.ts';
import { pan, toCss, wheelFactor, zoomAt, type View } from './viewTransform.ts';
import type { ContentBox } from './overlayGeometry.ts';

/** The seek stills' status: small, in a corner, never over the picture's middle. */
const BADGE = { position: 'absolute', right: 6, bottom: 6, padding: '1px 6px', borderRadius: 3, font: '11px system-ui, sans-serif', color: '#ddd', background: 'rgba(0,0,0,0.55)', pointerEvents: 'none' } as const;

export type ViewUpdate = (change: (v: View, content: ContentBox) => View) => void;

export interface VideoStageProps {
  videoRef: RefObject<HTMLVideoElement | null>;
  stageRef: RefObject<HTMLDivElement | null>;
  /** null: nothing to play (the screen says why in `children`). */
  mediaUrl: string | null;
  /** The recording's path, for its seek stills (`media:stills`); without it, seeks wait for the video's own decode. */
  videoPath?: string | null;
  analysis: AnalysisResult;
  showSkeleton: boolean;
  showFace: boolean;
  view: View;
  picture: Picture;
  /** Changes the view; the screen clamps the result to the picture. */
  updateView: ViewUpdate;
  /** Shown over the stage, outside the zoom (a notice). */
  children?: ReactNode;
}

/** A pointer position as fractions of the stage's inner box (the wrapper's untransformed box). */
function framePoint(stage: HTMLDivElement, clientX: number, clientY: number): { x: number; y: number } {
  const r = stage.getBoundingClientRect();
  return { x: (clientX - r.left - stage.clientLeft) / Math.max(1, stage.clientWidth), y: (clientY - r.top - stage.clientTop) / Math.max(1, stage.clientHeight) };
}

export function VideoStage(p: VideoStageProps) {
  const { stageRef, updateView, videoRef } = p;
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);
  const [panning, setPanning] = useState(false);
  const stills = useSeekStills(p.mediaUrl ? p.videoPath : null);
  const drawOverlayAt = useRef<((t: number) => void) | null>(null);

  // The wheel listener must not be passive, or the page scrolls under the zoom.
  useEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    const onWheel = (e: WheelEvent) => {
      if (e.deltaY === 0) return;
      e.preventDefault();
      const at = framePoint(stage, e.clientX, e.clientY);
      const factor = wheelFactor(e.deltaY, e.deltaMode);
      updateView((v, content) => zoomAt(v, at, factor, content));
    };
    stage.addEventListener('wheel', onWheel, { passive: false });
    // A resized stage or a newly loaded video moves the letterbox: the view is clamped again.
    const reclamp = () => updateView((v) => v);
    const resize = new ResizeObserver(reclamp);
    resize.observe(stage);
    const video = videoRef.current;
    video?.addEventListener('loadedmetadata', reclamp);
    return () => { stage.removeEventListener('wheel', onWheel); resize.disconnect(); video?.removeEventListener('loadedmetadata', reclamp); };
  }, [stageRef, updateView, videoRef]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (p.view.scale <= 1 || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
    setPanning(true);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const stage = e.currentTarget;
    const dx = (e.clientX - d.x) / Math.max(1, stage.clientWidth);
    const dy = (e.clientY - d.y) / Math.max(1, stage.clientHeight);
    drag.current = { id: d.id, x: e.clientX, y: e.clientY };
    updateView((v, content) => pan(v, dx, dy, content));
  };
  const onPointerEnd = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.id !== e.pointerId) return;
    drag.current = null;
    setPanning(false);
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };

  const filter = pictureFilter(p.picture);
  return (
    <div ref={stageRef} className={`stage${p.view.scale > 1 ? ' zoomed' : ''}${panning ? ' panning' : ''}`} data-testid="stage" data-zoom={p.view.scale.toFixed(3)} data-stills={stills.state}
      onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerEnd} onPointerCancel={onPointerEnd}>
      <div className="view" data-testid="view" style={{ transform: toCss(p.view) }}>
        <video ref={videoRef} data-testid="player" src={p.mediaUrl ?? undefined} preload="auto" playsInline style={filter === 'none' ? undefined : { filter }} />
        <StillLayer videoRef={videoRef} stills={stills.state === 'ready' ? stills : null} filter={filter} drawOverlayAt={drawOverlayAt} />
        <Overlay videoRef={videoRef} analysis={p.analysis} showSkeleton={p.showSkeleton} showFace={p.showFace} drawAtRef={drawOverlayAt} />
      </div>
      {stills.state === 'building' && <div className="stills-status" data-testid="stills-status" role="status" style={BADGE}>Fast seek: preparing {stills.percent} %</div>}
      {stills.state === 'failed' && <div className="stills-status" data-testid="stills-status" style={BADGE} title={stills.message}>Fast seek unavailable</div>}
      {p.children}
    </div>
  );
}
