/** Small synthetic RGB images for the image-operation tests, and reading one pixel back. */
import type { RgbImage } from '../../native-models/media/frameTypes.ts';

export function rgbImage(w: number, h: number, f: (x: number, y: number) => [number, number, number]): RgbImage {
  const data = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(f(x, y), (y * w + x) * 3);
  return { width: w, height: h, data };
}
export const pixelAt = (img: RgbImage, x: number, y: number) => [...img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3)];

