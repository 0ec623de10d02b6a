/**
 * Care intervention: spans where another person (a nurse, a relative) overlaps the patient. Their hands move
 * the patient, so that movement must not be measured as seizure movement: the spans are masked (the tracks
 * set missing) and reported. The enhance layer keeps only the tracked patient's keypoints, so other people
 * come in as boxes per frame (`OtherPeopleFrame`, source-video pixels), e.g. from the person detector.
 */
import type { EnhancedFrameRecord } from '../contract/analysisSchema.ts';
import type { CareInterventionSpan } from '../contract/measuredSigns.ts';
import { MIN_KEYPOINT_SCORE, type KeypointTracks } from './keypointTracks.ts';

/** Other people seen in one frame: boxes in source-video pixels (top-left corner and size). */
export interface OtherPeopleFrame {
  tS: number;
  boxes: ReadonlyArray<{ x: number; y: number; w: number; h: number }>;
}

/** Overlap (share of the patient's box, grown by CARE_BOX_MARGIN) that counts as touching. Our heuristic. */
export const CARE_MIN_OVERLAP = 0.05;
/** The patient's keypoint box is grown by this share of its size on each side (hands reach in). Our heuristic. */
export const CARE_BOX_MARGIN = 0.1;
/** Masked spans are widened by this on both sides (the person's approach and leaving). Our heuristic. */
export const CARE_PAD_S = 0.5;

export function careInterventionSpans(frames: readonly EnhancedFrameRecord[], others: readonly OtherPeopleFrame[] | undefined): CareInterventionSpan[] {
  if (!others?.length) return [];
  const patientBoxes = frames
    .map((f) => ({ tS: f.tS, box: keypointBox(f) }))
    .filter((p): p is { tS: number; box: Box } => p.box !== null)
    .sort((a, b) => a.tS - b.tS);
  if (!patientBoxes.length) return [];
  const hits: number[] = [];
  for (const o of others) {
    const p = nearest(patientBoxes, o.tS);
    if (!p || Math.abs(p.tS - o.tS) > 1) continue;
    const area = p.box.w * p.box.h || 1;
    if (o.boxes.some((b) => intersection(p.box, b) / area >= CARE_MIN_OVERLAP)) hits.push(o.tS);
  }
  hits.sort((a, b) => a - b);
  const spans: CareInterventionSpan[] = [];
  for (const tS of hits) {
    const s = Math.max(0, tS - CARE_PAD_S), e = tS + CARE_PAD_S;
    const last = spans[spans.length - 1];
    if (last && s <= last.endS + 1) last.endS = Math.max(last.endS, e);
    else spans.push({ startS: s, endS: e });
  }
  return spans.map((s) => ({ startS: round(s.startS), endS: round(s.endS) }));
}

/** Set every joint missing inside the spans. */
export function maskSpans(t: KeypointTracks, spans: readonly CareInterventionSpan[]): void {
  for (const s of spans) {
    const a = Math.max(0, Math.ceil((s.startS - t.startS) * t.rateHz - 1e-9));
    const b = Math.min(t.length - 1, Math.floor((s.endS - t.startS) * t.rateHz + 1e-9));
    for (const name of Object.keys(t.x) as Array<keyof KeypointTracks['x']>) {
      for (let i = a; i <= b; i++) { t.x[name][i] = NaN; t.y[name][i] = NaN; t.score[name][i] = NaN; }
    }
  }
}

interface Box { x: number; y: number; w: number; h: number }

function keypointBox(f: EnhancedFrameRecord): Box | null {
  const ok = f.keypoints.filter((k) => k.score >= MIN_KEYPOINT_SCORE);
  if (ok.length < 2) return null;
  const x0 = Math.min(...ok.map((k) => k.x)), x1 = Math.max(...ok.map((k) => k.x));
  const y0 = Math.min(...ok.map((k) => k.y)), y1 = Math.max(...ok.map((k) => k.y));
  const mx = (x1 - x0) * CARE_BOX_MARGIN, my = (y1 - y0) * CARE_BOX_MARGIN;
  return { x: x0 - mx, y: y0 - my, w: x1 - x0 + 2 * mx, h: y1 - y0 + 2 * my };
}

function nearest(boxes: ReadonlyArray<{ tS: number; box: Box }>, tS: number): { tS: number; box: Box } | undefined {
  let lo = 0, hi = boxes.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (boxes[mid]!.tS < tS) lo = mid + 1; else hi = mid; }
  const a = boxes[lo], b = boxes[lo - 1];
  return b && a && Math.abs(b.tS - tS) < Math.abs(a.tS - tS) ? b : a;
}

function intersection(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  return ix * iy;
}

const round = (v: number) => Math.round(v * 100) / 100;
