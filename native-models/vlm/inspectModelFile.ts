/**
 * Reads a GGUF file's header (node-llama-cpp's reader, filesystem only) and says in plain words what it is:
 * a language model or a multimodal projector, which architecture, whether it can see and/or hear.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { InputError } from '../errors.ts';

export interface ModelFileInfo {
  fileName: string;
  kind: 'model' | 'mmproj';
  name: string;
  architecture: string;
  projectorType: string | null;
  /** Every projector type a projector names (one, or a vision and an audio one as in Qwen3-Omni); [] for a model. */
  projectorTypes: string[];
  hasVision: boolean;
  hasAudio: boolean;
  /** Embedding width of a language model, or the projection width of a projector. */
  embeddingDim: number | null;
  /** Training context length of a language model. */
  contextLength: number | null;
}

type Nested = { [k: string]: unknown };

function get(obj: unknown, dotted: string): unknown {
  let cur: unknown = obj;
  for (const k of dotted.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Nested)[k];
  }
  return cur;
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);

function readMagic(filePath: string): string {
  const fd = openSync(filePath, 'r');
  try {
    const b = Buffer.alloc(4);
    readSync(fd, b, 0, 4, 0);
    return b.toString('latin1');
  } finally {
    closeSync(fd);
  }
}

export async function inspectModelFile(filePath: string, role: string): Promise<ModelFileInfo> {
  const fileName = path.basename(filePath);
  if (!existsSync(filePath)) {
    throw new InputError(`The ${role} file "${fileName}" does not exist. Check the path (see README "Using real models").`);
  }
  const st = statSync(filePath);
  if (!st.isFile() || st.size < 32) {
    throw new InputError(`The ${role} file "${fileName}" is empty or not a file; the download or copy is incomplete.`);
  }
  if (readMagic(filePath) !== 'GGUF') {
    throw new InputError(`The ${role} file "${fileName}" is not a GGUF file. Semioscope runs llama.cpp GGUF models; ` +
      'convert safetensors/PyTorch weights with llama.cpp\'s convert_hf_to_gguf.py, or download the GGUF release of the model.');
  }
  let info: Awaited<ReturnType<typeof readGgufFileInfo>>;
  try {
    info = await readGgufFileInfo(filePath, { sourceType: 'filesystem', readTensorInfo: false, logWarnings: false, ignoreKeys: ['tokenizer.ggml.tokens', 'tokenizer.ggml.merges', 'tokenizer.ggml.token_type', 'tokenizer.ggml.scores'] });
  } catch (e) {
    throw new InputError(`The ${role} file "${fileName}" is a damaged or truncated GGUF file (${(e as Error).message}). Copy it again.`);
  }
  const md = info.metadata as unknown as Nested;
  const architecture = String(get(md, 'general.architecture') ?? 'unknown');
  const generalType = get(md, 'general.type');
  const isProjector = architecture === 'clip' || generalType === 'mmproj';
  const projectorType = isProjector
    ? String(get(md, 'clip.projector_type') ?? get(md, 'clip.vision.projector_type') ?? 'unknown')
    : null;
  const projectorTypes = isProjector
    ? [...new Set(['clip.projector_type', 'clip.vision.projector_type', 'clip.audio.projector_type'].map((k) => get(md, k)).filter((v): v is string => typeof v === 'string'))]
    : [];
  const hasVision = isProjector ? get(md, 'clip.has_vision_encoder') === true : false;
  const hasAudio = isProjector ? get(md, 'clip.has_audio_encoder') === true : false;
  const embeddingDim = isProjector
    ? num(get(md, 'clip.vision.projection_dim')) ?? num(get(md, 'clip.audio.projection_dim'))
    : num(get(md, `${architecture}.embedding_length`));
  return {
    fileName,
    kind: isProjector ? 'mmproj' : 'model',
    name: String(get(md, 'general.name') ?? fileName),
    architecture,
    projectorType,
    projectorTypes,
    hasVision,
    hasAudio,
    embeddingDim,
    contextLength: isProjector ? null : num(get(md, `${architecture}.context_length`)),
  };
}
