/**
 * One feature's lane: a block per segment, patterned by status (not colour only), onset ticks; a click seeks to
 * the segment's start. With measured signs, a second row of measured intervals, labelled "measured" under the
 * feature's name, where a disagreement between model and measurement is flagged (⚠ and words, a tooltip, an
 * accessible name); the flag is a button that takes the focus to the finding's note in the findings panel.
 */
import { memo } from 'react';
import type { Lane as LaneData } from './timelineLanes.ts';
import { STATUS_PATTERN } from './timelineLanes.ts';
import { decisionText, type ClinicianMark } from './reviewLog.ts';
import { MeasuredRow, type MaskedSpan } from './MeasuredRow.tsx';
import { DISAGREE_TEXT, type MeasuredLaneRow } from './measuredEvidence.ts';

const STATUS_LABEL = { present: 'present', absent: 'absent', failed: 'failed', not_assessed: 'not assessed' } as const;

export interface LaneProps {
  lane: LaneData;
  durationS: number;
  /** Without it the segments are read-only. */
  onSeek?: (t: number) => void;
  /** The test id's prefix (`lane-<featureId>` on the review screen; the start screen's live lanes use another). */
  idPrefix?: string;
  /** The clinician's interval, a thin row under the segments. */
  clinician?: ClinicianMark;
  /** The signals layer's intervals, a second row. */
  measured?: MeasuredLaneRow;
  /** Spans masked while another person overlapped the patient, shaded in the measured row. */
  masked?: readonly MaskedSpan[];
  /** Why model and measurement disagree (the findings panel's sentence): the lane is flagged. */
  disagreement?: string;
  /** Takes the clinician to the finding's disagreement note. */
  onReviewDisagreement?: (featureId: string) => void;
}

/** Memoised: the playhead moving (every frame while playing) does not redraw the lanes. */
export const Lane = memo(function Lane({ lane, durationS, onSeek, idPrefix = 'lane', clinician, measured, masked, disagreement, onReviewDisagreement }: LaneProps) {
  const pct = (t: number) => `${(100 * t) / Math.max(durationS, 1e-6)}%`;
  // Overlapping segments alternate between two rows, so each stays visible.
  return (
    <div className={`lane${measured ? ' with-measured' : ''}`} data-testid={`${idPrefix}-${lane.featureId}`} data-finding={lane.findingStatus}>
      {measured
        ? (
          <div className="lane-label lane-head">
            <span className="lane-name" title={lane.label}>{lane.label}</span>
            <span className="measured-row-label">
              measured
              {disagreement && (
                <button type="button" className="disagree-mark" data-testid={`lane-disagree-${lane.featureId}`}
                  aria-label={`${lane.label}: ${DISAGREE_TEXT.toLowerCase()}. ${disagreement}`} title={`${DISAGREE_TEXT}. ${disagreement}`}
                  onClick={() => onReviewDisagreement?.(lane.featureId)}>
                  <span aria-hidden="true">⚠ </span>disagree
                </button>
              )}
            </span>
          </div>
        )
        : <span className="lane-label" title={lane.label}>{lane.label}</span>}
      <div className="lane-track">
        {lane.segments.map((s) => (
          <button
            type="button" key={s.segmentIndex}
            className={`segment status-${s.status} pattern-${STATUS_PATTERN[s.status]} row-${s.segmentIndex % 2}`}
            style={{ left: pct(s.startS), width: pct(Math.max(0, Math.min(s.endS, durationS) - s.startS)) }}
            data-start-s={s.startS} data-end-s={s.endS} data-status={s.status}
            title={`${lane.label}: ${STATUS_LABEL[s.status]}, ${s.startS.toFixed(1)}-${s.endS.toFixed(1)} s${s.justification ? `. ${s.justification}` : ''}`}
            aria-label={`${lane.label}, segment ${s.segmentIndex + 1}: ${STATUS_LABEL[s.status]}, from ${s.startS.toFixed(1)} s`}
            disabled={!onSeek} onClick={() => onSeek?.(s.startS)}
          />
        ))}
        {lane.onsetsS.map((t, i) => <span key={i} className="onset-tick" style={{ left: pct(t) }} title={`onset ${t.toFixed(2)} s`} />)}
        {clinician && <span className={`clinician-interval decision-${clinician.decision}${clinician.endS === null ? ' tick' : ''}`} data-testid={`clinician-interval-${lane.featureId}`}
          data-start-s={clinician.startS} data-end-s={clinician.endS ?? ''} style={{ left: pct(clinician.startS), width: clinician.endS === null ? undefined : pct(Math.max(0, clinician.endS - clinician.startS)) }}
          title={`Clinician: ${decisionText({ decision: clinician.decision, onsetS: clinician.startS, offsetS: clinician.endS, side: clinician.side })}`} />}
        {measured && <MeasuredRow featureId={lane.featureId} label={lane.label} row={measured} masked={masked} pct={pct} />}
      </div>
    </div>
  );
});
