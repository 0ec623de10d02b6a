/**
 * The canvas over the video: the skeleton and face box at the frame shown. Redrawn when the video presents a
 * frame (requestVideoFrameCallback, with the frame's own media time) or, where that is missing, on timeupdate
 * and seeked; when a toggle changes; and for a seek still's frame (drawAtRef). Says what it drew in data attributes (bones, joints, face).
 */
import { useEffect, useRef, type MutableRefObject, type RefObject } from 'react';
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import { drawOverlay } from './drawOverlay.ts';
import { containBox, fitCanvas } from './overlayGeometry.ts';
import { poseAtTime } from './poseAtTime.ts';

type FrameCallbackVideo = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, meta: { mediaTime: number }) => void) => number;
  cancelVideoFrameCallback?: (id: number) => void;
};

export function Overlay({ videoRef, analysis, showSkeleton, showFace, drawAtRef }: { videoRef: RefObject<HTMLVideoElement | null>; analysis: AnalysisResult; showSkeleton: boolean; showFace: boolean;
  /** Filled with the draw for a media time (the seek-stills layer draws the overlay for the still it shows). */
  drawAtRef?: MutableRefObject<((t: number) => void) | null> }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const toggles = useRef({ showSkeleton, showFace });
  toggles.current = { showSkeleton, showFace };
  const drawRef = useRef<(t: number) => void>(() => {});

  useEffect(() => {
    const video = videoRef.current as FrameCallbackVideo | null;
    const canvas = canvasRef.current;
    if (!video || !canvas) return;
    const frames = analysis.enhancement?.frames ?? [];
    const { width: displayW, height: displayH, rotation } = analysis.recording;
    const draw = (t: number) => {
      const fitted = fitCanvas(canvas);
      if (!fitted) return;
      const { ctx, w, h } = fitted;
      const vw = video.videoWidth || displayW;
      const vh = video.videoHeight || displayH;
      const box = containBox(w, h, vw, vh);
      const drawn = drawOverlay(ctx, { pose: poseAtTime(frames, t), ...toggles.current, displayW, displayH, rotation, box });
      canvas.dataset.bones = String(drawn.bones);
      canvas.dataset.joints = String(drawn.joints);
      canvas.dataset.face = String(drawn.face);
      canvas.dataset.drawnAt = t.toFixed(3);
    };
    drawRef.current = draw;
    if (drawAtRef) drawAtRef.current = draw;
    let handle = 0;
    const onFrame = (_now: number, meta: { mediaTime: number }) => { draw(meta.mediaTime); handle = video.requestVideoFrameCallback!(onFrame); };
    const onTime = () => draw(video.currentTime);
    if (video.requestVideoFrameCallback) handle = video.requestVideoFrameCallback(onFrame);
    else { video.addEventListener('timeupdate', onTime); }
    // Seeks while paused: draw at the target too (the frame callback follows when the frame is presented).
    video.addEventListener('seeked', onTime);
    video.addEventListener('loadeddata', onTime);
    const resize = new ResizeObserver(onTime);
    resize.observe(canvas);
    return () => {
      if (handle && video.cancelVideoFrameCallback) video.cancelVideoFrameCallback(handle);
      video.removeEventListener('timeupdate', onTime);
      video.removeEventListener('seeked', onTime);
      video.removeEventListener('loadeddata', onTime);
      resize.disconnect();
    };
  }, [videoRef, analysis, drawAtRef]);

  useEffect(() => { if (videoRef.current) drawRef.current(videoRef.current.currentTime); }, [showSkeleton, showFace, videoRef]);

  return <canvas ref={canvasRef} className="overlay" data-testid="overlay" aria-hidden="true" />;
}
