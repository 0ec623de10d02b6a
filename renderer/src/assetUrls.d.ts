/**
 * Types for the renderer's `?url` imports: Vite copies the file into the build and the import answers its
 * URL (the JPEG decoder's .wasm is loaded this way, see review/loadJpegTurbo.ts).
 */
declare module '*?url' {
  const url: string;
  export default url;
}
