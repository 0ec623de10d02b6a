/**
 * Other people by the patient (a nurse, a relative reaching over) at the pose rate: the signals layer masks
 * the spans where one overlaps the patient, whose movement they may be causing (signals/careInterventionMask.ts),
 * so it needs their boxes frame by frame. The person detector (CenterNet, ~60 ms a frame) is too dear for
 * 15 fps, and the patient's tracking runs it only every 10 s. So a coarse test runs on every pose frame (grey
 * block means, ~0.2 ms): when several blocks outside the patient's region changed a lot since the previous pose
 * frame (someone coming in, reaching, leaving), the detector runs on that frame, at most every `MIN_GAP_S`
 * (backing off to `MAX_GAP_S` while it finds nobody: a shaking bed frame is not a visitor), and once more when
 * the movement stops (someone who walked in half in view and stood still); between detections the boxes last
 * seen are carried, and while someone is in view they are refreshed at least every `REFRESH_S`. The patient's
 * own movement, inside its region, does not count.
 */
import type { RgbImage } from '../media/frameTypes.ts';
import { boxSimilarity, type PersonDetection } from './personDetector.ts';
import type { Box } from './poseTypes.ts';

/** Blocks along the frame's long side for the motion test (8 px blocks of a 448-px frame). Our choice. */
export const BLOCKS_LONG_SIDE = 56;
/**
 * A block moved when its mean grey level changed by at least this between two pose frames. Our heuristic: a
 * person's edge (contrast ~60) moving 2 px or more across an 8-px block; H.264 quantisation moves the means of
 * blocks on moving texture by up to ~13 from frame to frame (bench stand-in, CRF 23).
 */
export const BLOCK_DELTA = 16;
/** Something large moved when at least this many blocks outside the patient's region did (a hand and forearm). Our heuristic. */
export const MIN_MOVED_BLOCKS = 3;
/** Least time between two detections started by movement. Our choice: a reach lasts a second or more. */
export const MIN_GAP_S = 0.5;
/** The gap doubles up to this while detections started by movement find nobody else. Our choice. */
export const MAX_GAP_S = 2;
/** While someone else is in view, their boxes are refreshed at least this often even if nothing moved. Our choice. */
export const REFRESH_S = 5;
/** A detection counts as another person when its long side is at least this share of the patient's (not a face in a poster). Our heuristic. */
export const MIN_OTHER_SIZE = 0.4;
/** ... and at least this share of its box lies outside the patient's box (a second box on the patient is the patient). Our heuristic. */
export const MIN_OUTSIDE_SHARE = 0.25;
/** The detection most like the patient's box is the patient when their similarity is at least this. Our heuristic. */
export const PATIENT_MATCH = 0.3;

export class OtherPeopleWatch {
  private prev: Float32Array | null = null;
  private prevSize = '';
  private lastDetectT = -Infinity;
  private lastMovedT = -Infinity;
  private gapS = MIN_GAP_S;
  private others: Box[] = [];

  /** Other people's boxes as last seen (the frame's pixels); empty when nobody else is in view. */
  get boxes(): readonly Box[] {
    return this.others;
  }

  /**
   * Compares the frame with the previous one (call once per pose frame, in order): whether something large
   * moved outside `patientRegion` (frame pixels; null: anywhere counts).
   */
  moved(frame: RgbImage, patientRegion: Box | null): boolean {
    const { means, cols, rows, cell } = blockMeans(frame);
    const size = `${frame.width}x${frame.height}`;
    const prev = this.prev;
    this.prev = means;
    if (!prev || size !== this.prevSize) { this.prevSize = size; return false; }
    let moved = 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const i = r * cols + c;
        const d = means[i]! - prev[i]!;
        if (d < BLOCK_DELTA && d > -BLOCK_DELTA) continue;
        if (patientRegion && inside((c + 0.5) * cell, (r + 0.5) * cell, patientRegion)) continue;
        if (++moved >= MIN_MOVED_BLOCKS) return true;
      }
    }
    return false;
  }

  /** Whether to run the detector on this frame, given the result of `moved`. */
  due(tS: number, moved: boolean): boolean {
    const since = tS - this.lastDetectT;
    const settled = !moved && this.lastMovedT > this.lastDetectT;
    if (moved) this.lastMovedT = tS;
    return ((moved || settled) && since >= this.gapS - 1e-6) || (this.others.length > 0 && since >= REFRESH_S - 1e-6);
  }

  /**
   * A detection on the frame at `tS`: everyone but the patient (the detection most like `patientBox`),
   * keeping person-sized boxes that reach outside the patient's. Without a patient box nobody is kept.
   * `byMovement`: this watch asked for it (`due`); a movement that showed nobody lengthens the next gap.
   */
  seen(tS: number, people: readonly PersonDetection[], patientBox: Box | null, byMovement = false): void {
    this.lastDetectT = tS;
    this.others = patientBox ? othersThan(people, patientBox) : [];
    if (this.others.length) this.gapS = MIN_GAP_S;
    else if (byMovement) this.gapS = Math.min(MAX_GAP_S, this.gapS * 2);
  }
}

/** The detections that are other people, given the patient's box (the patient's own detection sets the size). */
export function othersThan(people: readonly PersonDetection[], patientBox: Box): Box[] {
  let best = -1, bestSim = PATIENT_MATCH;
  people.forEach((p, i) => { const s = boxSimilarity(p.box, patientBox); if (s >= bestSim) { best = i; bestSim = s; } });
  const own = people[best]?.box;
  const side = Math.max(patientBox.w, patientBox.h, own?.w ?? 0, own?.h ?? 0);
  return people
    .filter((p, i) => i !== best)
    .map((p) => p.box)
    .filter((b) => Math.max(b.w, b.h) >= MIN_OTHER_SIZE * side && 1 - overlap(b, patientBox) / Math.max(1, b.w * b.h) >= MIN_OUTSIDE_SHARE)
    .map((b) => ({ ...b }));
}

function overlap(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  return ix * iy;
}

function inside(x: number, y: number, b: Box): boolean {
  return x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h;
}

/** Mean grey level ((r + 2g + b) / 4) of square blocks, from every other pixel of every other row. */
function blockMeans(frame: RgbImage): { means: Float32Array; cols: number; rows: number; cell: number } {
  const { width: W, height: H, data } = frame;
  const cell = Math.max(2, Math.round(Math.max(W, H) / BLOCKS_LONG_SIDE));
  const cols = Math.ceil(W / cell), rows = Math.ceil(H / cell);
  const means = new Float32Array(cols * rows);
  const sums = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    sums.fill(0);
    const y1 = Math.min(H, (r + 1) * cell);
    let samplesPerRow = 0;
    for (let y = r * cell; y < y1; y += 2) {
      samplesPerRow++;
      const row = y * W * 3;
      for (let c = 0; c < cols; c++) {
        const x1 = Math.min(W, (c + 1) * cell);
        let s = 0;
        for (let p = row + c * cell * 3, end = row + x1 * 3; p < end; p += 6) s += (data[p]! + 2 * data[p + 1]! + data[p + 2]!) >> 2;
        sums[c] = sums[c]! + s;
      }
    }
    for (let c = 0; c < cols; c++) {
      const n = samplesPerRow * Math.ceil((Math.min(W, (c + 1) * cell) - c * cell) / 2);
      means[r * cols + c] = n > 0 ? sums[c]! / n : 0;
    }
  }
  return { means, cols, rows, cell };
}
