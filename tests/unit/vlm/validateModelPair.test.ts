/**
 * validateModelPair on real GGUF files: the tiny generated pairs (writeTinyModels.ts) and header-only GGUFs
 * written by the demo's GGUF writer. A projector of another family with the same embedding width is refused
 * by the known-pairs table; an unknown architecture is left to the width check.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GgufWriter } from '../../../native-models/demo/ggufWriter.ts';
import { writeTinyModelPair } from '../../../native-models/demo/writeTinyModels.ts';
import { InputError } from '../../../native-models/errors.ts';
import { checkKnownPair, KNOWN_MODEL_FAMILIES } from '../../../native-models/vlm/knownModelPairs.ts';
import { validateModelPair } from '../../../native-models/vlm/validateModelPair.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-pair-'));
let omni: { model: string; mmproj: string };
let internvl: { model: string; mmproj: string };
after(() => rmSync(dir, { recursive: true, force: true }));
before(async () => {
  omni = await writeTinyModelPair('omni', path.join(dir, 'models'));
  internvl = await writeTinyModelPair('internvl', path.join(dir, 'models'));
});

/** A GGUF with only the header keys validateModelPair reads. */
async function headerOnlyModel(name: string, arch: string, width: number): Promise<string> {
  const w = new GgufWriter(arch);
  w.setString('general.type', 'model');
  w.setString('general.name', name);
  w.setUint32(`${arch}.embedding_length`, width);
  const file = path.join(dir, `${name}.gguf`);
  await w.write(file);
  return file;
}

async function headerOnlyProjector(name: string, types: { vision?: string; audio?: string; single?: string }, width: number): Promise<string> {
  const w = new GgufWriter('clip');
  w.setString('general.type', 'mmproj');
  w.setString('general.name', name);
  if (types.single) w.setString('clip.projector_type', types.single);
  if (types.vision) w.setString('clip.vision.projector_type', types.vision);
  if (types.audio) w.setString('clip.audio.projector_type', types.audio);
  w.setBool('clip.has_vision_encoder', true);
  w.setBool('clip.has_audio_encoder', Boolean(types.audio));
  w.setUint32('clip.vision.projection_dim', width);
  const file = path.join(dir, `${name}.gguf`);
  await w.write(file);
  return file;
}

describe('validateModelPair', () => {
  test('the matching tiny pairs are accepted', async () => {
    const a = await validateModelPair(omni.model, omni.mmproj, { need: 'vision' });
    assert.equal(a.model.architecture, 'qwen2vl');
    assert.deepEqual(a.mmproj.projectorTypes, ['qwen2.5o']);
    const b = await validateModelPair(internvl.model, internvl.mmproj, { need: 'vision' });
    assert.equal(b.mmproj.projectorType, 'internvl');
  });

  test('a projector of another family with the same width is refused, naming both files and what would match', async () => {
    const a = await validateModelPair(omni.model, omni.mmproj, { need: 'vision' });
    const b = await validateModelPair(internvl.model, internvl.mmproj, { need: 'vision' });
    assert.equal(a.model.embeddingDim, b.mmproj.embeddingDim, 'the widths match, so only the family table can tell');
    await assert.rejects(validateModelPair(omni.model, internvl.mmproj, { need: 'vision' }), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.setting, 'mmproj');
      assert.match(e.message, /"tiny-internvl-mmproj\.gguf" \(internvl, InternVL\)/);
      assert.match(e.message, /"tiny-omni-text\.gguf" \(qwen2vl/);
      assert.match(e.message, /qwen2vl_merger, qwen2\.5vl_merger, qwen2\.5o/);
      assert.doesNotMatch(e.message, new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'no folder in the message');
      return true;
    });
    // and the other way round: an InternVL (qwen2) language model with the Omni projector
    await assert.rejects(validateModelPair(internvl.model, omni.mmproj, { need: 'vision' }), /takes a projector of type internvl/);
  });

  test('an unknown architecture passes with a matching width and is refused by the width check otherwise', async () => {
    const model = await headerOnlyModel('some-new-arch', 'someneWarch', 64);
    const ok = await validateModelPair(model, internvl.mmproj, { need: 'vision' });
    assert.equal(ok.model.architecture, 'someneWarch');
    const wide = await headerOnlyModel('some-new-arch-wide', 'someneWarch', 128);
    await assert.rejects(validateModelPair(wide, internvl.mmproj, { need: 'vision' }), /produces 64-wide embeddings but "some-new-arch-wide\.gguf" expects 128/);
  });

  test('the real case from the brief: InternVL3-8B and Qwen2.5-VL-7B, both 3584 wide, are not interchangeable', async () => {
    const qwen25vl = await headerOnlyModel('Qwen2.5-VL-7B', 'qwen2vl', 3584);
    const internvl3 = await headerOnlyModel('InternVL3-8B', 'qwen2', 3584);
    const qwenProj = await headerOnlyProjector('mmproj-Qwen2.5-VL-7B', { single: 'qwen2.5vl_merger' }, 3584);
    const internProj = await headerOnlyProjector('mmproj-InternVL3-8B', { single: 'internvl' }, 3584);
    await validateModelPair(qwen25vl, qwenProj, { need: 'vision' });
    await validateModelPair(internvl3, internProj, { need: 'vision' });
    await assert.rejects(validateModelPair(qwen25vl, internProj, { need: 'vision' }), InputError);
    await assert.rejects(validateModelPair(internvl3, qwenProj, { need: 'vision' }), /"mmproj-Qwen2\.5-VL-7B\.gguf" \(qwen2\.5vl_merger/);
  });

  test('a projector with a vision and an audio type (Qwen3-Omni) is checked on both', async () => {
    const proj = await headerOnlyProjector('mmproj-Qwen3-Omni', { vision: 'qwen3vl_merger', audio: 'qwen3a' }, 2048);
    const model = await headerOnlyModel('Qwen3-Omni', 'qwen3vlmoe', 2048);
    const pair = await validateModelPair(model, proj, { need: 'vision' });
    assert.deepEqual(pair.mmproj.projectorTypes, ['qwen3vl_merger', 'qwen3a']);
    const gemma = await headerOnlyModel('gemma-3-4b', 'gemma3', 2048);
    await assert.rejects(validateModelPair(gemma, proj, { need: 'vision' }), /takes a projector of type gemma3\./);
  });
});

describe('checkKnownPair', () => {
  test('generic projectors and unknown architectures are not judged', () => {
    assert.equal(checkKnownPair('llama', ['mlp']).kind, 'unknown');
    assert.equal(checkKnownPair('mistral3', ['pixtral']).kind, 'unknown');
    assert.equal(checkKnownPair('qwen2vl', []).kind, 'unknown');
  });

  test('every listed projector type matches its own family and no architecture is claimed twice', () => {
    const seen = new Set<string>();
    for (const f of KNOWN_MODEL_FAMILIES) {
      for (const a of f.architectures) {
        assert.ok(!seen.has(a), `${a} listed in two families`);
        seen.add(a);
        for (const t of f.projectorTypes) assert.equal(checkKnownPair(a, [t]).kind, 'match', `${a} + ${t}`);
      }
    }
  });
});
