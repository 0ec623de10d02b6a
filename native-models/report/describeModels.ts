/** The models used, in one line each, without file paths (paths can carry user or patient names). */
import type { ModelInfo } from '../contract/analysisSchema.ts';
import { baseName } from './baseName.ts';

function endpointOrigin(endpoint: string | undefined): string | null {
  if (!endpoint) return null;
  try {
    const u = new URL(endpoint);
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

function describeOne(m: Omit<ModelInfo, 'audioModel'>, role: string): string {
  const bits: string[] = [];
  if (m.backend === 'local') {
    const file = m.files?.model ? baseName(m.files.model) : null;
    bits.push(file ? `local, ${file}` : 'local');
  } else {
    const origin = endpointOrigin(m.endpoint);
    bits.push(origin ? `remote server ${origin}` : 'remote server');
  }
  if (m.architecture) bits.push(m.architecture + (m.projectorType ? ` + ${m.projectorType}` : ''));
  const inputs = [m.hasVision ? 'images' : null, m.hasAudio ? 'audio' : null].filter(Boolean).join(' and ');
  if (inputs) bits.push(`reads ${inputs}`);
  if (m.demo) bits.push('RANDOM-WEIGHT DEMO MODEL');
  return `${role}${m.name} (${bits.join('; ')})`;
}

export function describeModels(model: ModelInfo): string[] {
  const lines = [describeOne(model, model.audioModel ? 'Vision: ' : '')];
  if (model.audioModel) lines.push(describeOne(model.audioModel, 'Audio: '));
  return lines;
}

/** True when any model used was the random-weight demo model. */
export function usedDemoModel(model: ModelInfo): boolean {
  return model.demo || model.audioModel?.demo === true;
}
