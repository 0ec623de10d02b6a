/**
 * Checks a language model + projector pair before llama-server is started, and explains what is wrong in
 * words a clinician or IT person can act on (swapped files, a projector without vision, a projector made for a
 * different model).
 */
import { InputError } from '../errors.ts';
import { inspectModelFile, type ModelFileInfo } from './inspectModelFile.ts';
import { checkKnownPair } from './knownModelPairs.ts';

export interface ValidatedPair {
  model: ModelFileInfo;
  mmproj: ModelFileInfo;
  hasVision: boolean;
  hasAudio: boolean;
}

export interface ValidatePairOptions {
  /** 'vision': the pair must see (the main model); 'audio': it must hear (--audio-model). */
  need: 'vision' | 'audio';
  /** How the messages name the two files (default: the CLI's flags, e.g. "model (--model)"); the review app names its fields. */
  roles?: { model: string; mmproj: string };
}

export async function validateModelPair(modelPath: string, mmprojPath: string | undefined, options: ValidatePairOptions): Promise<ValidatedPair> {
  const roleModel = options.roles?.model ?? (options.need === 'vision' ? 'model (--model)' : 'audio model (--audio-model)');
  const roleProj = options.roles?.mmproj ?? (options.need === 'vision' ? 'projector (--mmproj)' : 'audio projector (--audio-mmproj)');
  const model = await inspectModelFile(modelPath, roleModel);
  if (model.kind === 'mmproj') {
    throw new InputError(`"${model.fileName}" is a multimodal projector (mmproj), not a language model. ` +
      `Pass it as the ${roleProj} and the main GGUF (the larger file) as the ${roleModel}.`);
  }
  if (!mmprojPath) {
    throw new InputError(`No projector given for "${model.fileName}". A multimodal model needs its mmproj GGUF ` +
      `(a file usually named mmproj-*.gguf, published next to the model): pass it as the ${roleProj}.`);
  }
  const mmproj = await inspectModelFile(mmprojPath, roleProj);
  if (mmproj.kind !== 'mmproj') {
    throw new InputError(`"${mmproj.fileName}" is a language model (${mmproj.architecture}), not a multimodal projector. ` +
      `Pass the mmproj-*.gguf file as the ${roleProj}.`);
  }
  if (options.need === 'vision' && !mmproj.hasVision) {
    throw new InputError(`The projector "${mmproj.fileName}" (${mmproj.projectorType}) has no vision encoder, so the model cannot see video. ` +
      (mmproj.hasAudio ? 'It is an audio projector: give it as the audio model\'s projector, and the vision projector published with the model as the projector.' : 'Use the vision mmproj published with the model.'));
  }
  if (options.need === 'audio' && !mmproj.hasAudio) {
    throw new InputError(`The audio projector "${mmproj.fileName}" (${mmproj.projectorType}) has no audio encoder. ` +
      'Use an audio-capable model\'s mmproj (Qwen2.5-Omni, Voxtral, Ultravox).');
  }
  const known = checkKnownPair(model.architecture, mmproj.projectorTypes);
  if (known.kind === 'mismatch') {
    const list = known.expected.join(', ');
    throw new InputError(`The projector "${mmproj.fileName}" (${mmproj.projectorTypes.join(' + ')}, ${known.projectorFamily}) was made for a different model family ` +
      `than "${model.fileName}" (${model.architecture}, ${known.families.join(' / ')}), which takes a projector of type ${list}. ` +
      'Use the mmproj file published with this exact model and size.', { setting: options.need === 'vision' ? 'mmproj' : 'audioMmproj' });
  }
  if (model.embeddingDim && mmproj.embeddingDim && model.embeddingDim !== mmproj.embeddingDim) {
    throw new InputError(`The projector "${mmproj.fileName}" was made for a different model: it produces ${mmproj.embeddingDim}-wide embeddings ` +
      `but "${model.fileName}" expects ${model.embeddingDim}. Use the mmproj file published with this exact model and size.`);
  }
  return { model, mmproj, hasVision: mmproj.hasVision, hasAudio: mmproj.hasAudio };
}
