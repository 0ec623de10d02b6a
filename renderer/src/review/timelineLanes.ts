/**
 * The timeline's lanes: one per feature, grouped face / limb / context / audio in catalogue order, each with one
 * block per segment coloured by what the model answered there (present, absent, failed, or not assessed when
 * the feature was not asked), overlaps kept (segments overlap by design), and onset ticks where the model
 * gave an onset. Pure: the React lane component draws these.
 */
import type { AnalysisResult } from '../../../native-models/contract/analysisSchema.ts';
import type { FeatureGroup } from '../../../native-models/semiology/featureCatalogue.ts';

export type SegmentStatus = 'present' | 'absent' | 'failed' | 'not_assessed';

/** What the lanes need of the catalogue (served by the engine: the renderer imports no engine code). */
export interface LaneFeature {
  id: string;
  group: FeatureGroup;
  label: string;
}

export interface LaneSegment {
  segmentIndex: number;
  startS: number;
  endS: number;
  status: SegmentStatus;
  /** The model's justification for this segment ('' when none). */
  justification: string;
}

export interface Lane {
  featureId: string;
  label: string;
  group: FeatureGroup;
  /** The feature's overall finding status (analysis.json findings). */
  findingStatus: 'present' | 'absent' | 'not_assessed' | 'failed';
  segments: LaneSegment[];
  /** Onsets in recording seconds, from positive answers that gave one. */
  onsetsS: number[];
}

export interface LaneGroup {
  group: FeatureGroup;
  lanes: Lane[];
}

export const GROUP_ORDER: readonly FeatureGroup[] = ['face', 'limb', 'context', 'audio'];

/** What the lanes are drawn from: a whole analysis, or the part of a running one that has arrived (start/liveLanes.ts). */
export interface LaneSource {
  segments: AnalysisResult['segments'];
  answers: AnalysisResult['answers'];
  /** Each feature's finding (its primary variant and overall status). */
  findings: ReadonlyArray<Pick<AnalysisResult['findings'][number], 'featureId' | 'variant' | 'status'>>;
}

export function timelineLanes(analysis: LaneSource, features: readonly LaneFeature[]): LaneGroup[] {
  const findings = new Map(analysis.findings.map((f) => [f.featureId as string, f]));
  const lanes: Lane[] = features.map((feature) => {
    const finding = findings.get(feature.id);
    const mine = analysis.answers.filter((a) => a.featureId === feature.id && (!finding || a.variant === finding.variant));
    const segments = analysis.segments.map((s): LaneSegment => {
      const a = mine.find((x) => x.segmentIndex === s.index);
      const status: SegmentStatus = !a ? 'not_assessed' : a.status === 'failed' ? 'failed' : a.present ? 'present' : 'absent';
      return { segmentIndex: s.index, startS: s.startS, endS: s.endS, status, justification: a?.justification ?? '' };
    });
    const onsetsS = mine.filter((a) => a.present && a.onsetS !== null).map((a) => a.onsetS as number).sort((x, y) => x - y);
    return { featureId: feature.id, label: feature.label, group: feature.group, findingStatus: finding?.status ?? 'not_assessed', segments, onsetsS };
  });
  return GROUP_ORDER.map((group) => ({ group, lanes: lanes.filter((l) => l.group === group) })).filter((g) => g.lanes.length > 0);
}

/** A pattern per status, so the lanes read without colour too (the legend names them). */
export const STATUS_PATTERN: Readonly<Record<SegmentStatus, string>> = {
  present: 'solid', absent: 'hollow', failed: 'crosshatch', not_assessed: 'dotted',
};
