/**
 * The seek-stills layer, between the <video> and the overlay in the stage's zoomed wrapper: on every seek
 * (whatever asked for it: a lane, the ruler, go-to, a frame step, a finding), the target frame's small JPEG
 * is drawn from the moment currentTime is set (the element's own setter is wrapped, so no path is missed; the
 * `seeking` event covers any other seek), letterboxed exactly like the video (object-fit: contain), and the
 * overlay is drawn for that frame's time; the still hides as soon as the video presents the frame itself
 * (requestVideoFrameCallback) or plays. Once the still's bytes are in memory (stillCache.ts), all of it
 * happens inside the setter: libjpeg-turbo (WebAssembly, jpegTurbo.ts) decodes the JPEG on this thread, so
 * the still and its overlay are on the canvases before the setter returns, with no task or thread hop that
 * a busy machine could delay, and (paused) the video's own seek starts once the page has rendered them;
 * before that, the still is fetched and decoded asynchronously. Says what it
 * shows in data attributes (frame, shown; decoder: wasm, cache or browser; preloaded: the whole stills file
 * is in memory; sync: the synchronous decoder is loaded).
 */
import { useEffect, useRef, type RefObject } from 'react';
import { frameAt } from './frameClock.ts';
import { containBox, fitCanvas } from './overlayGeometry.ts';
import type { JpegTurbo } from './jpegTurbo.ts';
import { loadJpegTurbo } from './loadJpegTurbo.ts';
import { StillCache } from './stillCache.ts';
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

const stillWidth = (s: ImageBitmap | VideoFrame) => ('displayWidth' in s ? s.displayWidth : s.width);
const stillHeight = (s: ImageBitmap | VideoFrame) => ('displayHeight' in s ? s.displayHeight : s.height);

/** Longest wait for the frame with the still before the video's own seek starts anyway (frames stop in a hidden window). */
const PENDING_MAX_MS = 100;

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
    let turbo: JpegTurbo | null = null;
    canvas.dataset.sync = 'false';
    // Loaded when the page is idle (the review screen is up by then); the stills' bytes take longer to arrive anyway.
    const idle = requestIdleCallback(() => {
      loadJpegTurbo().then((t) => { if (!cancelled) { turbo = t; canvas.dataset.sync = 'true'; } },
        (e: unknown) => { if (!cancelled) canvas.dataset.syncProblem = e instanceof Error ? e.message : String(e); });
    }, { timeout: 2000 });
    /** The decoded still goes through this canvas (putImageData cannot scale): one still's pixels, reused. */
    const scratch = document.createElement('canvas');
    const scratchCtx = scratch.getContext('2d');
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
    /** Draws a still of `iw x ih` pixels for `frame`, and the overlay for that frame. */
    const draw = (image: CanvasImageSource, iw: number, ih: number, frame: number, decoder: 'wasm' | 'cache' | 'browser') => {
      const fitted = fitCanvas(canvas);
      if (!fitted) return;
      const { ctx, w, h } = fitted;
      ctx.clearRect(0, 0, w, h);
      const box = containBox(w, h, video.videoWidth || iw, video.videoHeight || ih);
      ctx.drawImage(image, box.x, box.y, box.w, box.h);
      canvas.dataset.frame = String(frame);
      canvas.dataset.decoder = decoder;
      canvas.dataset.shown = 'true';
      canvas.style.visibility = 'visible';
      // Frame i is shown from i/fps: the overlay for exactly that instant, as when the video presents it.
      drawOverlayAt.current?.(frame / stills.fps);
    };
    /** The still (frame) a seek to `to` shows; without `to`, the video's own current time. */
    const frameOfSeek = (to?: number) => {
      const t = typeof to === 'number' && Number.isFinite(to) ? Math.min(Math.max(0, to), video.duration || Infinity) : video.currentTime;
      return Math.min(cache.frames - 1, frameAt(t, stills.fps));
    };
    /** `to`: the time being set (the setter runs this before the element's own seek). */
    const onSeekAsked = (to?: number) => {
      const frame = frameOfSeek(to);
      // The setter already started this one (the `seeking` event follows a task later).
      if (frame === target && !settled) return;
      // The video shows that very frame already.
      if (settled && video.paused && frame === presentedFrame) return;
      const mine = ++generation;
      target = frame;
      settled = false;
      seeked = false;
      const known = cache.peek(frame);
      if (known) draw(known, stillWidth(known), stillHeight(known), frame, 'cache');
      else if (drawNow(frame)) return;
      else cache.get(frame).then((still) => { if (mine === generation && !settled) draw(still, stillWidth(still), stillHeight(still), frame, 'browser'); }, () => { /* no still: the video shows the frame when decoded */ });
      // Frame steps go to a neighbour next: have the ones that cannot be decoded at once ready.
      void Promise.allSettled([cache.get(frame)]).then(() => {
        if (mine !== generation) return;
        for (const n of [frame + 1, frame - 1]) if (n >= 0 && n < cache.frames && !(turbo && cache.bytes(n))) cache.get(n).catch(() => {});
      });
    };
    /** Decodes and draws the still of `frame` now, on this thread, when its bytes are in memory; false when they are not (or it cannot be decoded). */
    const drawNow = (frame: number): boolean => {
      const bytes = turbo && scratchCtx ? cache.bytes(frame) : null;
      if (!bytes || !turbo || !scratchCtx) return false;
      let pixels;
      try {
        pixels = turbo.decode(bytes);
      } catch {
        return false;
      }
      if (scratch.width !== pixels.width || scratch.height !== pixels.height) { scratch.width = pixels.width; scratch.height = pixels.height; }
      scratchCtx.putImageData(new ImageData(pixels.rgba, pixels.width, pixels.height), 0, 0);
      draw(scratch, pixels.width, pixels.height, frame, 'wasm');
      return true;
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
    const nativeSet = (t: number) => native?.set?.call(video, t);
    // While paused, a seek whose still is drawn in the setter starts the video's own seek only once the page
    // has rendered the frame with the still: started at once, the video's decode takes the cores that
    // rendering needs (in the UI bench on 2 busy cores, the frame with the still came p95 70 ms after the seek
    // instead of 20 ms; the full-resolution frame comes about a frame later). Meanwhile currentTime answers
    // the time asked for; play() and a seek without a still start it at once; so does a timer where frames do
    // not come (a hidden window).
    let pending: number | null = null;
    let pendingTimer: ReturnType<typeof setTimeout> | undefined;
    const startPending = () => {
      clearTimeout(pendingTimer);
      const t = pending;
      pending = null;
      if (t !== null) nativeSet(t);
    };
    const startAfterFrame = () => {
      requestAnimationFrame(() => {
        const afterRendering = new MessageChannel();
        afterRendering.port1.onmessage = () => { afterRendering.port1.close(); startPending(); };
        afterRendering.port2.postMessage(null);
      });
      pendingTimer = setTimeout(startPending, PENDING_MAX_MS);
    };
    if (native?.get && native.set) {
      Object.defineProperty(video, 'currentTime', { configurable: true, enumerable: true,
        get() { return pending === null ? native.get!.call(video) : Math.min(Math.max(0, pending), video.duration || Infinity); },
        set(t: number) {
          onSeekAsked(t);
          const onCanvas = canvas.dataset.shown === 'true' && canvas.dataset.frame === String(target) && target === frameOfSeek(t);
          if (!(onCanvas && video.paused && Number.isFinite(t))) { clearTimeout(pendingTimer); pending = null; nativeSet(t); return; }
          const first = pending === null;
          pending = t;
          if (first) startAfterFrame();
        } });
    }
    const nativePlay = HTMLMediaElement.prototype.play;
    video.play = () => { startPending(); return nativePlay.call(video); };
    const onSeeking = () => onSeekAsked();
    video.addEventListener('seeking', onSeeking);
    video.addEventListener('seeked', onSeeked);
    video.addEventListener('play', onPlay);
    canvas.dataset.ready = 'true';
    return () => {
      generation++;
      cancelled = true;
      cancelIdleCallback(idle);
      cache.stop();
      cache.clear();
      if (handle && video.cancelVideoFrameCallback) video.cancelVideoFrameCallback(handle);
      startPending();
      delete (video as { currentTime?: number }).currentTime;
      delete (video as { play?: unknown }).play;
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
