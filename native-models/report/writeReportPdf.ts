/**
 * The PDF semiology report, rendered with pdfkit in plain Node (no browser), so the CLI and the desktop app
 * produce the same document. Sections: header (with the demo-model banner when it applies), the clinician's
 * review (status and sign-off), sequence of signs, findings by review status, summary table, measured signs, timeline
 * figure, evidence per positive finding, a card per sign measured where the model found it absent ("measured,
 * model absent — for review"), review log, method and limits; the review status on every page.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { AnalysisResult } from '../contract/analysisSchema.ts';
import { InputError } from '../errors.ts';
import { checkAnalysis } from '../contract/parseAnalysisJson.ts';
import { drawEvidence } from './drawEvidence.ts';
import { drawMeasuredAbsentCards } from './drawMeasuredAbsentCards.ts';
import { drawMeasuredSigns } from './drawMeasuredSigns.ts';
import { drawMethodSection } from './drawMethodSection.ts';
import { drawPageFurniture } from './drawPageFurniture.ts';
import { drawReportHeader, REPORT_TITLE } from './drawReportHeader.ts';
import { drawSequenceSection } from './drawSequenceSection.ts';
import { drawSummaryTable } from './drawSummaryTable.ts';
import { drawTimelineFigure, type TimelineFigureLayout } from './drawTimelineFigure.ts';
import { loadKeyframes } from './loadKeyframes.ts';
import { orderPositiveFindings } from './sequenceOfSigns.ts';
import { drawReviewBlock } from './drawReviewBlock.ts';
import { drawReviewedFindings } from './drawReviewedFindings.ts';
import { drawReviewLog } from './drawReviewLog.ts';
import { installFontFallback } from './fontFallback.ts';
import { summariseReview } from './summariseReview.ts';
import { baseName } from './baseName.ts';
import { MARGINS, PAPER_SIZES, sectionHeading } from './reportLayout.ts';
import { registerReportFonts, resolveFallbackFonts, resolveReportFonts } from './reportFonts.ts';
import type { ReportContext, ReportOptions } from './reportOptions.ts';

export type { OperatorFields, ReportOptions } from './reportOptions.ts';
export type { PaperSize } from './reportLayout.ts';

/** The analysis may come from outside (IPC, a file read elsewhere): it is checked against the contract first. */
function checkedAnalysis(value: unknown): AnalysisResult {
  try {
    return checkAnalysis(value, 'analysis');
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`Cannot write a report: ${e.message}`, { hint: e.hint, cause: e });
    throw e;
  }
}

function resolveContext(input: AnalysisResult, baseDir: string, options: ReportOptions): Omit<ReportContext, 'glyphs'> {
  const analysis = checkedAnalysis(input);
  const paperSize = options.paperSize ?? 'A4';
  if (!(paperSize in PAPER_SIZES)) throw new InputError(`Unknown paper size "${String(paperSize)}": use A4 or Letter.`);
  const review = summariseReview(analysis);
  return {
    analysis,
    baseDir,
    paperSize,
    operator: options.operator ?? {},
    product: options.product ?? analysis.generator ?? { name: 'semioscope', version: 'unknown' },
    timeZone: options.timeZone,
    generatedAt: options.generatedAt ?? new Date(),
    maxJustifications: options.maxJustifications ?? 2,
    decisions: review.decisions,
    review,
  };
}

/** A rendered report: its bytes, and where the timeline figure drew its lanes and measured rows (points, for checks of the page). */
export interface RenderedReport {
  bytes: Buffer;
  timeline: TimelineFigureLayout;
}

/** Renders the report to a Buffer (for callers that send bytes, e.g. the desktop app). */
export async function renderReportPdf(input: AnalysisResult, options: ReportOptions & { baseDir: string }): Promise<Buffer> {
  return (await renderReport(input, options)).bytes;
}

/** Renders the report and says where its timeline figure was drawn. */
export async function renderReport(input: AnalysisResult, options: ReportOptions & { baseDir: string }): Promise<RenderedReport> {
  const base = resolveContext(input, options.baseDir, options);
  const analysis = base.analysis;
  const fonts = resolveReportFonts(options.fontDir);
  const keyframes = await loadKeyframes(analysis, base.baseDir, orderPositiveFindings(analysis.findings).map((f) => f.featureId));
  const doc = new PDFDocument({
    size: PAPER_SIZES[base.paperSize],
    margins: { ...MARGINS },
    bufferPages: true,
    autoFirstPage: true,
    font: fonts.regular,
    lang: 'en',
    info: {
      Title: `${REPORT_TITLE}: ${baseName(analysis.recording.fileName)}`,
      Subject: 'Seizure semiology from video, machine-generated decision support',
      Creator: `${base.product.name} ${base.product.version}`,
      Producer: `${base.product.name} ${base.product.version} (pdfkit)`,
      CreationDate: base.generatedAt,
      ModDate: base.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerReportFonts(doc, fonts);
  const ctx: ReportContext = { ...base, glyphs: installFontFallback(doc, resolveFallbackFonts(options.fallbackFontDir)) };

  drawReportHeader(doc, ctx);
  drawReviewBlock(doc, ctx);
  drawSequenceSection(doc, ctx);
  drawReviewedFindings(doc, ctx);
  sectionHeading(doc, 'Summary of features', 120);
  drawSummaryTable(doc, ctx);
  drawMeasuredSigns(doc, ctx);
  const timeline = drawTimelineFigure(doc, ctx);
  drawEvidence(doc, ctx, keyframes);
  drawMeasuredAbsentCards(doc, ctx);
  drawReviewLog(doc, ctx);
  drawMethodSection(doc, ctx);
  drawPageFurniture(doc, ctx);

  doc.end();
  return { bytes: await done, timeline };
}

/**
 * Writes the report for `analysis` to `outPath` (atomically: a temporary file renamed into place).
 * Keyframe paths are resolved against `options.baseDir`, default the folder of `outPath`.
 */
export async function writeReportPdf(analysis: AnalysisResult, outPath: string, options: ReportOptions = {}): Promise<void> {
  const baseDir = options.baseDir ?? path.dirname(path.resolve(outPath));
  const bytes = await renderReportPdf(analysis, { ...options, baseDir });
  await mkdir(path.dirname(path.resolve(outPath)), { recursive: true });
  const tmp = `${outPath}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, outPath);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
