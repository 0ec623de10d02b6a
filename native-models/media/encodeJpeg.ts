import jpeg from 'jpeg-js';
import type { RgbImage } from './frameTypes.ts';

/** JPEG of an rgb24 image (what the model is sent and what keyframes are saved as). */
export function encodeJpeg(img: RgbImage, quality = 85): Buffer {
  const rgba = Buffer.alloc(img.width * img.height * 4);
  for (let i = 0, j = 0; i < img.data.length; i += 3, j += 4) {
    rgba[j] = img.data[i]!;
    rgba[j + 1] = img.data[i + 1]!;
    rgba[j + 2] = img.data[i + 2]!;
    rgba[j + 3] = 255;
  }
  return Buffer.from(jpeg.encode({ data: rgba, width: img.width, height: img.height }, quality).data);
}
