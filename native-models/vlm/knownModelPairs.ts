/**
 * Which projector (mmproj) types belong to which language-model architectures, for the model families whose
 * pairing is unambiguous. Checked against llama.cpp's own names (tools/mtmd/clip-impl.h PROJECTOR_TYPE_*,
 * gguf-py MODEL_ARCH names, conversion/*.py for which text arch each mmproj is converted beside) in the
 * llama.cpp that node-llama-cpp ships. Embedding widths alone cannot tell families apart (InternVL3-8B and
 * Qwen2.5-VL-7B are both 3584 wide), so a known architecture with a known projector of another family is
 * refused. Generic projectors used by many families (mlp, ldp, idefics3, pixtral, ultravox ...) are not listed:
 * pairs with them, and unknown architectures, are left to the width check.
 */

export interface ModelFamily {
  /** The models, in words, for messages. */
  name: string;
  /** `general.architecture` of the language model GGUF. */
  architectures: readonly string[];
  /** `clip.projector_type` / `clip.vision.projector_type` / `clip.audio.projector_type` of the mmproj GGUF. */
  projectorTypes: readonly string[];
}

export const KNOWN_MODEL_FAMILIES: readonly ModelFamily[] = [
  { name: 'Qwen2-VL, Qwen2.5-VL, Qwen2.5-Omni', architectures: ['qwen2vl'], projectorTypes: ['qwen2vl_merger', 'qwen2.5vl_merger', 'qwen2.5o', 'qwen2a'] },
  { name: 'Qwen3-VL, Qwen3-Omni, Qwen3.5', architectures: ['qwen3vl', 'qwen3vlmoe', 'qwen35', 'qwen35moe'], projectorTypes: ['qwen3vl_merger', 'qwen3a'] },
  // InternVL's language model is a plain LLM: Qwen2.5 (InternVL2.5/3), Qwen3 (InternVL3.5), InternLM2, Llama.
  { name: 'InternVL', architectures: ['qwen2', 'qwen3', 'qwen3moe', 'internlm2', 'llama'], projectorTypes: ['internvl'] },
  { name: 'Gemma 3', architectures: ['gemma3'], projectorTypes: ['gemma3'] },
  { name: 'Gemma 3n', architectures: ['gemma3n'], projectorTypes: ['gemma3nv', 'gemma3na'] },
  { name: 'Gemma 4', architectures: ['gemma4'], projectorTypes: ['gemma4v', 'gemma4a'] },
  { name: 'Llama 4', architectures: ['llama4'], projectorTypes: ['llama4'] },
];

export type PairVerdict =
  | { kind: 'match'; family: ModelFamily }
  /** Both sides are known, to different families: `expected` lists what the architecture takes ([] if nothing known). */
  | { kind: 'mismatch'; expected: readonly string[]; families: readonly string[]; projectorFamily: string }
  | { kind: 'unknown' };

/** The verdict for a language-model architecture and the projector types of one mmproj (vision and/or audio). */
export function checkKnownPair(architecture: string, projectorTypes: readonly string[]): PairVerdict {
  const byArch = KNOWN_MODEL_FAMILIES.filter((f) => f.architectures.includes(architecture));
  const known = projectorTypes.filter((t) => KNOWN_MODEL_FAMILIES.some((f) => f.projectorTypes.includes(t)));
  if (!byArch.length || !known.length) return { kind: 'unknown' };
  const family = byArch.find((f) => known.every((t) => f.projectorTypes.includes(t)));
  if (family) return { kind: 'match', family };
  const projectorFamily = KNOWN_MODEL_FAMILIES.find((f) => known.some((t) => f.projectorTypes.includes(t)))!.name;
  return { kind: 'mismatch', expected: [...new Set(byArch.flatMap((f) => f.projectorTypes))], families: byArch.map((f) => f.name), projectorFamily };
}
