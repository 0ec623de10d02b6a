/**
 * Page 1: title, the demo-model banner when it applies, and the identification block (operator fields,
 * recording, SHA-256, duration, analysis date, models, input variants).
 */
import { describeModels, usedDemoModel } from './describeModels.ts';
import { describeVariant } from './describeVariant.ts';
import { baseName } from './baseName.ts';
import { formatClock } from '../media/formatClock.ts';
import { formatDateTime } from './formatDateTime.ts';
import { COLOURS, contentBox, fitFontSize, keepHyphens } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';
import type { ReportContext } from './reportOptions.ts';

export const REPORT_TITLE = 'Seizure semiology report';
export const DEMO_BANNER_TITLE = 'DEMO MODEL: THESE FINDINGS ARE MEANINGLESS';
export const DEMO_BANNER_TEXT =
  'A random-weight demonstration model produced every finding in this report. It does not look at the patient: ' +
  'its answers are noise. Do not file this report or use it for any clinical decision.';

const ROW_KEY_W = 112;

interface Row {
  key: string;
  value: string;
  /** Break lines only at spaces, never after a hyphen (names, identifiers). */
  keepHyphens?: boolean;
  font?: string;
  size?: number;
  muted?: boolean;
}

function variantsUsed(ctx: ReportContext): string {
  const counts = new Map<string, number>();
  for (const f of ctx.analysis.findings) {
    const d = describeVariant(f.featureId, f.variant);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([d, n]) => `${d} (${n} feature${n === 1 ? '' : 's'})`)
    .join(', ') || 'none';
}

function drawDemoBanner(doc: PDFKit.PDFDocument): void {
  const box = contentBox(doc);
  const pad = 9;
  doc.font(FONT.regular).fontSize(9.5);
  const textH = doc.heightOfString(DEMO_BANNER_TEXT, { width: box.width - 2 * pad });
  const h = pad + 17 + textH + pad;
  const y = doc.y;
  doc.rect(box.left, y, box.width, h).fill(COLOURS.demo);
  doc.font(FONT.bold).fontSize(13).fillColor('#ffffff')
    .text(DEMO_BANNER_TITLE, box.left + pad, y + pad, { width: box.width - 2 * pad });
  doc.font(FONT.regular).fontSize(9.5).fillColor('#ffffff')
    .text(DEMO_BANNER_TEXT, box.left + pad, y + pad + 17, { width: box.width - 2 * pad });
  doc.x = box.left;
  doc.y = y + h + 10;
  doc.fillColor(COLOURS.text);
}

function drawRows(doc: PDFKit.PDFDocument, rows: Row[]): void {
  const box = contentBox(doc);
  const keyW = ROW_KEY_W;
  const valW = box.width - keyW;
  for (const row of rows) {
    const r = row.keepHyphens ? { ...row, value: keepHyphens(row.value) } : row;
    const size = r.size ?? 9.5;
    doc.font(r.font ?? FONT.regular).fontSize(size);
    const h = Math.max(doc.heightOfString(r.value, { width: valW }), 12);
    const y = doc.y;
    doc.font(FONT.bold).fontSize(8.5).fillColor(COLOURS.muted).text(r.key, box.left, y + 1, { width: keyW - 8 });
    doc.font(r.font ?? FONT.regular).fontSize(size).fillColor(r.muted ? COLOURS.muted : COLOURS.text)
      .text(r.value, box.left + keyW, y, { width: valW });
    doc.y = y + h + 3;
  }
  doc.x = box.left;
  doc.fillColor(COLOURS.text);
}

export function drawReportHeader(doc: PDFKit.PDFDocument, ctx: ReportContext): void {
  const { analysis, operator, product } = ctx;
  const box = contentBox(doc);
  doc.y = box.top;
  doc.font(FONT.bold).fontSize(20).fillColor(COLOURS.heading).text(REPORT_TITLE, box.left, doc.y, { width: box.width });
  doc.font(FONT.regular).fontSize(9.5).fillColor(COLOURS.muted)
    .text(`${product.name} ${product.version} · video semiology by zero-shot multimodal models · for clinician review`,
      { width: box.width });
  doc.moveDown(0.8);

  if (usedDemoModel(analysis.model)) drawDemoBanner(doc);

  const rec = analysis.recording;
  // The operator's entry, else whoever made review entries.
  const reviewerName = operator.reviewer?.trim() || ctx.review.reviewers.join('; ');
  const notEntered = 'not entered';
  const video = `${rec.width}×${rec.height}, ${Math.round(rec.fps * 100) / 100} fps` +
    (rec.rotation ? `, rotated ${rec.rotation}°` : '') + (rec.hasAudio ? ', with audio' : ', no audio track');
  const rows: Row[] = [
    { key: 'Patient ID', value: operator.patientId?.trim() || notEntered, keepHyphens: true, muted: !operator.patientId?.trim(),
      font: operator.patientId?.trim() ? FONT.bold : FONT.regular },
    { key: 'Study', value: operator.study?.trim() || notEntered, keepHyphens: true, muted: !operator.study?.trim() },
    { key: 'Reviewer', value: reviewerName || notEntered, keepHyphens: true, muted: !reviewerName },
    // The file name is shrunk to stay on one line where it can: a wrapped name is hard to match to the file.
    { key: 'Recording', value: baseName(rec.fileName), keepHyphens: true,
      size: fitFontSize(doc.font(FONT.regular), baseName(rec.fileName), box.width - ROW_KEY_W, 9.5, 6.5) },
    { key: 'SHA-256', value: rec.sha256, font: FONT.mono, size: 8.5 },
    { key: 'Duration', value: `${formatClock(rec.durationS)} (${Math.round(rec.durationS)} s) · ${video}` },
    { key: 'Analysed', value: formatDateTime(analysis.analysedAt, ctx.timeZone) },
    { key: analysis.model.audioModel ? 'Models' : 'Model', value: describeModels(analysis.model).join('\n') },
    { key: 'Input variants', value: variantsUsed(ctx) },
  ];
  drawRows(doc, rows);
}
