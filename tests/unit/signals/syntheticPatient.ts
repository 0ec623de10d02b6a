/**
 * Synthetic pose frame records for the signals tests (no video): a patient lying on their back seen from above,
 * head up, so the patient's left is the image's right (+x); torso ~112 px. Movements are functions of time
 * that edit the joints; keypoint jitter is seeded noise; dropouts and label swaps can be injected. `poseNoise:
 * 'movenet'` replaces the plain jitter by what real MoveNet does to a person drifting slowly on a grey room
 * (measured on the bench's stand-in recording, see MOVENET_NOISE), and `drift` moves the whole patient the way
 * that recording does.
 */
import type { EnhancedFrameRecord, KeypointName } from '../../../native-models/contract/analysisSchema.ts';
import { KEYPOINT_NAMES } from '../../../native-models/contract/analysisSchema.ts';

export type Pose = Record<KeypointName, { x: number; y: number; score: number }>;

const S = 40;
const CX = 320, CY = 80;
const LAYOUT: Record<KeypointName, [number, number]> = {
  nose: [0, 0], left_eye: [0.2, -0.15], right_eye: [-0.2, -0.15], left_ear: [0.45, -0.05], right_ear: [-0.45, -0.05],
  left_shoulder: [1, 1.2], right_shoulder: [-1, 1.2], left_elbow: [1.3, 2.6], right_elbow: [-1.3, 2.6],
  left_wrist: [1.4, 3.8], right_wrist: [-1.4, 3.8], left_hip: [0.6, 4], right_hip: [-0.6, 4],
  left_knee: [0.6, 5.8], right_knee: [-0.6, 5.8], left_ankle: [0.6, 7.5], right_ankle: [-0.6, 7.5],
};

export function restingPose(): Pose {
  return Object.fromEntries(KEYPOINT_NAMES.map((n) => [n, { x: CX + LAYOUT[n][0] * S, y: CY + LAYOUT[n][1] * S, score: 0.8 }])) as Pose;
}

export interface SynthOptions {
  durationS: number;
  fps: number;
  /** Edits the resting pose at time tS (the time since the start of the movement script). */
  move?: (tS: number, p: Pose) => void;
  /** Recording time of the first frame minus the script's time (a delay shifts everything). */
  delayS?: number;
  noisePx?: number;
  seed?: number;
  /** Joints scored low (missing) at this time. */
  dropout?: (tS: number, name: KeypointName) => boolean;
  /** Times (script s) of frames whose left/right labels are all swapped. */
  swapAt?: (tS: number) => boolean;
  /** 'movenet': MOVENET_NOISE's jitter, shared shifts, dropout runs and one-frame outliers instead of `noisePx`. */
  poseNoise?: 'plain' | 'movenet';
  /** The whole patient drifts as on the bench's stand-in recording (DRIFT_TORSO). */
  drift?: boolean;
  /** With poseNoise 'movenet': the joints that drop out in runs (default every wrist and ankle). */
  dropoutRuns?: (name: KeypointName) => boolean;
}

/** Torso length of the resting pose (px), the unit of the measured noise below. */
export const TORSO_PX = 112;

/**
 * MoveNet's keypoint noise on a person moving slowly (a real photo drifting on a grey room, MoveNet on every
 * frame at 15 fps, 448-px frames; the residual from a 7-sample local line), in torso lengths per axis:
 * ~0.008-0.012 for the face, shoulders, hips, elbows and wrists, 0.012-0.015 for knees and ankles, 0.02 for a
 * joint seen badly; joints of the trunk partly move together (residual correlation 0.3-0.8 between the two
 * shoulders or hips), a wrist and its elbow do not. A badly seen wrist is missing (score < 0.3) ~25% of the
 * time, an ankle 20-75%, in runs; a joint now and then lands elsewhere for a frame.
 */
export const MOVENET_NOISE = {
  jitterTorso: 0.01,
  distalJitterTorso: 0.014,
  sharedTorso: 0.006,
  /** Per-frame chance that a present distal joint (wrist, ankle) starts missing, and that a missing one returns. */
  dropStart: 0.03,
  dropEnd: 0.1,
  /** Per-frame chance of a one-frame outlier of a joint, and its size (torso lengths). */
  outlier: 0.004,
  outlierTorso: 0.15,
} as const;

/** The bench recording's drift in torso lengths: 0.75 over a 47 s period in x, 0.25 over 31 s in y (120 and 40 px of a 161 px torso). */
export const DRIFT_TORSO = { x: 0.75, periodXS: 47, y: 0.25, periodYS: 31 } as const;

export function synthFrames(o: SynthOptions): EnhancedFrameRecord[] {
  const rnd = mulberry32(o.seed ?? 1);
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const noise = o.noisePx ?? 0.5;
  const movenet = o.poseNoise === 'movenet';
  const N = MOVENET_NOISE, T = TORSO_PX;
  const missing = new Set<KeypointName>();
  const delay = o.delayS ?? 0;
  const frames: EnhancedFrameRecord[] = [];
  const total = Math.round((o.durationS + delay) * o.fps);
  for (let k = 0; k < total; k++) {
    const tS = k / o.fps;
    const script = tS - delay;
    const p = restingPose();
    if (script >= 0) o.move?.(script, p);
    if (o.drift) {
      const dx = DRIFT_TORSO.x * T * Math.sin((2 * Math.PI * tS) / DRIFT_TORSO.periodXS), dy = DRIFT_TORSO.y * T * Math.sin((2 * Math.PI * tS) / DRIFT_TORSO.periodYS);
      for (const q of Object.values(p)) { q.x += dx; q.y += dy; }
    }
    const swapped = script >= 0 && o.swapAt?.(script);
    const shared = movenet ? { x: N.sharedTorso * T * gauss(), y: N.sharedTorso * T * gauss() } : { x: 0, y: 0 };
    frames.push({
      tS: Math.round(tS * 1e6) / 1e6,
      keypoints: KEYPOINT_NAMES.map((name) => {
        const src = swapped ? other(name) : name;
        const q = p[src];
        let drop = script >= 0 && !!o.dropout?.(script, name);
        if (!movenet) return { name, x: q.x + noise * gauss(), y: q.y + noise * gauss(), score: drop ? 0.05 : q.score };
        const distal = /wrist|ankle/.test(name);
        if (o.dropoutRuns ? o.dropoutRuns(name) : distal) {
          if (missing.has(name) ? rnd() < N.dropEnd : rnd() < N.dropStart) { if (missing.has(name)) missing.delete(name); else missing.add(name); }
          drop ||= missing.has(name);
        }
        const sd = (distal ? N.distalJitterTorso : N.jitterTorso) * T;
        const jump = rnd() < N.outlier ? N.outlierTorso * T : 0;
        const a = 2 * Math.PI * rnd();
        return { name, x: q.x + shared.x + sd * gauss() + jump * Math.cos(a), y: q.y + shared.y + sd * gauss() + jump * Math.sin(a), score: drop ? 0.05 : q.score };
      }),
      face: null,
    });
  }
  return frames;
}

function other(n: KeypointName): KeypointName {
  return (n.startsWith('left_') ? n.replace('left_', 'right_') : n.startsWith('right_') ? n.replace('right_', 'left_') : n) as KeypointName;
}

/** Phase (cycles) of a rhythm whose frequency goes linearly from f0 at `on` to f1 at `off`. */
export function chirpPhase(t: number, on: number, off: number, f0: number, f1: number): number {
  const u = Math.min(Math.max(t - on, 0), off - on);
  return f0 * u + ((f1 - f0) / (2 * (off - on))) * u * u;
}

/** Instantaneous frequency of that rhythm at t. */
export function chirpFrequency(t: number, on: number, off: number, f0: number, f1: number): number {
  return f0 + ((f1 - f0) * (t - on)) / (off - on);
}

/** Rotate the forearm (wrist about the elbow) of the arm labelled `side` by `rad`. */
export function rotateForearm(p: Pose, side: 'left' | 'right', rad: number): void {
  const e = p[`${side}_elbow`], w = p[`${side}_wrist`];
  const dx = w.x - e.x, dy = w.y - e.y;
  w.x = e.x + dx * Math.cos(rad) - dy * Math.sin(rad);
  w.y = e.y + dx * Math.sin(rad) + dy * Math.cos(rad);
}

/** Set the elbow angle (deg, 180 straight) of the arm labelled `side`, bending the forearm towards the body. */
export function setElbowAngle(p: Pose, side: 'left' | 'right', deg: number): void {
  const s = p[`${side}_shoulder`], e = p[`${side}_elbow`], w = p[`${side}_wrist`];
  const len = Math.hypot(w.x - e.x, w.y - e.y);
  const ux = (e.x - s.x) / Math.hypot(e.x - s.x, e.y - s.y), uy = (e.y - s.y) / Math.hypot(e.x - s.x, e.y - s.y);
  // Straight continues the upper arm; bending turns the forearm towards the midline.
  const bend = ((180 - deg) * Math.PI) / 180 * (side === 'left' ? 1 : -1);
  w.x = e.x + len * (ux * Math.cos(bend) - uy * Math.sin(bend));
  w.y = e.y + len * (ux * Math.sin(bend) + uy * Math.cos(bend));
}

/** Turn the head by `deg` towards the image's +x (the patient's left in this view): nose and eyes swing, ears shift. */
export function turnHead(p: Pose, deg: number): void {
  const r = 0.2 * 112; // nose radius ~0.2 torso lengths
  const dx = r * Math.sin((deg * Math.PI) / 180);
  for (const n of ['nose', 'left_eye', 'right_eye'] as const) p[n].x += dx;
  p.left_ear.x += dx * 0.1; p.right_ear.x += dx * 0.1;
  // The ear on the side turned to sinks into the pillow.
  if (deg > 40) p.left_ear.score = 0.35; else if (deg < -40) p.right_ear.score = 0.35;
}

function mulberry32(a: number): () => number {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
