/**
 * The model manifest (resources/models.json): the supported model pairs, their files as the publisher names
 * them, and what each pair sees and hears, defined once with zod. `semioscope models import` checks a pair
 * copied from removable media against it. A checksum is only ever written from files actually downloaded
 * (the release procedure: `sha256sum` on a connected machine); until then it is null and the pair says
 * `"verified": false`, and an import falls back to a SHA256SUMS file beside the files.
 */
import { z } from 'zod';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lower-case hex digits');

export const manifestFileSchema = z.strictObject({
  /** The file name as published (no folder). */
  fileName: z.string().regex(/^[^/\\]+\.gguf$/, 'a file name without a folder, ending in .gguf'),
  /** sha256 of the published file; null until the release procedure fills it from a real download. */
  sha256: sha256.nullable(),
  /** Size in bytes of the published file; null until filled with the checksum. */
  sizeBytes: z.number().int().positive().nullable(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const manifestPairSchema = z.strictObject({
  /** Stable id, also the pair's folder name in the app's model folder. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dots, dashes and underscores'),
  name: z.string().min(1),
  /** Where the files are published (for people; Semioscope never downloads). */
  source: z.string().url(),
  licence: z.string().min(1),
  /** `general.architecture` of the language model GGUF. */
  architecture: z.string().min(1),
  /** `clip.projector_type` of the mmproj GGUF. */
  projectorType: z.string().min(1),
  sees: z.boolean(),
  hears: z.boolean(),
  files: z.strictObject({ model: manifestFileSchema, mmproj: manifestFileSchema }),
  /** True only when every file's sha256 and size were filled from the published files. */
  verified: z.boolean(),
}).superRefine((p, ctx) => {
  const filled = [p.files.model, p.files.mmproj].every((f) => f.sha256 !== null && f.sizeBytes !== null);
  if (p.verified && !filled) ctx.addIssue({ code: 'custom', message: `pair "${p.id}" says verified but a file has no sha256 or size`, path: ['verified'] });
  if (!p.verified && [p.files.model, p.files.mmproj].some((f) => f.sha256 !== null)) {
    ctx.addIssue({ code: 'custom', message: `pair "${p.id}" has a checksum but says verified: false (set it true once both files are filled)`, path: ['verified'] });
  }
  if (!p.sees && !p.hears) ctx.addIssue({ code: 'custom', message: `pair "${p.id}" neither sees nor hears`, path: ['sees'] });
});
export type ManifestPair = z.infer<typeof manifestPairSchema>;

export const modelManifestSchema = z.strictObject({
  manifestVersion: z.literal(1),
  /** How the checksums get filled (the release procedure), for whoever reads the file. */
  checksums: z.string().min(1),
  pairs: z.array(manifestPairSchema).min(1),
}).superRefine((m, ctx) => {
  const ids = new Set<string>();
  const files = new Set<string>();
  for (const p of m.pairs) {
    if (ids.has(p.id)) ctx.addIssue({ code: 'custom', message: `pair id "${p.id}" appears twice`, path: ['pairs'] });
    ids.add(p.id);
    for (const f of [p.files.model, p.files.mmproj]) {
      if (files.has(f.fileName)) ctx.addIssue({ code: 'custom', message: `file "${f.fileName}" appears in two pairs`, path: ['pairs'] });
      files.add(f.fileName);
    }
  }
});
export type ModelManifest = z.infer<typeof modelManifestSchema>;

/** Parses the manifest's text; a broken manifest is a defect of the installation, named with every problem. */
export function parseModelManifest(text: string): ModelManifest {
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (e) { throw new Error(`The model manifest is not JSON (${(e as Error).message}).`); }
  const r = modelManifestSchema.safeParse(raw);
  if (!r.success) throw new Error(`The model manifest is invalid: ${r.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  return r.data;
}
