/**
 * The demo model: the tiny random-weight Qwen2.5-Omni-shaped pair, generated on first use into the user's
 * cache. It exercises the whole real path (llama-server, images, audio) and its findings mean nothing.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cacheRoot } from '../platform/paths.ts';
import { TINY_MODEL_REVISION } from './tinyTextModel.ts';
import { tinyModelFileNames, writeTinyModelPair } from './writeTinyModels.ts';

export async function demoModelPair(): Promise<{ model: string; mmproj: string }> {
  const dir = path.join(cacheRoot(), `demo-model-r${TINY_MODEL_REVISION}`);
  const names = tinyModelFileNames('omni');
  const model = path.join(dir, names.model);
  const mmproj = path.join(dir, names.mmproj);
  if (existsSync(model) && existsSync(mmproj)) return { model, mmproj };
  return writeTinyModelPair('omni', dir);
}
