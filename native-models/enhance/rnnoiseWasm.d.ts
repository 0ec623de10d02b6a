/** @echogarden/rnnoise-wasm ships no types: an Emscripten module factory (see denoiseSpeech.ts for the used exports). */
declare module '@echogarden/rnnoise-wasm' {
  const factory: (moduleArg?: object) => Promise<unknown>;
  export default factory;
}
