/**
 * The engine's layer rules (dependency-cruiser). Imports point down only; no file cycles; production code does
 * not import the demo fixtures or tools; only platform/runProcess.ts starts processes. Checked in the test
 * suite (tests/unit/dependencyRules.test.ts) and by `npx depcruise native-models electron renderer`.
 *
 * Layers, bottom first (a file may import its own layer and the layers below):
 *   base     errors, log, platform/, semiology/, contract/
 *   media    media/, cache/
 *   enhance  enhance/, vlm/          (side by side: they do not import each other)
 *   signals  signals/                (measured signs from the patient's keypoints)
 *   pipeline pipeline/
 *   present  report/, evaluation/, export/ (the review's exports)
 *   session  session/, models/ (the model folder: import from removable media, list; uses vlm's GGUF checks)
 *   shell    cli/, bridge/ (the loopback review bridge), electron/, renderer/
 *   tools    demo/, bench/, build/   (above all; nothing below imports them)
 */
const LAYERS = [
  ['native-models/(errors|log)\\.ts$', 'native-models/(platform|semiology|contract)/'],
  ['native-models/(media|cache)/'],
  ['native-models/(enhance|vlm)/'],
  ['native-models/signals/'],
  ['native-models/pipeline/'],
  ['native-models/(report|evaluation|export)/'],
  ['native-models/(session|models)/'],
  ['native-models/(cli|bridge)/', '^electron/', '^renderer/'],
  ['native-models/(demo|bench|build)/'],
];
const any = (paths) => `^(${paths.map((p) => p.replace(/^\^/, '')).join('|')})`;

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${i}-imports-upward`,
  comment: `A file of layer ${i} (${layer.join(', ')}) imports from a higher layer: move the shared part down, or pass a function in.`,
  severity: 'error',
  from: { path: any(layer) },
  to: { path: any(LAYERS.slice(i + 1).flat()) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'enhance-and-vlm-side-by-side', severity: 'error',
      comment: 'enhance/ and vlm/ are one layer: neither imports the other (the pipeline wires them).',
      from: { path: '^native-models/enhance/' }, to: { path: '^native-models/vlm/' },
    },
    {
      name: 'vlm-and-enhance-side-by-side', severity: 'error',
      from: { path: '^native-models/vlm/' }, to: { path: '^native-models/enhance/' },
    },
    {
      name: 'cli-and-desktop-side-by-side', severity: 'error',
      comment: 'The CLI and the desktop shell both stand on the session; neither imports the other.',
      from: { path: '^native-models/cli/' }, to: { path: '^(electron|renderer)/' },
    },
    {
      name: 'desktop-and-cli-side-by-side', severity: 'error',
      from: { path: '^(electron|renderer)/' }, to: { path: '^native-models/cli/' },
    },
    {
      name: 'no-cycles', severity: 'error',
      comment: 'Two files that import each other (directly or round a loop) are one unit in two places.',
      from: {}, to: { circular: true },
    },
    {
      name: 'one-module-spawns', severity: 'error',
      comment: 'Processes are started by native-models/platform/runProcess.ts only (abortable, logged, never orphaned); tools may spawn themselves.',
      from: { path: '^(native-models|electron)/', pathNot: '^native-models/(platform/runProcess\\.ts|demo/|bench/|build/)' },
      to: { dependencyTypes: ['core'], path: '^(node:)?child_process$' },
    },
    {
      name: 'renderer-imports-types-only', severity: 'error',
      comment: 'The renderer talks to the engine through the preload API only: it may import types, never engine code.',
      from: { path: '^renderer/' }, to: { path: '^(native-models|electron)/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
