/**
 * "Measured, model absent — for review": after the evidence for positive findings, one card per sign the
 * measurement from the patient's pose found where the model answered absent in every segment. The evidence
 * cards show only the model's positive findings, so without these the disagreement would be invisible in the
 * PDF but for one row of the measured-signs table. Each card: on the left, where the measured interval(s)
 * fall on the recording's time axis (no keyframe exists: the model reported nothing to show); on the right,
 * the sign, "Measured, model absent — for review", the model's finding as it gave it, the measured
 * interval(s) with the patient's side, onset, duration and frequency or angle, the disagreement boxed with the
 * pipeline's note, and the clinician's decision. A card is never split across pages; the same function
 * measures a card (draw false) and draws it.
 */
import type { AnalysisResult } from '../contract/analysisSchema.ts';
import { formatClock } from '../media/formatClock.ts';
import { getFeature, type FeatureId } from '../semiology/featureCatalogue.ts';
import { describeVariant } from './describeVariant.ts';
import { drawCardMeasurement } from './drawCardMeasurement.ts';
import { drawMeasuredBlock } from './drawMeasuredRow.ts';
import { measuredCardText, type MeasuredCardText } from './measuredCardText.ts';
import { summariseMeasuredSigns, type MeasuredSummary } from './measuredSignsSummary.ts';
import { COLOURS, contentBox, ensureSpace, keepHyphens, paragraph, sectionHeading } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';
import type { ReportContext } from './reportOptions.ts';
import { byline, decisionMark, onsetText, sideText } from './reviewText.ts';

export const MEASURED_ABSENT_HEADING = 'Measured, model absent — for review';
export const MEASURED_ABSENT_TAG = 'MEASURED, MODEL ABSENT — FOR REVIEW';
export const NO_KEYFRAME_TEXT = 'No keyframe: the model reported nothing to show.';

/** As the evidence cards (drawEvidence.ts): the left column's width and the gap to the text column. */
const LEFT_W = 168;
const GAP = 14;
const BAR_H = 9;

/** The measured features the model found absent although the pose measured them (a disagreement), earliest measured onset first. */
export function measuredAbsentFeatures(analysis: Pick<AnalysisResult, 'findings'>, summary: MeasuredSummary | null): FeatureId[] {
  if (!summary) return [];
  const first = (id: string): number => Math.min(...summary.rows.filter((r) => r.featureId === id).map((r) => r.startS));
  return analysis.findings
    .filter((f) => f.status === 'absent' && summary.agreement.get(f.featureId) === 'disagree' && summary.rows.some((r) => r.featureId === f.featureId))
    .map((f) => f.featureId)
    .sort((a, b) => first(a) - first(b));
}

interface Card {
  featureId: FeatureId;
  measurement: MeasuredCardText;
  /** "Model: absent in all 6 segments asked · input shown to the model: skeleton overlay". */
  modelLine: string;
  decisionText: string;
  decisionDetail: string;
}

function cardOf(ctx: ReportContext, featureId: FeatureId, summary: MeasuredSummary): Card | null {
  const measurement = measuredCardText(ctx.analysis, featureId, summary);
  const f = ctx.analysis.findings.find((x) => x.featureId === featureId);
  if (!measurement || !f) return null;
  const asked = ctx.analysis.answers.filter((a) => a.featureId === featureId && a.variant === f.variant && a.present !== null).length;
  const decision = ctx.decisions.get(featureId);
  const when = decision ? [onsetText({ onsetS: decision.onsetS, offsetS: decision.offsetS, onsetBy: 'clinician' }), sideText(decision.side)].filter(Boolean).join(' · ') : '';
  return {
    featureId,
    measurement,
    modelLine: `Model: absent in ${asked === 1 ? 'the 1 segment' : `all ${asked} segments`} asked · input shown to the model: ${describeVariant(featureId, f.variant)}`,
    decisionText: decision ? `Clinician: ${decisionMark(decision)}` : 'Clinician: not decided',
    decisionDetail: decision ? [when, byline(decision), decision.comment.trim()].filter(Boolean).join(' · ') : '',
  };
}

/** The left column: the recording's time axis with the measured interval(s) on it, then the no-keyframe line. Returns its height. */
function drawTimeAxis(doc: PDFKit.PDFDocument, ctx: ReportContext, featureId: string, summary: MeasuredSummary, x: number, y: number, draw: boolean): number {
  const durationS = Math.max(ctx.analysis.recording.durationS, 1e-6);
  const pad = 6;
  const barY = y + pad + 11;
  doc.font(FONT.italic).fontSize(7.5);
  const noKeyframeH = doc.heightOfString(NO_KEYFRAME_TEXT, { width: LEFT_W - 2 * pad });
  const h = pad + 11 + BAR_H + 12 + noKeyframeH + pad;
  if (!draw) return h;
  doc.rect(x, y, LEFT_W, h).fill('#f4f6f8');
  doc.font(FONT.bold).fontSize(7).fillColor(COLOURS.muted).text('WHERE IT WAS MEASURED', x + pad, y + pad, { width: LEFT_W - 2 * pad, characterSpacing: 0.3, lineBreak: false });
  const barX = x + pad;
  const barW = LEFT_W - 2 * pad;
  doc.rect(barX, barY, barW, BAR_H).fill('#ffffff');
  for (const r of summary.rows.filter((row) => row.featureId === featureId)) {
    const x1 = barX + (barW * Math.min(r.startS, durationS)) / durationS;
    const x2 = barX + (barW * Math.min(r.endS, durationS)) / durationS;
    drawMeasuredBlock(doc, x1, barY, Math.max(2, x2 - x1), BAR_H);
  }
  doc.rect(barX, barY, barW, BAR_H).lineWidth(0.5).strokeColor(COLOURS.rule).stroke();
  doc.font(FONT.regular).fontSize(6.5).fillColor(COLOURS.muted);
  doc.text('0:00', barX, barY + BAR_H + 2, { lineBreak: false });
  const end = formatClock(ctx.analysis.recording.durationS);
  doc.text(end, barX + barW - doc.widthOfString(end), barY + BAR_H + 2, { lineBreak: false });
  doc.font(FONT.italic).fontSize(7.5).fillColor(COLOURS.muted).text(NO_KEYFRAME_TEXT, x + pad, barY + BAR_H + 12, { width: LEFT_W - 2 * pad });
  doc.rect(x, y, LEFT_W, h).lineWidth(0.5).strokeColor(COLOURS.rule).stroke();
  return h;
}

/** The text column of a card at (x, y) across `w`; returns its height. */
function drawText(doc: PDFKit.PDFDocument, c: Card, x: number, y: number, w: number, draw: boolean): number {
  const def = getFeature(c.featureId);
  let cy = y;
  const put = (text: string, font: string, size: number, colour: string, gapAfter: number, opts: PDFKit.Mixins.TextOptions = {}): void => {
    doc.font(font).fontSize(size);
    const h = doc.heightOfString(text, { width: w, ...opts });
    if (draw) doc.fillColor(colour).text(text, x, cy, { width: w, ...opts });
    cy += h + gapAfter;
  };
  put(keepHyphens(def.label), FONT.bold, 11, COLOURS.disagree, 1);
  put(`⚠ ${MEASURED_ABSENT_TAG}`, FONT.bold, 7.5, COLOURS.disagree, 2, { characterSpacing: 0.3 });
  put(def.definition, FONT.italic, 7.5, COLOURS.muted, 4);
  put(c.modelLine, FONT.regular, 8.5, COLOURS.text, 6);
  cy += drawCardMeasurement(doc, c.measurement, x, cy, w, draw) + 6;
  put(c.decisionText, c.decisionDetail ? FONT.bold : FONT.italic, 8.5, c.decisionDetail ? COLOURS.clinician : COLOURS.muted, 1);
  if (c.decisionDetail) put(c.decisionDetail, FONT.regular, 8, COLOURS.clinician, 1);
  return cy - y;
}

export function drawMeasuredAbsentCards(doc: PDFKit.PDFDocument, ctx: ReportContext): void {
  const summary = summariseMeasuredSigns(ctx.analysis);
  const cards = measuredAbsentFeatures(ctx.analysis, summary).map((id) => cardOf(ctx, id, summary!)).filter((c): c is Card => c !== null);
  if (!cards.length || !summary) return;
  const box = contentBox(doc);
  const textX = box.left + LEFT_W + GAP;
  const textW = box.right - textX;
  const heightOf = (c: Card): number => Math.max(drawTimeAxis(doc, ctx, c.featureId, summary, box.left, 0, false), drawText(doc, c, textX, 0, textW, false)) + 12;
  sectionHeading(doc, MEASURED_ABSENT_HEADING, heightOf(cards[0]!) + 30);
  paragraph(doc, 'Signs measured from the patient\'s pose where the model answered absent in every segment it was asked. The model\'s finding is ' +
    'printed as it gave it and the measurement does not change it: each is left for the clinician to decide.', { size: 8, colour: COLOURS.muted });
  for (const c of cards) {
    const cardH = heightOf(c);
    ensureSpace(doc, cardH);
    const y0 = doc.y;
    drawTimeAxis(doc, ctx, c.featureId, summary, box.left, y0, true);
    drawText(doc, c, textX, y0, textW, true);
    doc.moveTo(box.left, y0 + cardH - 6).lineTo(box.right, y0 + cardH - 6).lineWidth(0.3).strokeColor(COLOURS.rule).stroke();
    doc.x = box.left;
    doc.y = y0 + cardH;
  }
  doc.fillColor(COLOURS.text).font(FONT.regular);
}
