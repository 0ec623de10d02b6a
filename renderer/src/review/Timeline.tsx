/**
 * The timeline: lanes grouped face / limb / context / audio, a legend of the status patterns, a playhead.
 * Pressing on the ruler or a lane's track seeks there and dragging scrubs (pointer capture, so the drag may
 * leave the lanes); a click on a segment still seeks to the segment's start, unless the press became a drag.
 * The ruler is also a keyboard slider (Home / End / Page keys here; the arrows step frames everywhere).
 * With measured signs, each measured lane has a second row; a lane whose model finding and measurement
 * disagree is flagged, and its flag takes the focus to the finding's note in the findings panel.
 */
import type { KeyboardEvent, PointerEvent } from 'react';
import { useRef, useState } from 'react';
import { Lane } from './Lane.tsx';
import type { MaskedSpan } from './MeasuredRow.tsx';
import type { LaneGroup } from './timelineLanes.ts';
import type { ClinicianMark } from './reviewLog.ts';
import type { MeasuredLaneRow } from './measuredEvidence.ts';
import { focusFinding } from './focusFinding.ts';

/** Pixels a press on a segment must travel before it scrubs instead of clicking. */
const DRAG_SLOP_PX = 4;
const NO_SPANS: readonly MaskedSpan[] = [];

interface Scrub {
  id: number;
  startX: number;
  /** Pressed on a segment: scrubbing starts only once the pointer travels. */
  onSegment: boolean;
  active: boolean;
}

export interface TimelineProps {
  groups: LaneGroup[];
  groupLabels: Record<string, string>;
  durationS: number;
  timeS: number;
  onSeek: (t: number) => void;
  clinician?: ReadonlyMap<string, ClinicianMark>;
  measured?: ReadonlyMap<string, MeasuredLaneRow>;
  /** Spans masked while another person overlapped the patient (analysis.measuredSigns.careIntervention). */
  masked?: readonly MaskedSpan[];
  /** Features whose model finding and measurement disagree, with the sentence saying why (measuredEvidence.ts laneDisagreements). */
  disagreements?: ReadonlyMap<string, string>;
}

export function Timeline({ groups, groupLabels, durationS, timeS, onSeek, clinician, measured, masked = NO_SPANS, disagreements }: TimelineProps) {
  const rulerRef = useRef<HTMLDivElement>(null);
  const scrub = useRef<Scrub | null>(null);
  const swallowClick = useRef(false);
  const [scrubbing, setScrubbing] = useState(false);

  // Every track shares the ruler's column, so the ruler's box maps x to time for all of them.
  const timeAt = (clientX: number) => {
    const r = rulerRef.current?.getBoundingClientRect();
    if (!r || r.width <= 0) return 0;
    return Math.min(durationS, Math.max(0, ((clientX - r.left) / r.width) * durationS));
  };
  const begin = (e: PointerEvent<HTMLDivElement>, s: Scrub) => {
    s.active = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    setScrubbing(true);
    onSeek(timeAt(e.clientX));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    swallowClick.current = false;
    if (e.button !== 0 || scrub.current) return;
    const target = e.target as HTMLElement;
    if (!target.closest('.ruler, .lane-track')) return;
    const s: Scrub = { id: e.pointerId, startX: e.clientX, onSegment: Boolean(target.closest('.segment')), active: false };
    scrub.current = s;
    if (!s.onSegment) { e.preventDefault(); begin(e, s); }
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const s = scrub.current;
    if (!s || s.id !== e.pointerId) return;
    if (!s.active) { if (Math.abs(e.clientX - s.startX) >= DRAG_SLOP_PX) begin(e, s); return; }
    onSeek(timeAt(e.clientX));
  };
  const onPointerEnd = (e: PointerEvent<HTMLDivElement>) => {
    const s = scrub.current;
    if (!s || s.id !== e.pointerId) return;
    scrub.current = null;
    if (!s.active) return;
    // A drag must not end in a segment's click (which seeks to its start); the flag lives for this event only.
    swallowClick.current = true;
    setTimeout(() => { swallowClick.current = false; }, 0);
    setScrubbing(false);
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onClickCapture = (e: { stopPropagation: () => void; preventDefault: () => void }) => {
    if (!swallowClick.current) return;
    swallowClick.current = false;
    e.stopPropagation();
    e.preventDefault();
  };
  const onRulerKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, durationS / 10);
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? durationS : e.key === 'PageUp' ? timeS - page : e.key === 'PageDown' ? timeS + page : null;
    if (to === null) return;
    e.preventDefault();
    onSeek(Math.min(durationS, Math.max(0, to)));
  };

  const left = `${(100 * timeS) / Math.max(durationS, 1e-6)}%`;
  return (
    <section className="timeline" aria-label="Timeline">
      <div className="legend" aria-label="Legend">
        <span><i className="swatch pattern-solid status-present" /> present</span>
        <span><i className="swatch pattern-hollow status-absent" /> absent</span>
        <span><i className="swatch pattern-dotted status-not_assessed" /> not assessed</span>
        <span><i className="swatch pattern-crosshatch status-failed" /> failed</span>
        {measured && measured.size > 0 && <span><i className="swatch measured" /> measured from the pose (L, R, L+R: the patient&apos;s side)</span>}
        {measured && measured.size > 0 && masked.length > 0 && <span><i className="swatch masked" /> masked: another person overlapped the patient</span>}
        {disagreements && disagreements.size > 0 && <span><i className="legend-disagree" aria-hidden="true">⚠</i> model and measurement disagree</span>}
      </div>
      <div className={`lanes${scrubbing ? ' scrubbing' : ''}`} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerEnd} onPointerCancel={onPointerEnd} onClickCapture={onClickCapture}>
        <div className="ruler-row"><span className="lane-label" /><div ref={rulerRef} className="ruler" data-testid="ruler" title="Click or drag to seek"
          role="slider" tabIndex={0} aria-label="Position" aria-valuemin={0} aria-valuemax={Number(durationS.toFixed(3))} aria-valuenow={Number(timeS.toFixed(3))}
          aria-valuetext={`${timeS.toFixed(2)} s of ${durationS.toFixed(1)} s`} onKeyDown={onRulerKey}>
          {Array.from({ length: Math.floor(durationS) + 1 }, (_, s) => s).filter((s) => s % Math.max(1, Math.ceil(durationS / 12)) === 0)
            .map((s) => <span key={s} className="ruler-tick" style={{ left: `${(100 * s) / Math.max(durationS, 1e-6)}%` }}>{s}s</span>)}
        </div></div>
        {groups.map((g) => (
          <div key={g.group} className="lane-group" role="group" aria-label={groupLabels[g.group] ?? g.group}>
            <h3>{groupLabels[g.group] ?? g.group}</h3>
            {g.lanes.map((lane) => <Lane key={lane.featureId} lane={lane} durationS={durationS} onSeek={onSeek} clinician={clinician?.get(lane.featureId)}
              measured={measured?.get(lane.featureId)} masked={masked} disagreement={disagreements?.get(lane.featureId)} onReviewDisagreement={focusFinding} />)}
          </div>
        ))}
        <div className="playhead-track" aria-hidden="true"><div className="playhead" data-testid="playhead" style={{ left }} /></div>
      </div>
    </section>
  );
}
