/** resolveReportFonts: the DejaVu fonts come from the dejavu-fonts-ttf package; a missing font folder is named. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { resolveReportFonts } from '../../../native-models/report/reportFonts.ts';

test('fonts come from the dejavu-fonts-ttf package and all four files exist', () => {
  const f = resolveReportFonts();
  for (const p of Object.values(f)) assert.ok(existsSync(p), p);
  assert.match(f.regular, /dejavu-fonts-ttf[\\/]ttf[\\/]DejaVuSans\.ttf$/);
  assert.throws(() => resolveReportFonts('/nonexistent-font-dir'), /DejaVu Sans/);
});
