/**
 * The face region over time, from the head keypoints (nose, eyes, ears) of one person: a square centred on
 * the head, sized from the spread of the head points (shoulder width when they are too few), enlarged to take
 * in the whole face, smoothed exponentially over time, and held for `holdS` when the keypoints drop out.
 * As in the paper's code, the face comes from body keypoints: overhead EMU cameras show small, tilted faces
 * that face detectors often miss.
 */
import { KP, type Box, type Keypoint } from './poseTypes.ts';

export interface FaceRegionTrackerOptions {
  /** Head keypoints below this score are ignored. Default 0.3. */
  minScore?: number;
  /** Box side as a multiple of the estimated head size. Default 1.6. */
  enlarge?: number;
  /** Smoothing time constant of the centre. Default 0.4 s. */
  centreTauS?: number;
  /** Smoothing time constant of the size. Default 1.2 s. */
  sizeTauS?: number;
  /** Keep the last box this long without head keypoints. Default 2 s. */
  holdS?: number;
  /** Smallest box side in px of the frames passed in. Default 16. */
  minSide?: number;
}

const HEAD = [KP.nose, KP.left_eye, KP.right_eye, KP.left_ear, KP.right_ear] as const;

export class FaceRegionTracker {
  private cx = 0;
  private cy = 0;
  private side = 0;
  private lastT: number | null = null;
  private lastSeenT: number | null = null;
  private readonly o: Required<FaceRegionTrackerOptions>;

  constructor(options: FaceRegionTrackerOptions = {}) {
    this.o = { minScore: 0.3, enlarge: 1.6, centreTauS: 0.4, sizeTauS: 1.2, holdS: 2, minSide: 16, ...options };
  }

  /** Keypoints of the patient in this frame (17, KEYPOINT_NAMES order) or null; returns the face box or null. */
  update(tS: number, keypoints: readonly Keypoint[] | null): Box | null {
    const m = keypoints ? measureHead(keypoints, this.o.minScore) : null;
    if (m) {
      const side = Math.max(this.o.minSide, m.size * this.o.enlarge);
      const held = this.lastSeenT !== null && tS - this.lastSeenT <= this.o.holdS;
      if (!held || this.lastT === null) {
        this.cx = m.cx; this.cy = m.cy; this.side = side;
      } else {
        const dt = Math.max(0, tS - this.lastT);
        const a = 1 - Math.exp(-dt / this.o.centreTauS);
        const b = 1 - Math.exp(-dt / this.o.sizeTauS);
        this.cx += a * (m.cx - this.cx);
        this.cy += a * (m.cy - this.cy);
        this.side += b * (side - this.side);
      }
      this.lastSeenT = tS;
    }
    this.lastT = tS;
    if (this.lastSeenT === null || tS - this.lastSeenT > this.o.holdS) return null;
    return { x: this.cx - this.side / 2, y: this.cy - this.side / 2, w: this.side, h: this.side };
  }

  reset(): void {
    this.lastT = null;
    this.lastSeenT = null;
  }
}

/** Head centre and size from confident head keypoints; null when fewer than two are confident. */
export function measureHead(kp: readonly Keypoint[], minScore: number): { cx: number; cy: number; size: number } | null {
  const pts = HEAD.map((i) => kp[i]).filter((k): k is Keypoint => !!k && k.score >= minScore);
  if (pts.length < 2) return null;
  let sw = 0, sx = 0, sy = 0;
  for (const p of pts) { sw += p.score; sx += p.x * p.score; sy += p.y * p.score; }
  const cx = sx / sw;
  const cy = sy / sw;
  let spread = 0;
  for (const a of pts) for (const b of pts) spread = Math.max(spread, Math.hypot(a.x - b.x, a.y - b.y));
  const at = (i: number) => { const k = kp[i]; return k && k.score >= minScore ? k : null; };
  const ls = at(KP.left_shoulder);
  const rs = at(KP.right_shoulder);
  const shoulders = ls && rs ? Math.hypot(ls.x - rs.x, ls.y - rs.y) : 0;
  const le = at(KP.left_eye);
  const re = at(KP.right_eye);
  const eyes = le && re ? Math.hypot(le.x - re.x, le.y - re.y) : 0;
  const lea = at(KP.left_ear);
  const rea = at(KP.right_ear);
  const ears = lea && rea ? Math.hypot(lea.x - rea.x, lea.y - rea.y) : 0;
  // A face is about 1.1 ear-to-ear widths tall, about 2.5 interocular distances wide, and about half a
  // shoulder width; the head points' spread covers the rest.
  const size = Math.max(ears * 1.1, eyes * 2.5, spread * 1.2, shoulders * 0.45);
  return size > 0 ? { cx, cy, size } : null;
}
