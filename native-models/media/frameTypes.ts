/** Decoded frames as they flow from media through enhance to the model. */

/** Packed 8-bit RGB (rgb24), row-major, no row padding: data.length === width * height * 3. */
export interface RgbImage {
  width: number;
  height: number;
  data: Buffer;
}

export interface TimedFrame extends RgbImage {
  /** Presentation time in recording seconds. */
  tS: number;
  /** Size of the source video (display orientation): frame px * (sourceWidth / width) = source px. */
  sourceWidth: number;
  sourceHeight: number;
}
