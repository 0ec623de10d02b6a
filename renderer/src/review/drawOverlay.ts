/**
 * Draws the patient's skeleton and face box for one instant on the overlay canvas: left limbs solid in one
 * colour, right limbs dashed in another (distinguishable without colour), the trunk and head neutral, and
 * the face box. Returns what it drew so the UI (and the tests) can say so.
 */
import type { KeypointName } from '../../../native-models/contract/analysisSchema.ts';
import type { PoseAtTime } from './poseAtTime.ts';
import { toCanvas, uprightPoint, type ContentBox, type Rotation } from './overlayGeometry.ts';

type Side = 'left' | 'right' | 'centre';
const BONES: ReadonlyArray<readonly [KeypointName, KeypointName, Side]> = [
  ['left_shoulder', 'left_elbow', 'left'], ['left_elbow', 'left_wrist', 'left'],
  ['left_hip', 'left_knee', 'left'], ['left_knee', 'left_ankle', 'left'],
  ['right_shoulder', 'right_elbow', 'right'], ['right_elbow', 'right_wrist', 'right'],
  ['right_hip', 'right_knee', 'right'], ['right_knee', 'right_ankle', 'right'],
  ['left_shoulder', 'right_shoulder', 'centre'], ['left_hip', 'right_hip', 'centre'],
  ['left_shoulder', 'left_hip', 'left'], ['right_shoulder', 'right_hip', 'right'],
  ['nose', 'left_eye', 'centre'], ['nose', 'right_eye', 'centre'], ['left_eye', 'left_ear', 'left'], ['right_eye', 'right_ear', 'right'],
];
export const SIDE_STYLE: Readonly<Record<Side, { colour: string; dash: number[] }>> = {
  left: { colour: '#4fc3f7', dash: [] },
  right: { colour: '#ffb74d', dash: [6, 4] },
  centre: { colour: '#e0e0e0', dash: [] },
};
const FACE_COLOUR = '#81c784';

export interface OverlayFrame {
  pose: PoseAtTime;
  showSkeleton: boolean;
  showFace: boolean;
  displayW: number;
  displayH: number;
  rotation: Rotation;
  box: ContentBox;
}

export function drawOverlay(ctx: CanvasRenderingContext2D, f: OverlayFrame): { bones: number; joints: number; face: boolean } {
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  const at = (x: number, y: number) => {
    const u = uprightPoint(x, y, f.rotation, f.displayW, f.displayH);
    return toCanvas(u.x, u.y, f.displayW, f.displayH, f.box);
  };
  let bones = 0;
  let joints = 0;
  let face = false;
  ctx.lineWidth = 3;
  if (f.showSkeleton) {
    const by = new Map(f.pose.joints.map((j) => [j.name, j]));
    for (const [a, b, side] of BONES) {
      const ja = by.get(a);
      const jb = by.get(b);
      if (!ja || !jb) continue;
      const p = at(ja.x, ja.y);
      const q = at(jb.x, jb.y);
      ctx.strokeStyle = SIDE_STYLE[side].colour;
      ctx.setLineDash(SIDE_STYLE[side].dash);
      ctx.beginPath();
      ctx.moveTo(p.x, p.y);
      ctx.lineTo(q.x, q.y);
      ctx.stroke();
      bones++;
    }
    ctx.setLineDash([]);
    for (const j of f.pose.joints) {
      const p = at(j.x, j.y);
      const side: Side = j.name.startsWith('left_') ? 'left' : j.name.startsWith('right_') ? 'right' : 'centre';
      // A dark ring keeps the joint visible on bright video.
      ctx.fillStyle = SIDE_STYLE[side].colour;
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.arc(p.x, p.y, 5, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
      joints++;
    }
  }
  if (f.showFace && f.pose.face) {
    const { x, y, w, h } = f.pose.face;
    const corners = [at(x, y), at(x + w, y + h)];
    const left = Math.min(corners[0]!.x, corners[1]!.x);
    const top = Math.min(corners[0]!.y, corners[1]!.y);
    ctx.strokeStyle = FACE_COLOUR;
    ctx.setLineDash([2, 3]);
    ctx.strokeRect(left, top, Math.abs(corners[1]!.x - corners[0]!.x), Math.abs(corners[1]!.y - corners[0]!.y));
    ctx.setLineDash([]);
    face = true;
  }
  return { bones, joints, face };
}
