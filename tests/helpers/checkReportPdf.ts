/**
 * Checks a rendered report with the real PDF tools (Debian poppler-utils: pdftotext, pdffonts, pdfinfo,
 * pdftoppm). Throws an AssertionError naming what is wrong; returns what it extracted for further checks.
 * Reusable by any test that has a report and its analysis (e.g. the end-to-end CLI test).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { AnalysisResult } from '../../native-models/contract/analysisSchema.ts';
import { FEATURES } from '../../native-models/semiology/featureCatalogue.ts';
import { sequenceLineOf } from '../../native-models/report/sequenceOfSigns.ts';

export interface CheckReportOptions {
  /** Folder for the page PNGs (kept as artefacts). Default: a folder next to the PDF, removed afterwards. */
  renderDir?: string;
  /** PNG resolution in dpi. Default 60 (enough to see layout; fast). */
  dpi?: number;
  /** Strings that must appear in the text (e.g. an accented patient id). */
  mustContain?: string[];
  /** Strings that must not appear (e.g. the analysis folder's absolute path). */
  mustNotContain?: string[];
}

export interface CheckedReport {
  /** pdftotext output, UTF-8. */
  text: string;
  /** Whitespace-collapsed text, hyphen line breaks joined: what string checks run on. */
  flatText: string;
  pages: number;
  /** pdftotext output of each page, whitespace-collapsed (index 0 is page 1). */
  pageTexts: string[];
  fonts: { name: string; type: string; embedded: boolean }[];
  /** PNG paths, one per page (only when renderDir was given; otherwise deleted). */
  pngs: string[];
}

/** Collapses whitespace and joins words broken after a hyphen, so wrapped lines compare equal. */
export function flattenText(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/- /g, '-').trim();
}

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export function parsePdffonts(out: string): CheckedReport['fonts'] {
  const lines = out.split('\n').slice(2).filter((l) => l.trim());
  return lines.map((l) => {
    const t = l.trim().split(/\s+/);
    // name type [encoding...] emb sub uni objectId gen
    return { name: t[0] ?? '', type: t.slice(1, t.length - 6).join(' '), embedded: t[t.length - 5] === 'yes' };
  });
}

/** Fraction of pixels that are not (near) white. */
function inkFraction(png: PNG): number {
  let ink = 0;
  const n = png.width * png.height;
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    if ((png.data[o] ?? 255) < 235 || (png.data[o + 1] ?? 255) < 235 || (png.data[o + 2] ?? 255) < 235) ink++;
  }
  return ink / n;
}

export interface PdfWord {
  text: string;
  /** Box in points from the page's top left, as pdftotext -bbox gives it. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };

/** The words of one page (counted from 1) with where they are printed (pdftotext -bbox). */
export function pageWords(pdfPath: string, page: number): PdfWord[] {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), pdfPath, '-']);
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]),
    text: m[5]!.replace(/&(amp|lt|gt|quot|#39|apos);/g, (e) => ENTITIES[e] ?? e),
  }));
}

/** Whitespace-collapsed text of one page (counted from 1) inside a box in points (pdftotext -x -y -W -H at 72 dpi): one column of a layout. */
export function pageTextIn(pdfPath: string, page: number, box: { x: number; y: number; width: number; height: number }): string {
  return flattenText(run('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), '-x', String(Math.floor(box.x)), '-y', String(Math.floor(box.y)),
    '-W', String(Math.ceil(box.width)), '-H', String(Math.ceil(box.height)), pdfPath, '-']));
}

/** One page (counted from 1) as pdftoppm renders it at `dpi`, decoded; the PNG is kept at `${outStem}-<page>.png`. */
export async function renderPage(pdfPath: string, page: number, dpi: number, outStem: string): Promise<PNG> {
  await mkdir(path.dirname(outStem), { recursive: true });
  run('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', '-f', String(page), '-l', String(page), pdfPath, `${outStem}-${page}`]);
  return PNG.sync.read(await readFile(`${outStem}-${page}.png`));
}

export async function checkReportPdf(pdfPath: string, analysis: AnalysisResult, options: CheckReportOptions = {}): Promise<CheckedReport> {
  const head = (await readFile(pdfPath)).subarray(0, 5).toString('latin1');
  assert.equal(head, '%PDF-', `${pdfPath} is not a PDF`);

  const text = run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']);
  const flatText = flattenText(text);
  for (const f of FEATURES) assert.ok(flatText.includes(f.label), `report text lacks the feature label "${f.label}"`);
  const prefix = analysis.recording.sha256.slice(0, 12);
  assert.ok(flatText.includes(prefix), `report text lacks the SHA-256 prefix ${prefix}`);
  // pdftotext's default mode drops the hyphen of a line that ends in one; -raw keeps it (for very long names).
  const fileName = analysis.recording.fileName;
  assert.ok(flatText.includes(fileName) || flattenText(run('pdftotext', ['-raw', '-enc', 'UTF-8', pdfPath, '-'])).includes(fileName),
    'report text lacks the recording file name');
  const seq = sequenceLineOf(analysis);
  if (seq) assert.ok(flatText.includes(flattenText(seq)), `report text lacks the sequence line "${seq}"`);
  for (const s of options.mustContain ?? []) assert.ok(flatText.includes(flattenText(s)), `report text lacks "${s}"`);
  for (const s of options.mustNotContain ?? []) assert.ok(!text.includes(s), `report text contains "${s}"`);
  const absolute = text.match(/(?:^|[\s("'])(\/(?:home|Users|tmp|work|var|mnt|media|root|srv)\/\S*|[A-Za-z]:\\\S*)/m);
  assert.equal(absolute, null, `report text contains an absolute path: ${absolute?.[1]}`);

  const fonts = parsePdffonts(run('pdffonts', [pdfPath]));
  assert.ok(fonts.length > 0, 'pdffonts lists no font');
  for (const f of fonts) assert.ok(f.embedded, `font ${f.name} (${f.type}) is not embedded`);

  const info = run('pdfinfo', [pdfPath]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  assert.ok(pages >= 1, 'pdfinfo reports no page');

  const pageTexts = Array.from({ length: pages }, (_, i) =>
    flattenText(run('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-enc', 'UTF-8', pdfPath, '-'])));

  const keep = !!options.renderDir;
  const dir = options.renderDir ?? `${pdfPath}.pages`;
  const stem = path.basename(pdfPath, '.pdf');
  await mkdir(dir, { recursive: true });
  // PNGs of an earlier, longer render of the same name would be counted as pages: remove them first.
  for (const n of await readdir(dir)) if (n.startsWith(`${stem}-`) && n.endsWith('.png')) await rm(path.join(dir, n), { force: true });
  run('pdftoppm', ['-r', String(options.dpi ?? 60), '-png', pdfPath, path.join(dir, stem)]);
  const pngs = (await readdir(dir)).filter((n) => n.startsWith(`${stem}-`) && n.endsWith('.png')).sort().map((n) => path.join(dir, n));
  assert.equal(pngs.length, pages, `pdftoppm rendered ${pngs.length} of ${pages} pages`);
  for (const p of pngs) {
    const ink = inkFraction(PNG.sync.read(await readFile(p)));
    assert.ok(ink > 0.005, `page ${path.basename(p)} looks empty (${(ink * 100).toFixed(2)}% ink)`);
  }
  if (!keep) await rm(dir, { recursive: true, force: true });
  return { text, flatText, pages, pageTexts, fonts, pngs: keep ? pngs : [] };
}
