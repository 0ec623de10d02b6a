/**
 * The predicted onsets, offsets and sides of one analysis.json, each with where it came from:
 *   onset/offset: the clinician's (the review's standing decision holds the sign present and gives an onset;
 *     a decision that holds it absent means no onset), else the measured signs of that feature (earliest
 *     startS, latest endS), else the model's finding (onsetS of a present finding; no offset);
 *   side: the clinician's (sign held present, side given; held absent: none), else the side of the earliest
 *     measured sign with a side, else none. The model's findings carry no side.
 * For an item answered by several features (arm_movement) the clinician's sides come first, then the
 * measured ones (only signs involving an arm), the earliest onset winning.
 */
import type { AnalysisResult } from '../contract/analysisSchema.ts';
import { clinicianStatus, type ReviewEntry } from '../contract/clinicianReview.ts';
import type { MeasuredSign } from '../contract/measuredSigns.ts';
import { FEATURE_IDS } from '../semiology/featureCatalogue.ts';
import type { RecordTiming, SideCell, SideValue, TimedValue } from './evaluationTypes.ts';
import { LATERALITY_ITEMS } from './lateralityItems.ts';

export interface AnalysisTiming {
  timing: RecordTiming;
  timedFeatures: string[];
  lateralityItems: string[];
}

interface Candidate {
  side: SideValue;
  startS: number;
}

export function analysisTiming(a: AnalysisResult): AnalysisTiming {
  const findings = new Map(a.findings.map((f) => [f.featureId as string, f]));
  const entries = new Map<string, ReviewEntry>();
  for (const e of a.review?.current ?? []) if (e.kind === 'decision' && e.featureId && e.decision) entries.set(e.featureId, e);
  const signs = a.measuredSigns?.signs ?? [];
  const signsOf = (id: string): MeasuredSign[] => signs.filter((s) => s.featureId === id);
  const held = (id: string): 'present' | 'absent' | null => {
    const e = entries.get(id);
    if (!e) return null;
    const st = clinicianStatus(findings.get(id)?.status ?? 'not_assessed', e.decision);
    return st === 'present' || st === 'absent' ? st : null;
  };

  const timedFeatures = FEATURE_IDS.filter((id) => findings.has(id) || entries.has(id) || signsOf(id).length > 0);
  const times = new Map<string, TimedValue>();
  for (const id of timedFeatures) {
    const e = entries.get(id);
    const h = held(id);
    if (h === 'present' && e!.onsetS !== null) { times.set(id, { startS: e!.onsetS, endS: e!.offsetS, source: 'clinician' }); continue; }
    if (h === 'absent') { times.set(id, { startS: null, endS: null, source: 'clinician' }); continue; }
    const ss = signsOf(id);
    if (ss.length > 0) {
      times.set(id, { startS: Math.min(...ss.map((s) => s.startS)), endS: Math.max(...ss.map((s) => s.endS)), source: 'measured' });
      continue;
    }
    const f = findings.get(id);
    if (f && f.status === 'present' && f.onsetS !== null) times.set(id, { startS: f.onsetS, endS: null, source: 'model' });
    else times.set(id, { startS: null, endS: null, source: 'model' });
  }

  const sides = new Map<string, SideCell>();
  const lateralityItems: string[] = [];
  for (const item of LATERALITY_ITEMS) {
    if (!item.features.some((f) => timedFeatures.includes(f as never))) continue;
    lateralityItems.push(item.id);
    const clinician: Candidate[] = [];
    const measured: Candidate[] = [];
    let rejected = 0;
    for (const id of item.features) {
      const h = held(id);
      const e = entries.get(id);
      if (h === 'present' && e!.side) { clinician.push({ side: e!.side, startS: e!.onsetS ?? times.get(id)?.startS ?? Infinity }); continue; }
      if (h === 'absent') { rejected++; continue; }
      for (const s of signsOf(id)) {
        if (s.side === null) continue;
        if (item.segments && !s.segments.some((g) => item.segments!.includes(g))) continue;
        measured.push({ side: s.side, startS: s.startS });
      }
    }
    const pick = (c: Candidate[]): SideValue => [...c].sort((x, y) => x.startS - y.startS)[0]!.side;
    if (clinician.length) sides.set(item.id, { side: pick(clinician), source: 'clinician' });
    else if (measured.length) sides.set(item.id, { side: pick(measured), source: 'measured' });
    else sides.set(item.id, { side: null, source: rejected === item.features.length ? 'clinician' : 'model' });
  }
  return { timing: { times, sides }, timedFeatures, lateralityItems };
}
