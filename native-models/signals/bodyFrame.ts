/**
 * The patient's body frame: which way the patient's LEFT points in the image, from hips and shoulders, so every
 * left/right result names the patient's side, not the image's. The pose model's labels give a left direction;
 * when the face is visible (nose and both eyes) the patient faces the camera, and then the patient's left must
 * be the head axis turned a quarter clockwise on screen (supine, seen from above: their left is the viewer's
 * right when the head is up). Labels that mostly contradict that are treated as swapped. A mirrored recording
 * (a camera setting) flips the answer, since the model labels a mirrored person as if it were not.
 */
import type { BodyFrameSummary, MeasuredSide } from '../contract/measuredSigns.ts';
import { median, type KeypointTracks } from './keypointTracks.ts';

/** Face-visible samples needed before the face may overrule the labels. Our heuristic (1 s at 15 fps). */
export const MIN_FACE_SAMPLES = 15;

export interface BodyFrame {
  /** Per sample, unit vector of the patient's left in the image (NaN where no shoulders/hips were seen). */
  leftX: Float64Array;
  leftY: Float64Array;
  /** Per sample, unit vector from the hips to the shoulders (towards the head). */
  upX: Float64Array;
  upY: Float64Array;
  summary: BodyFrameSummary;
  /** The patient's side of a joint labelled `label` by the pose model. */
  patientSide(label: 'left' | 'right'): 'left' | 'right';
}

export function estimateBodyFrame(t: KeypointTracks, mirrored = false): BodyFrame {
  const n = t.length;
  const labelX = new Float64Array(n).fill(NaN), labelY = new Float64Array(n).fill(NaN);
  const upX = new Float64Array(n).fill(NaN), upY = new Float64Array(n).fill(NaN);
  let faceSamples = 0, agree = 0;
  for (let i = 0; i < n; i++) {
    // Label-left direction: right-to-left across shoulders and hips (whichever are seen).
    let lx = 0, ly = 0, parts = 0;
    for (const [l, r] of [['left_shoulder', 'right_shoulder'], ['left_hip', 'right_hip']] as const) {
      const dx = t.x[l][i]! - t.x[r][i]!, dy = t.y[l][i]! - t.y[r][i]!;
      if (Number.isFinite(dx) && Number.isFinite(dy)) { const d = Math.hypot(dx, dy) || 1; lx += dx / d; ly += dy / d; parts++; }
    }
    if (!parts) continue;
    const ln = Math.hypot(lx, ly) || 1;
    labelX[i] = lx / ln; labelY[i] = ly / ln;
    // Head axis: hips to shoulders; without hips, perpendicular to the shoulder line towards the nose.
    const sx = (t.x.left_shoulder[i]! + t.x.right_shoulder[i]!) / 2, sy = (t.y.left_shoulder[i]! + t.y.right_shoulder[i]!) / 2;
    const hx = (t.x.left_hip[i]! + t.x.right_hip[i]!) / 2, hy = (t.y.left_hip[i]! + t.y.right_hip[i]!) / 2;
    let ux = sx - hx, uy = sy - hy;
    if (!Number.isFinite(ux) || !Number.isFinite(uy)) {
      const nx = t.x.nose[i]! - sx, ny = t.y.nose[i]! - sy;
      if (!Number.isFinite(nx) || !Number.isFinite(ny)) {
        // The label-left turned a quarter anticlockwise on screen (front view): as good as we can do.
        ux = labelY[i]!; uy = -labelX[i]!;
      } else { ux = nx; uy = ny; }
    }
    const un = Math.hypot(ux, uy) || 1;
    upX[i] = ux / un; upY[i] = uy / un;
    // Face check: with the face in view, the front-view left is the head axis turned a quarter clockwise.
    const face = Number.isFinite(t.x.nose[i]!) && Number.isFinite(t.x.left_eye[i]!) && Number.isFinite(t.x.right_eye[i]!);
    if (face) {
      faceSamples++;
      const frontX = -upY[i]!, frontY = upX[i]!;
      if (labelX[i]! * frontX + labelY[i]! * frontY > 0) agree++;
    }
  }
  const faceAgreement = faceSamples ? agree / faceSamples : null;
  const labelsSwapped = faceSamples >= MIN_FACE_SAMPLES && faceAgreement !== null && faceAgreement < 0.5;
  const flip = labelsSwapped !== mirrored;
  const s = flip ? -1 : 1;
  const leftX = labelX.map((v) => v * s), leftY = labelY.map((v) => v * s);
  const mx = median([...leftX]), my = median([...leftY]);
  const mn = mx !== null && my !== null ? Math.hypot(mx, my) : 0;
  return {
    leftX, leftY, upX, upY,
    summary: {
      mirrored, labelsSwapped, faceSamples,
      faceAgreement: faceAgreement === null ? null : Math.round(faceAgreement * 1000) / 1000,
      patientLeft: mn > 0 ? { x: Math.round((mx! / mn) * 1000) / 1000, y: Math.round((my! / mn) * 1000) / 1000 } : null,
    },
    patientSide: (label) => (flip ? (label === 'left' ? 'right' : 'left') : label),
  };
}

/** The side of a set of patient-side segments: one side, both, or none. */
export function sideOf(sides: ReadonlyArray<'left' | 'right'>): MeasuredSide | null {
  const l = sides.includes('left'), r = sides.includes('right');
  return l && r ? 'bilateral' : l ? 'left' : r ? 'right' : null;
}
