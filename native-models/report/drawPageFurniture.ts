/**
 * Running header (from page 2) and footer with "Page i of N" on every page; needs `bufferPages: true`. The
 * review status ("NOT REVIEWED BY A CLINICIAN — model proposals only", "AMENDED AFTER SIGN-OFF", "Review
 * complete") is printed at the top right of every page, page 1 included, so no page can pass for reviewed.
 */
import { baseName } from './baseName.ts';
import { usedDemoModel } from './describeModels.ts';
import { formatDateTime } from './formatDateTime.ts';
import { REPORT_TITLE } from './drawReportHeader.ts';
import { COLOURS, MARGINS, fitText } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';
import type { ReportContext } from './reportOptions.ts';
import { pageStatusLine } from './reviewText.ts';

const STATUS_INK = { not_reviewed: '#b3261e', in_progress: '#b3261e', amended: '#b3261e', complete: COLOURS.clinician } as const;
const DEMO_MARK = 'DEMO MODEL: FINDINGS MEANINGLESS';

export function drawPageFurniture(doc: PDFKit.PDFDocument, ctx: ReportContext): void {
  const range = doc.bufferedPageRange();
  const demo = usedDemoModel(ctx.analysis.model);
  const who = ctx.operator.patientId?.trim();
  // Patient ID first: when the line is too long, the file name and title are what get cut.
  const running = [who ? `Patient ID ${who}` : null, baseName(ctx.analysis.recording.fileName), REPORT_TITLE]
    .filter(Boolean).join(' · ');
  const status = pageStatusLine(ctx.review);
  const footer = `Decision support from zero-shot models, not a diagnosis · generated ${formatDateTime(ctx.generatedAt, ctx.timeZone)} by ${ctx.product.name} ${ctx.product.version}`;

  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    const left = MARGINS.left;
    const right = width - MARGINS.right;
    const w = right - left;
    // Writing outside the margins must not trigger pdfkit's automatic page break.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;

    // Top right, every page: the review status, and the demo mark before it when it applies.
    const y = 26;
    doc.font(FONT.bold).fontSize(7.5);
    const statusW = doc.widthOfString(status);
    const demoW = demo ? doc.widthOfString(DEMO_MARK) + 10 : 0;
    doc.fillColor(STATUS_INK[ctx.review.status]).text(status, right - statusW, y, { lineBreak: false });
    if (demo) doc.fillColor(COLOURS.demo).text(DEMO_MARK, right - statusW - demoW, y, { lineBreak: false });
    if (i > range.start) {
      doc.font(FONT.regular).fontSize(7.5).fillColor(COLOURS.muted);
      doc.text(fitText(doc, running, Math.max(w - statusW - demoW - 14, 60)), left, y, { lineBreak: false });
      doc.moveTo(left, y + 12).lineTo(right, y + 12).lineWidth(0.4).strokeColor(COLOURS.rule).stroke();
    }

    const fy = height - 36;
    doc.moveTo(left, fy - 5).lineTo(right, fy - 5).lineWidth(0.4).strokeColor(COLOURS.rule).stroke();
    doc.font(FONT.regular).fontSize(7).fillColor(COLOURS.muted);
    doc.text(fitText(doc, footer, w - 80), left, fy, { lineBreak: false });
    doc.font(FONT.bold).fontSize(7.5).fillColor(COLOURS.text)
      .text(`Page ${i - range.start + 1} of ${range.count}`, right - 70, fy, { width: 70, align: 'right', lineBreak: false });
    doc.page.margins.bottom = savedBottom;
  }
}
