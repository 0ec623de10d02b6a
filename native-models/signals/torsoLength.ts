/**
 * The patient's torso length (shoulder midpoint to hip midpoint, source-video pixels): the unit every distance
 * of the signals layer is expressed in, so thresholds hold whatever the camera distance or video size.
 */
import { median, type KeypointTracks } from './keypointTracks.ts';

/**
 * Torso length over shoulder width, used when the hips are not seen (often under a blanket). Our heuristic from
 * adult anthropometry: biacromial breadth ~40 cm, shoulder-to-hip ~48 cm.
 */
export const TORSO_PER_SHOULDER_WIDTH = 1.2;

/** Median torso length over the recording (px), or null when neither torso nor shoulders were seen. */
export function torsoLength(t: KeypointTracks): number | null {
  const torso: number[] = [], shoulders: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const sx = (t.x.left_shoulder[i]! + t.x.right_shoulder[i]!) / 2, sy = (t.y.left_shoulder[i]! + t.y.right_shoulder[i]!) / 2;
    const hx = (t.x.left_hip[i]! + t.x.right_hip[i]!) / 2, hy = (t.y.left_hip[i]! + t.y.right_hip[i]!) / 2;
    const d = Math.hypot(sx - hx, sy - hy);
    if (Number.isFinite(d)) torso.push(d);
    const w = Math.hypot(t.x.left_shoulder[i]! - t.x.right_shoulder[i]!, t.y.left_shoulder[i]! - t.y.right_shoulder[i]!);
    if (Number.isFinite(w)) shoulders.push(w);
  }
  // The torso when it is seen in at least a tenth of the samples, else the shoulders.
  const fromTorso = torso.length >= Math.max(1, 0.1 * t.length) ? median(torso) : null;
  if (fromTorso && fromTorso > 0) return fromTorso;
  const w = median(shoulders);
  return w && w > 0 ? TORSO_PER_SHOULDER_WIDTH * w : null;
}
