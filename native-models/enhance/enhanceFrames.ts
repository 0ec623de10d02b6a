/**
 * Per-recording frame enhancement: for each decoded frame, the patient's pose (people detected every
 * `detectEveryS`, the patient followed in between with MoveNet on its own region), the smoothed face region,
 * other people's boxes (detected again when something large moves outside the patient's region:
 * otherPeopleWatch.ts), and on request the `crop` and `pose` variant images. The models see the frame turned
 * so the patient stands upright (orientationSearch.ts finds which way: a patient lying across the picture or
 * upside down); everything they find comes back in the frame's pixels, so the rest works the same whatever
 * the orientation. Keypoints and face boxes come out in source-video pixels for analysis.json; images in the
 * frame's pixels. Frames are read ahead while pose runs, so decoding overlaps inference when the estimator
 * runs in a worker.
 */
import type { RgbImage, TimedFrame } from '../media/frameTypes.ts';
import { CancelledError } from '../errors.ts';
import { cropFace } from './cropFace.ts';
import { drawSkeleton } from './drawSkeleton.ts';
import type { EnhancedFrameRecord, FaceBoxRecord, KeypointRecord } from '../contract/analysisSchema.ts';
import { FaceRegionTracker, type FaceRegionTrackerOptions } from './faceRegionTracker.ts';
import type { KeypointCache } from './keypointCache.ts';
import { PatientTracker, type PatientTrackerOptions } from './patientTracker.ts';
import type { PoseEstimator } from './poseEstimator.ts';
import { squareAround } from './poseEstimator.ts';
import { MotionGate, type MotionGateOptions } from './motionGate.ts';
import { OrientationSearch, orientationScore, SEARCH_PEOPLE, type OrientationLook, type OrientationSetting } from './orientationSearch.ts';
import { OtherPeopleWatch } from './otherPeopleWatch.ts';
import { NMS_IOU, nonMaxSuppression, type PersonDetection } from './personDetector.ts';
import { KEYPOINT_NAMES, type Box, type Keypoint, type PersonPose } from './poseTypes.ts';
import { readAhead } from './readAhead.ts';
import { resizeLongSide } from './resampleRegion.ts';
import type { Orientation } from './uprightView.ts';

export interface EnhanceFramesOptions {
  estimator: PoseEstimator;
  /** Run the person detector at least this often (recording seconds). Default 10. */
  detectEveryS?: number;
  /** When the patient is not found in its region, wait at least this long before detecting again. Default 1 s. */
  redetectAfterMissS?: number;
  /** A region pose whose mean keypoint score is below this counts as "patient not found". Default 0.2. */
  minTrackScore?: number;
  /** Produce the `crop` image (face region, this long side in px). Default: no crops. */
  cropLongSide?: number;
  /** Produce the `pose` overlay image. Default false. */
  overlay?: boolean;
  /**
   * Long side of the overlay in px; default the frame's size. Lets the engine decode larger frames (sharper
   * face crops: a face is ~25 px wide in a 448-px overhead frame) and still send 448-px overlays.
   */
  overlayLongSide?: number;
  /** Joints under this score are left out of the overlay. Default 0.3. */
  overlayMinScore?: number;
  /** Which frames need images (e.g. only the model's 2 fps frames when pose runs at 15 fps). Default: all. */
  imagesFor?: (tS: number) => boolean;
  tracker?: PatientTrackerOptions;
  face?: FaceRegionTrackerOptions;
  /** Reuse / store patient keypoints. */
  cache?: { store: KeypointCache; recordingSha256: string; samplingKey: string };
  /**
   * Carry the patient's keypoints over frames where nothing moved in the tracked region, or where its whole
   * content slid (the keypoints then move with it; motionGate.ts): MoveNet runs only on frames where something
   * moved against the rest. Default on; `{ followShift: false }` holds unchanged regions only; `false` runs
   * MoveNet on every frame.
   */
  motionGate?: MotionGateOptions | false;
  /**
   * Follow other people (their boxes in every frame, for the care-intervention mask of the measured signs):
   * the detector runs again when something large moves outside the patient's region. Default true.
   */
  watchOthers?: boolean;
  /**
   * Which way the patient lies in the picture (clockwise degrees from head-up), or `auto` (default): the
   * orientation in which the person detector finds the patient best, searched at the first detection and
   * while the patient is not found well (orientationSearch.ts).
   */
  orientation?: OrientationSetting;
  /** Frames decoded ahead of the one being estimated. Default 6. */
  readAhead?: number;
  signal?: AbortSignal;
}

export interface EnhancedFrame {
  /** Recording seconds (= frame.tS). */
  tS: number;
  frame: TimedFrame;
  /** The patient's pose in the frame's pixels, or null. */
  patient: PersonPose | null;
  /** Face region in the frame's pixels, or null. */
  faceBox: Box | null;
  /** For analysis.json: keypoints and face in source-video pixels. */
  record: EnhancedFrameRecord;
  /** The `crop` image (when `cropLongSide` is set and this frame needs images); null when no face region. */
  crop?: RgbImage | null;
  /** The `pose` image (when `overlay` is set and this frame needs images). */
  overlay?: RgbImage;
  /** People found at the last detection. */
  peopleInView: number;
  /** Other people's boxes (frame pixels), as last detected; empty when nobody else is in view. */
  others: Box[];
  /** The same in source-video pixels, as the signals layer takes them. */
  othersRecord: FaceBoxRecord[];
  /** The person detector ran on this frame: to find the patient, or to follow other people. */
  detected?: 'patient' | 'others';
  fromCache: boolean;
  /** The keypoints were carried over from an earlier frame (nothing moved in the patient's region). */
  held?: boolean;
  /** Which way up the models saw this frame: the patient's orientation in the picture (uprightView.ts). */
  orientation: Orientation;
}

/** The patient looked for in one orientation: everyone detected, the person the tracker takes, their pose. */
interface PatientLook extends OrientationLook {
  people: PersonDetection[];
  tracker: PatientTracker;
  /** The person taken for the patient (detector box), or null. */
  chosen: PersonPose | null;
  /** Their pose when it scored at least `minTrackScore`, else null. */
  patient: PersonPose | null;
}

export async function* enhanceFrames(frames: AsyncIterable<TimedFrame> | Iterable<TimedFrame>, options: EnhanceFramesOptions): AsyncGenerator<EnhancedFrame> {
  const { overlayMinScore = 0.3 } = options;
  // The pose of frame n+1 is estimated (in the worker) while this loop draws frame n's images.
  for await (const out of readAhead(poseStage(frames, options), 2)) {
    const { frame, patient, faceBox } = out;
    if (!options.imagesFor || options.imagesFor(frame.tS)) {
      if (options.cropLongSide) out.crop = faceBox ? cropFace(frame, faceBox, options.cropLongSide) : null;
      if (options.overlay) out.overlay = overlayImage(frame, patient, overlayMinScore, options.overlayLongSide);
    }
    yield out;
  }
}

function overlayImage(frame: TimedFrame, patient: PersonPose | null, minScore: number, longSide?: number): RgbImage {
  const scale = longSide ? longSide / Math.max(frame.width, frame.height) : 1;
  const base: RgbImage = scale === 1 ? frame : resizeLongSide(frame, longSide!);
  if (!patient) return { width: base.width, height: base.height, data: Buffer.from(base.data) };
  const sx = base.width / frame.width;
  const sy = base.height / frame.height;
  return drawSkeleton(base, patient.keypoints.map((k) => ({ ...k, x: k.x * sx, y: k.y * sy })), minScore);
}

/** Patient pose and face box per frame, in order (no images). */
async function* poseStage(frames: AsyncIterable<TimedFrame> | Iterable<TimedFrame>, options: EnhanceFramesOptions): AsyncGenerator<EnhancedFrame> {
  const { estimator, detectEveryS = 10, redetectAfterMissS = 1, minTrackScore = 0.2, signal } = options;
  let tracker = new PatientTracker(options.tracker);
  const orient = new OrientationSearch(options.orientation ?? 'auto');
  const faces = new FaceRegionTracker(options.face);
  let lastDetectT = -Infinity;
  let peopleInView = 0;
  let region: Box | null = null;
  const cache = options.cache;
  const gate = options.motionGate === false ? null : new MotionGate(options.motionGate);
  // The patient's last pose from MoveNet on the tracking region: what a still frame carries over.
  let lastTracked: PersonPose | null = null;
  const watch = options.watchOthers === false ? null : new OtherPeopleWatch();

  /**
   * Detect everyone with the frame turned `o`, let `t` pick the patient by box, then estimate the patient's
   * pose only. Scored (the chosen person's detection times pose score) to tell whether to search.
   */
  async function lookForPatient(frame: TimedFrame, o: Orientation, t: PatientTracker): Promise<PatientLook> {
    const people = await estimator.detectPeople(frame, signal, o);
    const boxes: PersonPose[] = people.map((d) => ({ keypoints: [], score: d.score, box: d.box, detectionScore: d.score }));
    const chosen = t.update(frame.tS, boxes, frame.width, frame.height);
    let patient: PersonPose | null = null;
    let score = 0;
    if (chosen) {
      const p = await estimator.estimateInRegion(frame, squareAround(chosen.box, 1.2), signal, o);
      if (p.score >= minTrackScore) patient = { ...p, box: chosen.box, detectionScore: chosen.detectionScore };
      score = (chosen.detectionScore ?? 0) * p.score;
    }
    return { orientation: o, score, people, tracker: t, chosen, patient };
  }

  /**
   * A look scored for the search: how well anyone is seen this way up (orientationScore over the
   * `SEARCH_PEOPLE` best detections), not only the person the tracker took, who may be the one seen worst.
   */
  async function scoredForSearch(frame: TimedFrame, look: PatientLook): Promise<PatientLook> {
    const seen: Array<{ detectionScore: number; poseScore: number }> = [];
    for (const d of look.people.slice(0, SEARCH_PEOPLE)) {
      const p = await estimator.estimateInRegion(frame, squareAround(d.box, 1.2), signal, look.orientation);
      seen.push({ detectionScore: d.score, poseScore: p.score });
    }
    return { ...look, score: Math.max(look.score, orientationScore(seen)) };
  }

  /**
   * Other people, detected with the frame turned as for the patient and, when the patient lies across or
   * upside down, upright too: staff standing by a bed that lies across the picture stand upright in it.
   */
  async function detectOthers(frame: TimedFrame): Promise<PersonDetection[]> {
    const o = orient.orientation;
    const people = await estimator.detectPeople(frame, signal, o);
    if (o === 0) return people;
    const both = [...people, ...await estimator.detectPeople(frame, signal, 0)];
    return nonMaxSuppression(both, NMS_IOU, both.length);
  }

  for await (const frame of readAhead(frames, options.readAhead ?? 6)) {
    if (signal?.aborted) throw new CancelledError();
    const sx = frame.sourceWidth / frame.width;
    const sy = frame.sourceHeight / frame.height;
    let patient: PersonPose | null = null;
    let fromCache = false;
    let held = false;
    let detected: EnhancedFrame['detected'];
    let others: Box[] = [];
    const cached = cache ? cache.store.get(cache.recordingSha256, frame.tS, estimator.modelId, cache.samplingKey) : undefined;
    if (cached !== undefined) {
      fromCache = true;
      orient.follow(cached.orientation);
      patient = cached.keypoints.length ? poseFromRecords(cached.keypoints, 1 / sx, 1 / sy) : null;
      others = cached.others.map((b) => ({ x: b.x / sx, y: b.y / sy, w: b.w / sx, h: b.h / sy }));
      tracker.update(frame.tS, patient ? [patient] : [], frame.width, frame.height);
    } else {
      const box = tracker.patientBox();
      const due = frame.tS - lastDetectT >= detectEveryS || box === null;
      if (!due && box) {
        // The region follows the patient but holds still through small moves, so a still patient gets the
        // same crop frame after frame (steady keypoints) and a shaking one is seen moving inside a fixed crop.
        region = holdRegion(region, squareAround(box, 1.25));
        const shift = gate && lastTracked ? gate.hold(frame, region, frame.tS) : null;
        if (shift && lastTracked) {
          // Nothing moved, or the whole region slid: MoveNet's last keypoints, moved with the region's content.
          held = true;
          patient = tracker.update(frame.tS, [shiftPose(lastTracked, shift.dx, shift.dy)], frame.width, frame.height);
        } else {
          const p = await estimator.estimateInRegion(frame, region, signal, orient.orientation);
          if (p.score >= minTrackScore) patient = tracker.update(frame.tS, [p], frame.width, frame.height);
          lastTracked = patient;
          if (patient) gate?.reference(frame, region, frame.tS);
          else gate?.reset();
        }
      }
      if (!patient && (due || frame.tS - lastDetectT >= redetectAfterMissS)) {
        let look = await lookForPatient(frame, orient.orientation, tracker);
        if (orient.shouldSearch(frame.tS, look)) {
          // Not found well this way up: the other ways too, and on in the one that finds the patient best
          // (with a tracker of its own: boxes found the wrong way up are not the patient's track).
          const looks = [await scoredForSearch(frame, look)];
          for (const o of orient.others()) looks.push(await scoredForSearch(frame, await lookForPatient(frame, o, new PatientTracker(options.tracker))));
          const o = orient.choose(frame.tS, looks);
          look = looks.find((l) => l.orientation === o) ?? look;
          tracker = look.tracker;
        }
        const { people, chosen } = look;
        patient = look.patient;
        detected = 'patient';
        lastDetectT = frame.tS;
        region = null;
        lastTracked = null;
        gate?.reset();
        peopleInView = people.length;
        watch?.seen(frame.tS, people, chosen?.box ?? null);
        if (!chosen && people.length === 0) {
          // Nobody detected (an unusual view, a covered patient): MoveNet on the whole frame.
          const p = await estimator.estimateInRegion(frame, { x: 0, y: 0, w: frame.width, h: frame.height }, signal, orient.orientation);
          if (p.score >= minTrackScore) patient = tracker.update(frame.tS, [p], frame.width, frame.height);
        }
      }
      if (watch) {
        // Other people: carried from the last detection, detected again when something large moved outside
        // the patient's region (not on a frame the patient's detection just ran on: it saw them already).
        const moved = watch.moved(frame, region ?? (patient ? squareAround(patient.box, 1.25) : null));
        if (!detected && watch.due(frame.tS, moved)) {
          const people = await detectOthers(frame);
          detected = 'others';
          watch.seen(frame.tS, people, patient?.box ?? tracker.patientBox(), true);
        }
        others = watch.boxes.map((b) => ({ ...b }));
      }
      if (cache) {
        cache.store.put(cache.recordingSha256, frame.tS, estimator.modelId, cache.samplingKey, patient ? toRecords(patient.keypoints, sx, sy) : [],
          others.map((b) => toFaceRecord(b, sx, sy)), orient.orientation);
      }
    }
    const faceBox = faces.update(frame.tS, patient?.keypoints ?? null);
    const record: EnhancedFrameRecord = {
      tS: frame.tS,
      keypoints: patient ? toRecords(patient.keypoints, sx, sy) : [],
      face: faceBox ? toFaceRecord(faceBox, sx, sy) : null,
    };
    const othersRecord = others.map((b) => toFaceRecord(b, sx, sy));
    yield { tS: frame.tS, frame, patient, faceBox, record, peopleInView, others, othersRecord, fromCache, orientation: orient.orientation,
      ...(held ? { held } : {}), ...(detected ? { detected } : {}) };
  }
}

/** The pose moved by (dx, dy) frame pixels. */
export function shiftPose(p: PersonPose, dx: number, dy: number): PersonPose {
  if (dx === 0 && dy === 0) return p;
  return { ...p, keypoints: p.keypoints.map((k) => ({ ...k, x: k.x + dx, y: k.y + dy })), box: { ...p.box, x: p.box.x + dx, y: p.box.y + dy } };
}

/**
 * `previous` while `target` stays within `tolerance` of it (centre shift relative to its side, and side
 * ratio), else `target`. The region is a square 1.25x the patient's box, so a move inside the tolerance keeps
 * the patient in view.
 */
export function holdRegion(previous: Box | null, target: Box, tolerance = 0.08): Box {
  if (!previous) return target;
  const dx = Math.abs(previous.x + previous.w / 2 - (target.x + target.w / 2)) / previous.w;
  const dy = Math.abs(previous.y + previous.h / 2 - (target.y + target.h / 2)) / previous.h;
  const ds = Math.abs(target.w / previous.w - 1);
  return dx <= tolerance && dy <= tolerance && ds <= tolerance ? previous : target;
}

/**
 * An `imagesFor` predicate that picks the first frame at or after each multiple of `intervalS` (e.g. 0.5 for
 * the model's 2 fps frames while pose runs at 15 fps, whose grid does not hold every half second).
 */
export function sampleEvery(intervalS: number): (tS: number) => boolean {
  let next = 0;
  // Asking again about the frame just answered gives the same answer (callers may ask twice per frame).
  let lastT = NaN;
  let lastPick = false;
  return (tS) => {
    if (tS === lastT) return lastPick;
    lastT = tS;
    lastPick = tS + 1e-6 >= next;
    if (lastPick) next = (Math.floor(tS / intervalS + 1e-6) + 1) * intervalS;
    return lastPick;
  };
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const r3 = (v: number) => Math.round(v * 1000) / 1000;

export function toRecords(kp: readonly Keypoint[], sx: number, sy: number): KeypointRecord[] {
  return kp.map((k) => ({ name: k.name, x: r1(k.x * sx), y: r1(k.y * sy), score: r3(k.score) }));
}

export function toFaceRecord(b: Box, sx: number, sy: number): FaceBoxRecord {
  return { x: r1(b.x * sx), y: r1(b.y * sy), w: r1(b.w * sx), h: r1(b.h * sy) };
}

/** Records (source pixels) back to a pose in frame pixels. */
export function poseFromRecords(recs: readonly KeypointRecord[], fx: number, fy: number): PersonPose {
  const byName = new Map(recs.map((r) => [r.name, r]));
  const keypoints: Keypoint[] = KEYPOINT_NAMES.map((name) => {
    const r = byName.get(name);
    return { name, x: (r?.x ?? 0) * fx, y: (r?.y ?? 0) * fy, score: r?.score ?? 0 };
  });
  const ok = keypoints.filter((k) => k.score >= 0.25);
  const pts = ok.length >= 2 ? ok : keypoints;
  const x = Math.min(...pts.map((k) => k.x));
  const y = Math.min(...pts.map((k) => k.y));
  return {
    keypoints,
    score: keypoints.reduce((s, k) => s + k.score, 0) / keypoints.length,
    box: { x, y, w: Math.max(...pts.map((k) => k.x)) - x, h: Math.max(...pts.map((k) => k.y)) - y },
    detectionScore: null,
  };
}
