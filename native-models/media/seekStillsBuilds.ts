/**
 * The engine's seek-stills builds behind `media:stills` (contract/reviewApi.ts): the first request for a
 * recording starts its build in the background and answers its progress; asking again answers the progress,
 * then the stills (registered in the transport's media registry, so they are served by id with Range like the
 * recording). One build at a time (the machine's cores also decode the video and run the models): asking for
 * another recording cancels the running one. A failed build is reported once, then tried again on the next ask.
 */
import { stat } from 'node:fs/promises';
import type { ApiOutputs } from '../contract/reviewApi.ts';
import type { OpenedMedia } from '../platform/openedMedia.ts';
import { stillsDir } from '../platform/stillsFiles.ts';
import { hashFile } from './hashFile.ts';
import { probeRecording } from './probeRecording.ts';
import { buildSeekStills, DEFAULT_STILL_HEIGHT, readSeekStills, type SeekStills } from './seekStills.ts';

export type StillsProgress = { state: 'building'; percent: number } | { state: 'ready'; stills: SeekStills };

interface Identity { size: number; mtimeMs: number; sha256: string; fps: number; durationS: number; height: number }
interface Build { key: string; controller: AbortController; percent: number; done?: Promise<void>; result?: SeekStills; error?: unknown }

export interface SeekStillsBuildsOptions {
  height?: number;
  quality?: number;
  /** The stills folder (default platform/stillsFiles.ts's). */
  dir?: () => string;
}

export class SeekStillsBuilds {
  readonly #o: SeekStillsBuildsOptions;
  /** What each recording path is (hashed and probed once per size and modification time). */
  readonly #known = new Map<string, Identity>();
  #build: Build | null = null;

  constructor(o: SeekStillsBuildsOptions = {}) {
    this.#o = o;
  }

  get height(): number {
    return this.#o.height ?? DEFAULT_STILL_HEIGHT;
  }

  async #identify(videoPath: string): Promise<Identity> {
    const st = await stat(videoPath);
    const known = this.#known.get(videoPath);
    if (known && known.size === st.size && known.mtimeMs === st.mtimeMs) return known;
    const [sha256, probe] = await Promise.all([hashFile(videoPath), probeRecording(videoPath)]);
    const id = { size: st.size, mtimeMs: st.mtimeMs, sha256, fps: probe.fps, durationS: probe.durationS, height: probe.height };
    this.#known.set(videoPath, id);
    return id;
  }

  /** The stills of a recording if built, else the progress of their build (started now if none runs for it). */
  async request(videoPath: string): Promise<StillsProgress> {
    const id = await this.#identify(videoPath);
    const dir = (this.#o.dir ?? stillsDir)();
    const key = `${id.sha256}-${this.height}`;
    const b = this.#build;
    if (b?.key === key) {
      if (b.result) return { state: 'ready', stills: b.result };
      if (b.error !== undefined) { this.#build = null; throw b.error; }
      return { state: 'building', percent: b.percent };
    }
    const ready = readSeekStills(id.sha256, this.height, dir);
    if (ready) return { state: 'ready', stills: ready };
    b?.controller.abort();
    const build: Build = { key, controller: new AbortController(), percent: 0 };
    this.#build = build;
    build.done = buildSeekStills(videoPath, { sha256: id.sha256, fps: id.fps, durationS: id.durationS, sourceHeight: id.height, height: this.height, quality: this.#o.quality, dir,
      signal: build.controller.signal, onProgress: (p) => { build.percent = p; } })
      .then((r) => { build.result = r; }, (e: unknown) => { if (this.#build === build) build.error = e; });
    return { state: 'building', percent: 0 };
  }

  /** `media:stills`'s answer: the recording checked as a video first, the stills served under an id of `media`. */
  async answer(videoPath: string, media: OpenedMedia, mediaUrl: (id: string) => string): Promise<ApiOutputs['media:stills']> {
    await media.open(videoPath);
    const s = await this.request(videoPath);
    if (s.state === 'building') return s;
    const { id } = await media.openStills(s.stills.file, (this.#o.dir ?? stillsDir)());
    const { sha256, frames, fps, width, height, offsets } = s.stills;
    return { state: 'ready', url: mediaUrl(id), sha256, frames, fps, width, height, offsets };
  }

  /** Cancels the running build; resolves once its ffmpeg has stopped and its temp file is removed. */
  async cancel(): Promise<void> {
    const b = this.#build;
    this.#build = null;
    b?.controller.abort();
    await b?.done;
  }
}
