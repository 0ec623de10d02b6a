/**
 * The page's one synchronous JPEG decoder for seek stills (jpegTurbo.ts), loaded once, in the background,
 * when a recording's stills are ready: its .wasm is one of the renderer's build assets, served by either
 * shell like the scripts (the CSP's 'wasm-unsafe-eval' lets the page compile it). When it cannot load, the
 * promise rejects with the reason and the still layer decodes every still asynchronously, as it does before
 * the stills are in memory.
 */
import wasmUrl from '@cwasm/jpeg-turbo/jpeg-turbo.wasm?url';
import { JpegTurbo } from './jpegTurbo.ts';

let loading: Promise<JpegTurbo> | null = null;

export function loadJpegTurbo(): Promise<JpegTurbo> {
  loading ??= JpegTurbo.load(fetch(wasmUrl, { credentials: 'same-origin' }));
  return loading;
}
