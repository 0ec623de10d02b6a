/** Page geometry, colours and the few drawing helpers every report section uses. */
import { FONT } from './reportFonts.ts';

export const PAPER_SIZES = { A4: 'A4', Letter: 'LETTER' } as const;
export type PaperSize = keyof typeof PAPER_SIZES;

/** Page margins in points; the top and bottom leave room for the running header and the page footer. */
export const MARGINS = { top: 58, bottom: 56, left: 48, right: 48 } as const;

export const COLOURS = {
  text: '#1a1a1a',
  muted: '#5f6368',
  rule: '#b0b7bf',
  heading: '#0b3d5c',
  band: '#eef2f5',
  present: '#b3261e',
  absent: '#9aa5b1',
  absentFill: '#dde3e8',
  notAssessed: '#ffffff',
  failed: '#e3a008',
  clinician: '#1a4fa0',
  demo: '#c62828',
  /** Measured from the patient's pose (signals layer): always hatched as well, so it reads without colour. */
  measured: '#0f7d68',
  /** Spans masked while another person overlapped the patient. */
  masked: '#8c959d',
  /** A disagreement between model and measurement (always with the words or the ⚠ sign too). */
  disagree: '#8a5a00',
  disagreeFill: '#fff4e0',
} as const;

export interface ContentBox {
  left: number;
  right: number;
  width: number;
  top: number;
  bottom: number;
}

export function contentBox(doc: PDFKit.PDFDocument): ContentBox {
  const { width, height, margins } = doc.page;
  return {
    left: margins.left,
    right: width - margins.right,
    width: width - margins.left - margins.right,
    top: margins.top,
    bottom: height - margins.bottom,
  };
}

/** Starts a new page unless `height` points still fit below the cursor. Returns true when it broke the page. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): boolean {
  if (doc.y + height <= contentBox(doc).bottom) return false;
  doc.addPage();
  return true;
}

/** A numbered-free section title with a thin rule under it; keeps at least `keepWith` points of content with it. */
export function sectionHeading(doc: PDFKit.PDFDocument, title: string, keepWith = 60): void {
  const box = contentBox(doc);
  if (doc.y > box.top + 1) doc.y += 12;
  ensureSpace(doc, 24 + keepWith);
  const y = doc.y;
  doc.font(FONT.bold).fontSize(12.5).fillColor(COLOURS.heading).text(title, box.left, y, { width: box.width });
  const ruleY = doc.y + 2;
  doc.moveTo(box.left, ruleY).lineTo(box.right, ruleY).lineWidth(0.6).strokeColor(COLOURS.heading).stroke();
  doc.x = box.left;
  doc.y = ruleY + 6;
  doc.font(FONT.regular).fontSize(9.5).fillColor(COLOURS.text);
}

/** Body text across the content width, flowing onto new pages as needed. */
export function paragraph(
  doc: PDFKit.PDFDocument,
  text: string,
  opts: { font?: string; size?: number; colour?: string; gapAfter?: number } = {},
): void {
  const box = contentBox(doc);
  doc.font(opts.font ?? FONT.regular).fontSize(opts.size ?? 9.5).fillColor(opts.colour ?? COLOURS.text);
  doc.text(text, box.left, doc.y, { width: box.width, lineGap: 1.5 });
  doc.y += opts.gapAfter ?? 4;
  doc.x = box.left;
}

/** `text` cut to fit `width` at the current font and size, with an ellipsis when it had to be cut. */
export function fitText(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(text.slice(0, mid) + '…') <= width) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo).trimEnd() + '…';
}

/** The largest font size from `max` down to `min` (0.5 pt steps) at which `text` fits `width` on one line. */
export function fitFontSize(doc: PDFKit.PDFDocument, text: string, width: number, max: number, min: number): number {
  for (let size = max; size > min; size -= 0.5) {
    if (doc.fontSize(size).widthOfString(text) <= width) return size;
  }
  return min;
}

/**
 * Puts a word joiner (U+2060, zero-width, invisible to pdftotext) after each hyphen so pdfkit never breaks a
 * line there: a name or label split at its hyphen is hard to read, and pdftotext drops such hyphens.
 */
export function keepHyphens(text: string): string {
  return text.replace(/-/g, '-\u2060');
}
