/**
 * The summary table: all catalogue features grouped (face, limb, context, audio) with the machine status,
 * first onset, positive segments, and, in a separate column in a different style, the clinician's decision
 * (confirmed, rejected, uncertain, added) with the clinician's onset, offset and side, who, when and why.
 */
import type { Answer, Finding } from '../contract/analysisSchema.ts';
import { FEATURES, GROUP_LABELS, type FeatureGroup } from '../semiology/featureCatalogue.ts';
import { describeVariant } from './describeVariant.ts';
import { formatClock } from '../media/formatClock.ts';
import { byline, decisionMark, onsetText, sideText } from './reviewText.ts';
import { COLOURS, contentBox, ensureSpace } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';
import type { ReportContext } from './reportOptions.ts';
import { statusLabel } from './statusLabel.ts';

/** Group order in the summary and on the timeline, as the issue lists them. */
export const GROUP_ORDER: readonly FeatureGroup[] = ['face', 'limb', 'context', 'audio'];

export { CONFIRMED_MARK, REJECTED_MARK } from './reviewText.ts';

/** Cell colour and ink of each decision in the clinician column. */
const DECISION_STYLE = {
  confirmed: { fill: '#e8f0fc', ink: COLOURS.clinician },
  added: { fill: '#e6f4ea', ink: '#1e6b34' },
  rejected: { fill: '#fdecea', ink: COLOURS.present },
  uncertain: { fill: '#fff4e0', ink: '#8a5a00' },
} as const;

interface Column {
  title: string;
  width: number;
}

function columns(totalWidth: number): Column[] {
  const fixed = [
    { title: 'Feature', width: 142 },
    { title: 'Input', width: 76 },
    { title: 'Machine finding', width: 74 },
    { title: 'First onset', width: 46 },
    { title: 'Positive segments', width: 56 },
  ];
  const used = fixed.reduce((s, c) => s + c.width, 0);
  return [...fixed, { title: 'Clinician review', width: totalWidth - used }];
}

const PAD = 4;

function answersFor(answers: readonly Answer[], featureId: string): Answer[] {
  return answers.filter((a) => a.featureId === featureId);
}

/** Why a feature has no yes/no: the finding's reason, else a count of failed answers. */
export function findingNote(f: Finding | undefined, answers: readonly Answer[]): string | null {
  if (!f) return 'not part of this analysis';
  if (f.status !== 'failed' && f.status !== 'not_assessed') return null;
  if (f.reason) return f.reason;
  const failed = answers.filter((a) => a.status === 'failed').length;
  if (f.status === 'failed' && answers.length) return `${failed} of ${answers.length} answers failed`;
  return f.status === 'failed' ? 'no usable answer' : 'not asked';
}

/** "2 of 6" (positive of answered segments), "2 of 5 (1 failed)", or "–" when nothing was answered. */
export function positiveSegmentsText(f: Finding | undefined, answers: readonly Answer[]): string {
  const answered = new Set(answers.filter((a) => a.status === 'ok' && a.present !== null).map((a) => a.segmentIndex)).size;
  const failed = new Set(answers.map((a) => a.segmentIndex)).size - answered;
  if (!answered) return '–';
  const pos = f ? f.positiveSegments.length : 0;
  return `${pos} of ${answered}${failed > 0 ? ` (${failed} failed)` : ''}`;
}

function drawHeaderRow(doc: PDFKit.PDFDocument, cols: Column[], x0: number): void {
  const y = doc.y;
  const h = 22;
  const width = cols.reduce((s, c) => s + c.width, 0);
  doc.rect(x0, y, width, h).fill(COLOURS.heading);
  let x = x0;
  for (const [i, c] of cols.entries()) {
    const clinician = i === cols.length - 1;
    if (clinician) doc.rect(x, y, c.width, h).fill(COLOURS.clinician);
    doc.font(FONT.bold).fontSize(7.5).fillColor('#ffffff')
      .text(c.title, x + PAD, y + 4, { width: c.width - 2 * PAD, height: h - 4, lineGap: -1 });
    x += c.width;
  }
  doc.y = y + h;
}

function drawGroupRow(doc: PDFKit.PDFDocument, label: string, x0: number, width: number): void {
  const y = doc.y;
  doc.rect(x0, y, width, 15).fill(COLOURS.band);
  doc.font(FONT.bold).fontSize(8).fillColor(COLOURS.heading).text(label.toUpperCase(), x0 + PAD, y + 3.5, { width: width - 2 * PAD, characterSpacing: 0.4 });
  doc.y = y + 15;
}

function drawStatus(doc: PDFKit.PDFDocument, status: Finding['status'], x: number, y: number, w: number): void {
  const text = statusLabel(status);
  doc.fontSize(8);
  if (status === 'present') {
    doc.font(FONT.bold);
    const tw = doc.widthOfString(text) + 10;
    doc.roundedRect(x, y - 1.5, Math.min(tw, w), 12, 2.5).fill(COLOURS.present);
    doc.fillColor('#ffffff').text(text, x + 5, y, { width: w, lineBreak: false });
  } else if (status === 'failed') {
    doc.font(FONT.bold);
    const tw = doc.widthOfString(text) + 10;
    doc.roundedRect(x, y - 1.5, Math.min(tw, w), 12, 2.5).lineWidth(0.9).strokeColor(COLOURS.failed).stroke();
    doc.fillColor('#8a5a00').text(text, x + 5, y, { width: w, lineBreak: false });
  } else if (status === 'absent') {
    doc.font(FONT.regular).fillColor(COLOURS.text).text(text, x + 5, y, { width: w, lineBreak: false });
  } else {
    doc.font(FONT.italic).fillColor(COLOURS.muted).text(text, x + 5, y, { width: w, lineBreak: false });
  }
}

export function drawSummaryTable(doc: PDFKit.PDFDocument, ctx: ReportContext): void {
  const box = contentBox(doc);
  const cols = columns(box.width);
  const x0 = box.left;
  const colX = cols.map((_, i) => x0 + cols.slice(0, i).reduce((s, c) => s + c.width, 0));
  const w = (i: number): number => cols[i]?.width ?? 0;
  const cx = (i: number): number => colX[i] ?? x0;
  const byId = new Map(ctx.analysis.findings.map((f) => [f.featureId, f]));

  ensureSpace(doc, 22 + 15 + 20 * 3);
  drawHeaderRow(doc, cols, x0);

  for (const group of GROUP_ORDER) {
    const features = FEATURES.filter((f) => f.group === group);
    if (!features.length) continue;
    const groupH = 15 + features.length * 20;
    const fitsOnFreshPage = 22 + groupH <= box.bottom - box.top;
    if (ensureSpace(doc, fitsOnFreshPage ? groupH : 15 + 20)) drawHeaderRow(doc, cols, x0);
    drawGroupRow(doc, GROUP_LABELS[group], x0, box.width);

    for (const [rowIndex, def] of features.entries()) {
      const f = byId.get(def.id);
      const answers = answersFor(ctx.analysis.answers, def.id);
      const note = findingNote(f, answers);
      const decision = ctx.decisions.get(def.id);
      const style = decision?.decision ? DECISION_STYLE[decision.decision] : null;
      const decisionText = decision ? decisionMark(decision) : '';
      // The clinician's own times and side (only theirs: the model's onset has its own column), then who, when, why.
      const clinicianWhen = decision ? [onsetText({ onsetS: decision.onsetS, offsetS: decision.offsetS, onsetBy: 'clinician' }), sideText(decision.side)].filter(Boolean).join(' · ') : '';
      const decisionSub = decision ? [byline(decision), decision.comment.trim()].filter(Boolean).join(' · ') : '';

      doc.font(FONT.regular).fontSize(8.5);
      let h = doc.heightOfString(def.label, { width: w(0) - 2 * PAD });
      if (note) h += doc.font(FONT.italic).fontSize(7).heightOfString(note, { width: w(0) - 2 * PAD }) + 1;
      h = Math.max(h, doc.font(FONT.regular).fontSize(8).heightOfString(describeVariant(def.id, f?.variant ?? def.defaultVariant), { width: w(1) - 2 * PAD }));
      let hd = 0;
      if (decision) {
        hd = 11 + doc.font(FONT.italic).fontSize(6.5).heightOfString(decisionSub, { width: w(5) - 2 * PAD });
        if (clinicianWhen) hd += 0.5 + doc.font(FONT.regular).fontSize(7).heightOfString(clinicianWhen, { width: w(5) - 2 * PAD });
      }
      const rowH = Math.max(h, hd, 11) + 2 * PAD;

      if (ensureSpace(doc, rowH)) drawHeaderRow(doc, cols, x0);
      const y = doc.y;
      if (rowIndex % 2 === 1) doc.rect(x0, y, box.width, rowH).fill('#f8f9fa');
      if (style) doc.rect(cx(5), y, w(5), rowH).fill(style.fill);
      const ty = y + PAD;

      doc.font(f?.status === 'present' ? FONT.bold : FONT.regular).fontSize(8.5).fillColor(COLOURS.text)
        .text(def.label, cx(0) + PAD, ty, { width: w(0) - 2 * PAD });
      if (note) {
        doc.font(FONT.italic).fontSize(7).fillColor(COLOURS.muted).text(note, cx(0) + PAD, doc.y + 1, { width: w(0) - 2 * PAD });
      }
      doc.font(FONT.regular).fontSize(8).fillColor(COLOURS.muted)
        .text(describeVariant(def.id, f?.variant ?? def.defaultVariant), cx(1) + PAD, ty, { width: w(1) - 2 * PAD });
      drawStatus(doc, f?.status ?? 'not_assessed', cx(2) + PAD - 5 + 1, ty, w(2) - 2 * PAD);
      const onset = f?.status === 'present' && f.onsetS !== null ? formatClock(f.onsetS) : '–';
      doc.font(FONT.regular).fontSize(8.5).fillColor(COLOURS.text).text(onset, cx(3) + PAD, ty, { width: w(3) - 2 * PAD });
      const posText = positiveSegmentsText(f, answers);
      doc.font(FONT.regular).fontSize(8.5).fillColor(COLOURS.text).text(posText, cx(4) + PAD, ty, { width: w(4) - 2 * PAD });
      if (decision) {
        doc.font(FONT.bold).fontSize(8.5).fillColor(style?.ink ?? COLOURS.clinician)
          .text(decisionText, cx(5) + PAD, ty, { width: w(5) - 2 * PAD });
        if (clinicianWhen) {
          doc.font(FONT.regular).fontSize(7).fillColor(COLOURS.text).text(clinicianWhen, cx(5) + PAD, doc.y + 0.5, { width: w(5) - 2 * PAD });
        }
        doc.font(FONT.italic).fontSize(6.5).fillColor(COLOURS.clinician)
          .text(decisionSub, cx(5) + PAD, doc.y + 0.5, { width: w(5) - 2 * PAD });
      } else {
        doc.font(FONT.italic).fontSize(7.5).fillColor(COLOURS.muted).text('not reviewed', cx(5) + PAD, ty, { width: w(5) - 2 * PAD });
      }
      // Row rule and the double rule that separates machine columns from the clinician's.
      doc.moveTo(x0, y + rowH).lineTo(x0 + box.width, y + rowH).lineWidth(0.3).strokeColor(COLOURS.rule).stroke();
      doc.moveTo(cx(5) - 1.5, y).lineTo(cx(5) - 1.5, y + rowH).moveTo(cx(5), y).lineTo(cx(5), y + rowH)
        .lineWidth(0.6).strokeColor(COLOURS.clinician).stroke();
      doc.x = x0;
      doc.y = y + rowH;
    }
  }
  doc.fillColor(COLOURS.text).font(FONT.regular);
}
