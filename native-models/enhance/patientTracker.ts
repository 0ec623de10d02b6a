/**
 * Which person is the patient. In an EMU several people are often in view (nurses, family); the patient is
 * the one on the bed, who stays in view the longest, near the centre of an overhead camera. People are
 * followed as tracks (box overlap from frame to frame); the patient is the best-scoring track, and once
 * chosen it is kept: another track takes over only if the patient track has been lost for `lostAfterS`, or
 * keeps a clearly better score for `switchAfterS`.
 */
import { boxSimilarity } from './personDetector.ts';
import type { Box, PersonPose } from './poseTypes.ts';

export interface PatientTrackerOptions {
  /** Where the bed is, in frame pixels of the frames passed to `update`; strongly favours people on it. */
  bed?: Box;
  /** A track unseen this long is dropped. Default 10 s. */
  forgetAfterS?: number;
  /** The patient track unseen this long lets another track be chosen. Default 4 s. */
  lostAfterS?: number;
  /** A rival must score `switchRatio` x the patient's for this long to take over. Default 15 s. */
  switchAfterS?: number;
  /** Default 1.5. */
  switchRatio?: number;
  /** Poses whose mean keypoint score is below this are ignored. Default 0.15. */
  minPoseScore?: number;
}

interface Track {
  id: number;
  firstT: number;
  lastT: number;
  box: Box;
  hits: number;
  centrality: number;
  onBed: number;
  betterSinceT: number | null;
}

export class PatientTracker {
  private tracks: Track[] = [];
  private patientId: number | null = null;
  private nextId = 1;
  private frames = 0;
  private readonly o: Required<Omit<PatientTrackerOptions, 'bed'>> & { bed?: Box };

  constructor(options: PatientTrackerOptions = {}) {
    this.o = { forgetAfterS: 10, lostAfterS: 4, switchAfterS: 15, switchRatio: 1.5, minPoseScore: 0.15, ...options };
  }

  /**
   * Feed the poses found in one frame (all people, or only the patient's region); returns the patient's pose
   * in this frame, or null when the patient is not among them.
   */
  update(tS: number, poses: readonly PersonPose[], frameWidth: number, frameHeight: number): PersonPose | null {
    this.frames++;
    const usable = poses.filter((p) => p.score >= this.o.minPoseScore);
    const matched = this.associate(tS, usable, frameWidth, frameHeight);
    this.tracks = this.tracks.filter((t) => tS - t.lastT <= this.o.forgetAfterS || t.id === this.patientId && tS - t.lastT <= this.o.lostAfterS);
    this.choosePatient(tS);
    const hit = matched.find((m) => m.track.id === this.patientId);
    return hit ? hit.pose : null;
  }

  /** Last box of the patient (frame pixels), or null when there is no patient or it was lost. */
  patientBox(): Box | null {
    return this.tracks.find((t) => t.id === this.patientId)?.box ?? null;
  }

  /** The patient track's time since last seen, or Infinity. */
  patientUnseenS(tS: number): number {
    const t = this.tracks.find((x) => x.id === this.patientId);
    return t ? tS - t.lastT : Infinity;
  }

  get patientTrackId(): number | null {
    return this.patientId;
  }

  private associate(tS: number, poses: readonly PersonPose[], W: number, H: number): Array<{ track: Track; pose: PersonPose }> {
    const pairs: Array<{ t: Track; p: PersonPose; s: number }> = [];
    for (const t of this.tracks) for (const p of poses) {
      const s = boxSimilarity(t.box, p.box);
      if (s > 0.1) pairs.push({ t, p, s });
    }
    pairs.sort((a, b) => b.s - a.s);
    const usedT = new Set<Track>();
    const usedP = new Set<PersonPose>();
    const out: Array<{ track: Track; pose: PersonPose }> = [];
    for (const { t, p } of pairs) {
      if (usedT.has(t) || usedP.has(p)) continue;
      usedT.add(t); usedP.add(p);
      this.observe(t, p, tS, W, H);
      out.push({ track: t, pose: p });
    }
    for (const p of poses) {
      if (usedP.has(p)) continue;
      const t: Track = { id: this.nextId++, firstT: tS, lastT: tS, box: p.box, hits: 0, centrality: 0, onBed: 0, betterSinceT: null };
      this.observe(t, p, tS, W, H);
      this.tracks.push(t);
      out.push({ track: t, pose: p });
    }
    return out;
  }

  private observe(t: Track, p: PersonPose, tS: number, W: number, H: number): void {
    t.lastT = tS;
    t.box = p.box;
    t.hits++;
    const cx = (p.box.x + p.box.w / 2) / W - 0.5;
    const cy = (p.box.y + p.box.h / 2) / H - 0.5;
    t.centrality += 1 - Math.min(1, Math.hypot(cx, cy) / 0.7071);
    if (this.o.bed) {
      const b = this.o.bed;
      const ix = Math.max(0, Math.min(p.box.x + p.box.w, b.x + b.w) - Math.max(p.box.x, b.x));
      const iy = Math.max(0, Math.min(p.box.y + p.box.h, b.y + b.h) - Math.max(p.box.y, b.y));
      t.onBed += (ix * iy) / Math.max(1, p.box.w * p.box.h);
    }
  }

  /** Persistence (share of frames seen) x mean centrality, x on-bed share when a bed is given. */
  private score(t: Track): number {
    const persistence = t.hits / Math.max(1, this.frames);
    const centre = t.centrality / Math.max(1, t.hits);
    const bed = this.o.bed ? 0.1 + t.onBed / Math.max(1, t.hits) : 1;
    return persistence * (0.3 + 0.7 * centre) * bed;
  }

  private choosePatient(tS: number): void {
    const current = this.tracks.find((t) => t.id === this.patientId);
    const seen = this.tracks.filter((t) => tS - t.lastT <= this.o.lostAfterS);
    if (!current || tS - current.lastT > this.o.lostAfterS) {
      // Lost (or never chosen): the best track seen recently, if any; the old one stays the patient meanwhile.
      if (seen.length === 0) { if (!current) this.patientId = null; return; }
      this.patientId = seen.reduce((a, b) => (this.score(b) > this.score(a) ? b : a)).id;
      for (const t of this.tracks) t.betterSinceT = null;
      return;
    }
    for (const t of this.tracks) {
      if (t === current) continue;
      if (this.score(t) > this.o.switchRatio * this.score(current)) t.betterSinceT ??= tS;
      else t.betterSinceT = null;
    }
    const rival = this.tracks.find((t) => t.betterSinceT !== null && tS - t.betterSinceT >= this.o.switchAfterS);
    if (rival) {
      this.patientId = rival.id;
      for (const t of this.tracks) t.betterSinceT = null;
    }
  }
}
