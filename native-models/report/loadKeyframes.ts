/**
 * Reads the keyframe image of each positive finding (from its earliest positive segment) relative to the
 * analysis folder. A missing, unreadable or non-image file yields null: the report then says
 * "keyframe unavailable" instead of failing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AnalysisResult, Keyframe } from '../contract/analysisSchema.ts';

export interface LoadedKeyframe {
  keyframe: Keyframe;
  /** JPEG or PNG bytes, or null when the file could not be read. */
  image: Buffer | null;
}

function isJpegOrPng(b: Buffer): boolean {
  return (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) ||
    (b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])));
}

/** The keyframe for a finding: the one from its earliest positive segment, else its earliest listed one. */
export function keyframeFor(analysis: AnalysisResult, featureId: string): Keyframe | undefined {
  const kfs = analysis.keyframes.filter((k) => k.featureId === featureId);
  const finding = analysis.findings.find((f) => f.featureId === featureId);
  const first = finding?.positiveSegments.length ? Math.min(...finding.positiveSegments) : undefined;
  return kfs.find((k) => k.segmentIndex === first) ?? [...kfs].sort((a, b) => a.tS - b.tS)[0];
}

export async function loadKeyframes(analysis: AnalysisResult, baseDir: string, featureIds: readonly string[]): Promise<Map<string, LoadedKeyframe>> {
  const out = new Map<string, LoadedKeyframe>();
  await Promise.all(featureIds.map(async (id) => {
    const keyframe = keyframeFor(analysis, id);
    if (!keyframe) return;
    let image: Buffer | null = null;
    try {
      const bytes = await readFile(path.resolve(baseDir, keyframe.path));
      image = isJpegOrPng(bytes) ? bytes : null;
    } catch {
      image = null;
    }
    out.set(id, { keyframe, image });
  }));
  return out;
}
