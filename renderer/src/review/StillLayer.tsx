/**
 * The seek-stills layer, between the <video> and the overlay in the stage's zoomed wrapper: on every seek
 * (whatever asked for it: a lane, the ruler, go-to, a frame step, a finding), the target frame's small JPEG
 * is decoded from the moment currentTime is set (the element's own setter is wrapped, so no path is missed
 * and no task is waited for; the `seeking` event covers any other seek) and drawn at once, letterboxed exactly like the video (object-fit: contain),
 * and the overlay is drawn for that frame's time; the still hides as soon as the video presents the frame
 * itself (requestVideoFrameCallback) or plays. Says what it shows in data attributes (frame, shown; preloaded:
 * the whole stills file is in memory).
 */
import { useEffect, useRef, type RefObject } from 'react';
import { frameAt } from './frameClock.ts';
import { containBox, fitCanvas } from './overlayGeometry.ts';
import { StillCache, type Still } from './stillCache.ts';
import type { ReadyStills } from './useSeekStills.ts';

type FrameCallbackVideo = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, meta: { mediaTime: number }) => void) => number;
  cancelVideoFrameCallback?: (id: number) => void;
};

export interface StillLayerProps {
  videoRef: RefObject<HTMLVideoElement | null>;
  stills: ReadyStills | null;
  /** The video's CSS filter (brightness, contrast), so the still looks like the frame it stands for. */
  filter: string;
  /** Draws the overlay for a media time (Overlay's own draw). */
  drawOverlayAt: RefObject<((t: number) => void) | null>;
}

const STYLE = { position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' } as const;

export function StillLayer({ videoRef, stills, filter, drawOverlayAt }: StillLayerProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const video = videoRef.current as FrameCallbackVideo | null;
    const canvas = canvasRef.current;
    if (!video || !canvas || !stills) return;
    const cache = new StillCache(stills.url, stills.offsets);
    canvas.dataset.preloaded = 'false';
    cache.preload().then((all) => { if (!cancelled) canvas.dataset.preloaded = String(all); }, () => { /* each still is then fetched on its own */ });
    let generation = 0;
    let cancelled = false;
    let target = -1;
    /** The video has presented the target (or moved on): the still must not be shown for it. */
    let settled = true;
    let seeked = false;
    let presentedFrame = -1;
    const hide = () => {
      if (canvas.dataset.shown !== 'true') return;
      canvas.style.visibility = 'hidden';
      canvas.dataset.shown = 'false';
    };
    const draw = (bitmap: Still, frame: number) => {
      const fitted = fitCanvas(canvas);
      if (!fitted) return;
      const { ctx, w, h } = fitted;
      ctx.clearRect(0, 0, w, h);
      const box = containBox(w, h, video.videoWidth || ('displayWidth' in bitmap ? bitmap.displayWidth : bitmap.width), video.videoHeight || ('displayHeight' in bitmap ? bitmap.displayHeight : bitmap.height));
      ctx.drawImage(bitmap, box.x, box.y, box.w, box.h);
      canvas.dataset.frame = String(frame);
      canvas.dataset.shown = 'true';
      canvas.style.visibility = 'visible';
      // Frame i is shown from i/fps: the overlay for exactly that instant, as when the video presents it.
      drawOverlayAt.current?.(frame / stills.fps);
    };
    /** `to`: the time being set (the setter runs this before the element's own seek, which can take milliseconds). */
    const onSeekAsked = (to?: number) => {
      const t = typeof to === 'number' && Number.isFinite(to) ? Math.min(Math.max(0, to), video.duration || Infinity) : video.currentTime;
      const frame = Math.min(cache.frames - 1, frameAt(t, stills.fps));
      // The setter already started this one (the `seeking` event follows a task later).
      if (frame === target && !settled) return;
      // The video shows that very frame already.
      if (settled && video.paused && frame === presentedFrame) return;
      const mine = ++generation;
      target = frame;
      settled = false;
      seeked = false;
      const now = cache.peek(frame);
      if (now) draw(now, frame);
      else {
        cache.get(frame).then((bitmap) => { if (mine === generation && !settled) draw(bitmap, frame); }, () => { /* no still: the video shows the frame when decoded */ });
      }
      // Frame steps go to a neighbour next: have them ready.
      void Promise.allSettled([cache.get(frame)]).then(() => {
        if (mine !== generation) return;
        for (const n of [frame + 1, frame - 1]) if (n >= 0 && n < cache.frames) cache.get(n).catch(() => {});
      });
    };
    const onSeeked = () => {
      seeked = true;
      if (!video.requestVideoFrameCallback) { settled = true; hide(); return; }
      // A seek within the frame shown presents no new frame: the still goes two frames after seeked anyway.
      const mine = generation;
      requestAnimationFrame(() => requestAnimationFrame(() => { if (mine === generation && !settled) { settled = true; hide(); } }));
    };
    const onPlay = () => { settled = true; hide(); };
    let handle = 0;
    const onFrame = (_now: number, meta: { mediaTime: number }) => {
      presentedFrame = frameAt(meta.mediaTime, stills.fps);
      if (!settled && (seeked || frameAt(meta.mediaTime, stills.fps) === target)) { settled = true; hide(); }
      else if (settled) hide();
      handle = video.requestVideoFrameCallback!(onFrame);
    };
    if (video.requestVideoFrameCallback) handle = video.requestVideoFrameCallback(onFrame);
    const native = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'currentTime');
    if (native?.get && native.set) {
      Object.defineProperty(video, 'currentTime', { configurable: true, enumerable: true,
        get() { return native.get!.call(video); },
        set(t: number) { onSeekAsked(t); native.set!.call(video, t); } });
    }
    const onSeeking = () => onSeekAsked();
    video.addEventListener('seeking', onSeeking);
    video.addEventListener('seeked', onSeeked);
    video.addEventListener('play', onPlay);
    canvas.dataset.ready = 'true';
    return () => {
      generation++;
      cancelled = true;
      cache.stop();
      cache.clear();
      if (handle && video.cancelVideoFrameCallback) video.cancelVideoFrameCallback(handle);
      delete (video as { currentTime?: number }).currentTime;
      video.removeEventListener('seeking', onSeeking);
      video.removeEventListener('seeked', onSeeked);
      video.removeEventListener('play', onPlay);
      canvas.dataset.ready = 'false';
      hide();
    };
  }, [videoRef, stills, drawOverlayAt]);

  return <canvas ref={canvasRef} className="still" data-testid="still" aria-hidden="true" data-shown="false"
    style={{ ...STYLE, visibility: 'hidden', ...(filter === 'none' ? {} : { filter }) }} />;
}
