/** The player's controls: play/pause, frame steps, speed, the clock (seconds and frame), go to time, loop, the overlay toggles. */
import type { RefObject } from 'react';
import { clockLabel } from './frameClock.ts';

export interface ControlsProps {
  timeS: number;
  fps: number;
  playing: boolean;
  rate: number;
  loop: boolean;
  showSkeleton: boolean;
  showFace: boolean;
  goToRef: RefObject<HTMLInputElement | null>;
  run: (command: string) => void;
  onGoTo: (t: number) => void;
}

export function Controls(p: ControlsProps) {
  return (
    <div className="controls" role="toolbar" aria-label="Player">
      <button type="button" onClick={() => p.run('frame-back')} aria-label="One frame back" title="One frame back (,)">‹ frame</button>
      <button type="button" onClick={() => p.run('play-pause')} aria-label={p.playing ? 'Pause' : 'Play'} title="Play / pause (Space, K)">{p.playing ? 'Pause' : 'Play'}</button>
      <button type="button" onClick={() => p.run('frame-forward')} aria-label="One frame forward" title="One frame forward (.)">frame ›</button>
      <span className="rate" aria-label="Speed">{p.rate}x</span>
      <span className="clock"><span data-testid="current-time">{p.timeS.toFixed(3)}</span> s · <span data-testid="clock-label">{clockLabel(p.timeS, p.fps)}</span></span>
      <form className="goto" onSubmit={(e) => { e.preventDefault(); const v = Number(p.goToRef.current?.value); if (Number.isFinite(v)) p.onGoTo(v); p.goToRef.current?.blur(); }}>
        <label>Go to (s) <input ref={p.goToRef} data-testid="go-to" inputMode="decimal" size={6} /></label>
      </form>
      <button type="button" aria-pressed={p.loop} data-testid="toggle-loop" onClick={() => p.run('loop-segment')}>Loop segment</button>
      <button type="button" aria-pressed={p.showSkeleton} data-testid="toggle-skeleton" onClick={() => p.run('toggle-skeleton')}>Skeleton</button>
      <button type="button" aria-pressed={p.showFace} data-testid="toggle-face" onClick={() => p.run('toggle-face')}>Face box</button>
    </div>
  );
}
