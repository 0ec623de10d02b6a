/** Test helper: a value in nested GGUF metadata by its dotted key, e.g. `metadataAt(info.metadata, 'clip.projector_type')`. */
type Nested = Record<string, unknown>;

export const metadataAt = (o: unknown, dotted: string): unknown =>
  dotted.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Nested)[k] : undefined), o);
