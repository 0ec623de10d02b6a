/**
 * The video stage: the <video> and the overlay canvas inside one zoomed and panned wrapper, so the skeleton
 * and face box stay on the body at any zoom (both fill the wrapper; the overlay sizes itself by clientWidth,
 * which a CSS transform leaves alone). Brightness and contrast filter the video only. The wheel zooms around
 * the pointer; a drag pans when zoomed. The view itself lives in the review screen (keys and buttons change it too).
 */
import { useEffect, useRef, useState, type PointerEvent, type ReactNode, type RefObject } from 'react';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { Overlay } from './Overlay.tsx';
import { pictureFilter, type Picture } from './pictureAdjust.ts';
import { pan, toCss, wheelFactor, zoomAt, type View } from './viewTransform.ts';
import type { ContentBox } from './overlayGeometry.ts';

export type ViewUpdate = (change: (v: View, content: ContentBox) => View) => void;

export interface VideoStageProps {
  videoRef: RefObject<HTMLVideoElement | null>;
  stageRef: RefObject<HTMLDivElement | null>;
  /** null: nothing to play (the screen says why in `children`). */
  mediaUrl: string | null;
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
    <div ref={stageRef} className={`stage${p.view.scale > 1 ? ' zoomed' : ''}${panning ? ' panning' : ''}`} data-testid="stage" data-zoom={p.view.scale.toFixed(3)}
      onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerEnd} onPointerCancel={onPointerEnd}>
      <div className="view" data-testid="view" style={{ transform: toCss(p.view) }}>
        <video ref={videoRef} data-testid="player" src={p.mediaUrl ?? undefined} preload="auto" playsInline style={filter === 'none' ? undefined : { filter }} />
        <Overlay videoRef={videoRef} analysis={p.analysis} showSkeleton={p.showSkeleton} showFace={p.showFace} />
      </div>
      {p.children}
    </div>
  );
}
