/**
 * Evidence for each positive finding, in order of onset: the keyframe as the model saw it (face crop,
 * skeleton overlay or full frame) with its time, the positive segments, the model's justification quoted,
 * what was measured from the patient's pose and whether it agrees (a disagreement flagged for review), and
 * the clinician's mark when there is one.
 */
import type { Answer, Finding } from '../contract/analysisSchema.ts';
import { getFeature } from '../semiology/featureCatalogue.ts';
import { describeVariant } from './describeVariant.ts';
import { formatClock, formatSpan } from '../media/formatClock.ts';
import { byline, decisionMark, onsetText, sideText } from './reviewText.ts';
import type { LoadedKeyframe } from './loadKeyframes.ts';
import { COLOURS, contentBox, ensureSpace, paragraph, sectionHeading } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';
import type { ReportContext } from './reportOptions.ts';
import { orderPositiveFindings } from './sequenceOfSigns.ts';
import { drawCardMeasurement } from './drawCardMeasurement.ts';
import { measuredCardText } from './measuredCardText.ts';
import { summariseMeasuredSigns } from './measuredSignsSummary.ts';

export const KEYFRAME_UNAVAILABLE = 'keyframe unavailable';

const IMG_W = 168;
const IMG_H = 126;
/** Height of the placeholder for an audio finding, which has no image. */
const AUDIO_BOX_H = 40;
/** Longest justification quoted, in characters (longer ones are cut with an ellipsis). */
const MAX_QUOTE_CHARS = 600;
const GAP = 14;
/** Where the card's text column starts, right of the keyframe (from the content box's left edge). */
export const TEXT_COLUMN_OFFSET = IMG_W + GAP;

/** Distinct justifications of the positive answers, earliest segment first; else the finding's own. */
export function justificationsFor(f: Finding, answers: readonly Answer[], max: number): string[] {
  const positive = answers
    .filter((a) => a.featureId === f.featureId && a.present === true && a.justification.trim())
    .sort((a, b) => a.segmentIndex - b.segmentIndex)
    .map((a) => a.justification.trim());
  const all = [...positive, ...f.justifications.map((j) => j.trim()).filter(Boolean)];
  return [...new Set(all)].slice(0, Math.max(0, max))
    .map((j) => (j.length > MAX_QUOTE_CHARS ? `${j.slice(0, MAX_QUOTE_CHARS - 1).trimEnd()}…` : j));
}

function segmentsText(f: Finding, ctx: ReportContext): string {
  const segs = f.positiveSegments
    .map((i) => ctx.analysis.segments.find((s) => s.index === i))
    .filter((s) => s !== undefined)
    .sort((a, b) => a.startS - b.startS);
  if (getFeature(f.featureId).modality === 'audio' && segs.length <= 1) return 'asked once over the whole recording\'s audio';
  if (!segs.length) return 'positive segments not recorded';
  // U+2060 word joiners keep "1:15–1:45" on one line (pdfkit would break after the en dash).
  const shown = segs.slice(0, 6).map((s) => `${s.index + 1}\u00a0(${formatSpan(s.startS, s.endS).replace('–', '\u2060–\u2060')})`).join(', ');
  return `positive in segment${segs.length === 1 ? '' : 's'} ${shown}${segs.length > 6 ? ` and ${segs.length - 6} more` : ''}`;
}

function imageBoxHeight(kf: LoadedKeyframe | undefined, audio: boolean): number {
  return !kf && audio ? AUDIO_BOX_H : IMG_H;
}

function drawImageBox(doc: PDFKit.PDFDocument, x: number, y: number, kf: LoadedKeyframe | undefined, audio: boolean): string {
  const h = imageBoxHeight(kf, audio);
  let drawn = false;
  if (kf?.image) {
    try {
      doc.rect(x, y, IMG_W, IMG_H).fill('#111111');
      doc.image(kf.image, x, y, { fit: [IMG_W, IMG_H], align: 'center', valign: 'center' });
      drawn = true;
    } catch {
      drawn = false;
    }
  }
  if (!drawn) {
    doc.rect(x, y, IMG_W, h).fill('#eceff1');
    const msg = !kf && audio ? 'audio finding: no image' : KEYFRAME_UNAVAILABLE;
    doc.font(FONT.italic).fontSize(8.5).fillColor(COLOURS.muted)
      .text(msg, x, y + h / 2 - 5, { width: IMG_W, align: 'center' });
  }
  doc.rect(x, y, IMG_W, h).lineWidth(0.5).strokeColor(COLOURS.rule).stroke();
  if (!kf) return audio ? '' : 'no keyframe recorded';
  return `frame at ${formatClock(kf.keyframe.tS)} · ${describeVariant(kf.keyframe.featureId, kf.keyframe.variant)}`;
}

export function drawEvidence(doc: PDFKit.PDFDocument, ctx: ReportContext, keyframes: Map<string, LoadedKeyframe>): void {
  const positives = orderPositiveFindings(ctx.analysis.findings);
  sectionHeading(doc, 'Evidence for positive findings', positives.length ? IMG_H + 40 : 30);
  if (!positives.length) {
    paragraph(doc, 'No positive finding: there is no evidence to show.', { size: 9.5 });
    return;
  }
  paragraph(doc, 'For each sign the model reported, the keyframe is one frame of its earliest positive segment exactly as the model was shown it ' +
    '(full frame, face crop or skeleton overlay); the quoted text is the model\'s own justification.', { size: 8, colour: COLOURS.muted });

  const box = contentBox(doc);
  const textX = box.left + TEXT_COLUMN_OFFSET;
  const textW = box.right - textX;
  const measured = summariseMeasuredSigns(ctx.analysis);
  for (const f of positives) {
    const def = getFeature(f.featureId);
    const kf = keyframes.get(f.featureId);
    const decision = ctx.decisions.get(f.featureId);
    const quotes = justificationsFor(f, ctx.analysis.answers, ctx.maxJustifications);
    const facts = [
      `First onset ${f.onsetS === null ? 'unknown' : formatClock(f.onsetS)} · ${segmentsText(f, ctx)}`,
      `Input shown to the model: ${describeVariant(f.featureId, f.variant)}`,
    ];
    const quoteText = quotes.length ? quotes.map((q) => `“${q}”`).join('\n') : 'The model gave no justification.';
    // The mark and the reviewer's words are drawn apart: a name or comment in another script may need another font.
    const decisionText = decision ? `Clinician: ${decisionMark(decision)}` : 'Clinician: not reviewed (model proposal)';
    const clinicianWhen = decision
      ? [onsetText({ onsetS: decision.onsetS, offsetS: decision.offsetS, onsetBy: 'clinician' }), sideText(decision.side)].filter(Boolean).join(' · ')
      : '';
    const decisionDetail = decision ? [clinicianWhen, byline(decision), decision.comment.trim()].filter(Boolean).join(' · ') : '';
    const measurement = measuredCardText(ctx.analysis, f.featureId, measured);

    // Measure the text column to size the card.
    doc.font(FONT.bold).fontSize(11);
    let th = doc.heightOfString(def.label, { width: textW }) + 3;
    doc.font(FONT.italic).fontSize(7.5);
    th += doc.heightOfString(def.definition, { width: textW }) + 4;
    doc.font(FONT.regular).fontSize(8.5);
    for (const line of facts) th += doc.heightOfString(line, { width: textW }) + 1;
    th += 6 + 11;
    doc.font(FONT.italic).fontSize(9);
    th += doc.heightOfString(quoteText, { width: textW - 8, lineGap: 1.5 }) + 6;
    if (measurement) th += drawCardMeasurement(doc, measurement, textX, 0, textW, false) + 6;
    doc.font(FONT.bold).fontSize(8.5);
    th += doc.heightOfString(decisionText, { width: textW }) + 2;
    if (decisionDetail) th += doc.font(FONT.regular).fontSize(8).heightOfString(decisionDetail, { width: textW }) + 1;
    const audio = def.modality === 'audio';
    const imgH = imageBoxHeight(kf, audio);
    const cardH = Math.max(imgH + 14, th) + 12;

    ensureSpace(doc, cardH);
    const y0 = doc.y;
    const caption = drawImageBox(doc, box.left, y0, kf, audio);
    if (caption) doc.font(FONT.regular).fontSize(7.5).fillColor(COLOURS.muted).text(caption, box.left, y0 + imgH + 3, { width: IMG_W, lineBreak: false });

    let y = y0;
    doc.font(FONT.bold).fontSize(11).fillColor(COLOURS.present).text(def.label, textX, y, { width: textW });
    y = doc.y + 1;
    doc.font(FONT.italic).fontSize(7.5).fillColor(COLOURS.muted).text(def.definition, textX, y, { width: textW });
    y = doc.y + 4;
    doc.font(FONT.regular).fontSize(8.5).fillColor(COLOURS.text);
    for (const line of facts) {
      doc.text(line, textX, y, { width: textW });
      y = doc.y + 1;
    }
    y += 6;
    doc.font(FONT.bold).fontSize(7.5).fillColor(COLOURS.muted).text('MODEL JUSTIFICATION (machine-generated)', textX, y, { width: textW, characterSpacing: 0.3 });
    y = doc.y + 2;
    const qTop = y;
    doc.font(FONT.italic).fontSize(9).fillColor(COLOURS.text).text(quoteText, textX + 8, y, { width: textW - 8, lineGap: 1.5 });
    doc.moveTo(textX + 2, qTop).lineTo(textX + 2, doc.y).lineWidth(1.5).strokeColor(COLOURS.present).stroke();
    y = doc.y + 6;
    if (measurement) y += drawCardMeasurement(doc, measurement, textX, y, textW, true) + 6;
    doc.font(decision ? FONT.bold : FONT.italic).fontSize(8.5).fillColor(decision ? COLOURS.clinician : COLOURS.muted)
      .text(decisionText, textX, y, { width: textW });
    if (decisionDetail) doc.font(FONT.regular).fontSize(8).fillColor(COLOURS.clinician).text(decisionDetail, textX, doc.y + 1, { width: textW });

    const yEnd = y0 + cardH;
    doc.moveTo(box.left, yEnd - 6).lineTo(box.right, yEnd - 6).lineWidth(0.3).strokeColor(COLOURS.rule).stroke();
    doc.x = box.left;
    doc.y = yEnd;
  }
  doc.fillColor(COLOURS.text).font(FONT.regular);
}
