/**
 * The player's controls: play/pause, speed (J/K/L), frame steps, the clock (seconds and frame), go to time,
 * loop, the overlay toggles; and the picture row: zoom, brightness, contrast. Buttons run the same commands
 * as the keys (titles name the key); the sliders set a value directly.
 */
import type { RefObject } from 'react';
import { clockLabel } from './frameClock.ts';
import { BRIGHTNESS, CONTRAST, clampTo, type Picture } from './pictureAdjust.ts';
import { rateLabel } from './playbackRates.ts';
import { zoomLabel, type View } from './viewTransform.ts';

export interface ControlsProps {
  timeS: number;
  fps: number;
  playing: boolean;
  rate: number;
  loop: boolean;
  showSkeleton: boolean;
  showFace: boolean;
  view: View;
  picture: Picture;
  goToRef: RefObject<HTMLInputElement | null>;
  run: (command: string) => void;
  onGoTo: (t: number) => void;
  onPicture: (p: Picture) => void;
}

export function Controls(p: ControlsProps) {
  return (
    <>
      <div className="controls" role="toolbar" aria-label="Player">
        <button type="button" onClick={() => p.run('frame-back')} aria-label="One frame back" title="One frame back (,)">‹ frame</button>
        <button type="button" onClick={() => p.run('play-pause')} aria-label={p.playing ? 'Pause' : 'Play'} title="Play / pause (Space; K pauses)">{p.playing ? 'Pause' : 'Play'}</button>
        <button type="button" onClick={() => p.run('frame-forward')} aria-label="One frame forward" title="One frame forward (.)">frame ›</button>
        <button type="button" onClick={() => p.run('slower')} title="Slower, down to 0.25x (J)">J slower</button>
        <span className="rate" data-testid="rate" aria-label="Speed" aria-live="polite">{rateLabel(p.rate)}</span>
        <button type="button" onClick={() => p.run('faster')} title="Faster, up to 2x; from pause plays at 1x (L)">L faster</button>
        <span className="clock"><span data-testid="current-time">{p.timeS.toFixed(3)}</span> s · <span data-testid="clock-label">{clockLabel(p.timeS, p.fps)}</span></span>
        <form className="goto" onSubmit={(e) => { e.preventDefault(); const v = Number(p.goToRef.current?.value); if (Number.isFinite(v)) p.onGoTo(v); p.goToRef.current?.blur(); }}>
          <label>Go to (s) <input ref={p.goToRef} data-testid="go-to" inputMode="decimal" size={6} /></label>
        </form>
        <button type="button" aria-pressed={p.loop} data-testid="toggle-loop" onClick={() => p.run('loop-segment')}>Loop segment</button>
        <button type="button" aria-pressed={p.showSkeleton} data-testid="toggle-skeleton" onClick={() => p.run('toggle-skeleton')}>Skeleton</button>
        <button type="button" aria-pressed={p.showFace} data-testid="toggle-face" onClick={() => p.run('toggle-face')}>Face box</button>
      </div>
      <div className="controls" role="toolbar" aria-label="Picture">
        <span className="group" role="group" aria-label="Zoom">
          <button type="button" data-testid="zoom-out" onClick={() => p.run('zoom-out')} aria-label="Zoom out" title="Zoom out (-)">−</button>
          <span className="value" data-testid="zoom-level" aria-label="Zoom" aria-live="polite">{zoomLabel(p.view)}</span>
          <button type="button" data-testid="zoom-in" onClick={() => p.run('zoom-in')} aria-label="Zoom in" title="Zoom in (+); the wheel zooms at the pointer, drag to pan">+</button>
          <button type="button" data-testid="zoom-reset" onClick={() => p.run('zoom-reset')} aria-label="Whole picture, zoom 1x" title="Whole picture (0)">1x</button>
        </span>
        <span className="group">
          <label className="slider">Brightness
            <input type="range" data-testid="brightness" min={BRIGHTNESS.min} max={BRIGHTNESS.max} step={BRIGHTNESS.step} value={p.picture.brightness}
              aria-valuetext={`${p.picture.brightness} %`} title="Brightness (B brighter, Shift + B dimmer)"
              onChange={(e) => p.onPicture({ ...p.picture, brightness: clampTo(Number(e.currentTarget.value), BRIGHTNESS) })} />
          </label>
          <span className="value" data-testid="brightness-value">{p.picture.brightness} %</span>
        </span>
        <span className="group">
          <label className="slider">Contrast
            <input type="range" data-testid="contrast" min={CONTRAST.min} max={CONTRAST.max} step={CONTRAST.step} value={p.picture.contrast}
              aria-valuetext={`${p.picture.contrast} %`} title="Contrast (C more, Shift + C less)"
              onChange={(e) => p.onPicture({ ...p.picture, contrast: clampTo(Number(e.currentTarget.value), CONTRAST) })} />
          </label>
          <span className="value" data-testid="contrast-value">{p.picture.contrast} %</span>
          <button type="button" data-testid="picture-reset" onClick={() => p.run('picture-reset')} aria-label="Reset brightness and contrast to as recorded" title="As recorded (R)">Reset</button>
        </span>
      </div>
    </>
  );
}
