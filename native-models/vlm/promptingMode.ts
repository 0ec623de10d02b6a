/**
 * How feature questions reach the model.
 * - `shared-prefix` (default): one question per call, the segment's evidence first and byte-identical across
 *   the questions of a group, requests of a group pinned to one server slot with prompt caching, so the
 *   evidence is evaluated once per group.
 * - `batched`: one call per group returning one structured answer that covers all its features.
 * - `naive`: one question per call, no prompt caching (the paper's scheme; the baseline for measurements).
 */
export type PromptingMode = 'shared-prefix' | 'batched' | 'naive';
export const PROMPTING_MODES: readonly PromptingMode[] = ['shared-prefix', 'batched', 'naive'];
export const DEFAULT_PROMPTING_MODE: PromptingMode = 'shared-prefix';
