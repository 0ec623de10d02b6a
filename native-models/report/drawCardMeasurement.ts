/**
 * The measurement block of an evidence card (drawEvidence.ts): a small heading, the measured interval(s) from
 * the patient's pose, then the agreement with the model. A disagreement is boxed, with the ⚠ sign and the words
 * "Model and measurement disagree: review" in bold, then why: visible in colour and in greyscale alike. The
 * same function measures the block (draw false) and draws it, so the card is sized by what is drawn.
 */
import { DISAGREE_TEXT, type MeasuredCardText } from './measuredCardText.ts';
import { COLOURS } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';

export const CARD_MEASURED_HEADING = 'MEASURED FROM THE POSE (keypoints, not the model)';
const BOX_PAD = 3;

/** Draws the block at (x, y) across `width` when `draw`; returns its height either way. */
export function drawCardMeasurement(doc: PDFKit.PDFDocument, m: MeasuredCardText, x: number, y: number, width: number, draw: boolean): number {
  let cy = y;
  const put = (text: string, font: string, size: number, colour: string, opts: PDFKit.Mixins.TextOptions & { indent?: number } = {}): void => {
    const { indent = 0, ...rest } = opts;
    doc.font(font).fontSize(size);
    const w = width - indent;
    const h = doc.heightOfString(text, { width: w, ...rest });
    if (draw) doc.fillColor(colour).text(text, x + indent, cy, { width: w, ...rest });
    cy += h;
  };
  put(CARD_MEASURED_HEADING, FONT.bold, 7.5, COLOURS.muted, { characterSpacing: 0.3 });
  cy += 2;
  for (const line of m.lines) {
    put(line, FONT.regular, 8.5, COLOURS.text, { indent: 8 });
    cy += 1;
  }
  if (draw && m.lines.length) {
    // A bar in the measured colour beside the lines, as the quote has one in the model's.
    doc.rect(x + 1, y + 11, 3, cy - y - 12).fill(COLOURS.measured);
  }
  if (m.agreement === 'disagree') {
    cy += 2;
    const top = cy;
    doc.font(FONT.bold).fontSize(8.5);
    const flag = `⚠ ${DISAGREE_TEXT}.`;
    const inner = width - 2 * BOX_PAD - 4;
    const h = doc.heightOfString(flag, { width: inner }) + 1 + doc.font(FONT.regular).fontSize(8).heightOfString(m.agreementText, { width: inner }) + 2 * BOX_PAD;
    if (draw) {
      doc.rect(x, top, width, h).fill(COLOURS.disagreeFill);
      doc.rect(x, top, 2.5, h).fill(COLOURS.disagree);
      doc.rect(x, top, width, h).lineWidth(0.6).strokeColor(COLOURS.disagree).stroke();
      doc.font(FONT.bold).fontSize(8.5).fillColor(COLOURS.disagree).text(flag, x + BOX_PAD + 4, top + BOX_PAD, { width: inner });
      doc.font(FONT.regular).fontSize(8).fillColor(COLOURS.text).text(m.agreementText, x + BOX_PAD + 4, doc.y + 1, { width: inner });
    }
    cy = top + h;
  } else if (m.agreementText) {
    cy += 1;
    put(m.agreementText, m.agreement === 'not_measurable' ? FONT.italic : FONT.regular, 8.5, m.agreement === 'not_measurable' ? COLOURS.muted : COLOURS.text);
  }
  return cy - y;
}
