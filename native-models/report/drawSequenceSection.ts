/** "Sequence of signs": the machine's positive findings by onset, then the line after clinician review. */
import { FEATURES } from '../semiology/featureCatalogue.ts';
import { COLOURS, contentBox, keepHyphens, paragraph, sectionHeading } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';
import type { ReportContext } from './reportOptions.ts';
import { formatSequenceLine, sequenceOfSigns } from './sequenceOfSigns.ts';

export const NO_SIGNS_TEXT = 'No sign was reported present in any segment.';
export const NOTHING_ASSESSED_TEXT =
  'No feature could be assessed: every model answer failed or was not obtained, so the absence of signs here means nothing.';

/** One line counting machine statuses and clinician marks. */
export function countsLine(ctx: ReportContext): string {
  const counts = { present: 0, absent: 0, not_assessed: 0, failed: 0 };
  const byId = new Map(ctx.analysis.findings.map((f) => [f.featureId, f]));
  for (const def of FEATURES) counts[byId.get(def.id)?.status ?? 'not_assessed'] += 1;
  let confirmed = 0;
  let rejected = 0;
  for (const d of ctx.decisions.values()) d.decision === 'confirmed' ? confirmed++ : rejected++;
  return `Machine findings for ${FEATURES.length} features: ${counts.present} present, ${counts.absent} absent, ` +
    `${counts.not_assessed} not assessed, ${counts.failed} failed. Clinician review: ${confirmed} confirmed, ` +
    `${rejected} rejected, ${FEATURES.length - confirmed - rejected} not reviewed.`;
}

export function drawSequenceSection(doc: PDFKit.PDFDocument, ctx: ReportContext): void {
  const { analysis } = ctx;
  sectionHeading(doc, 'Sequence of signs', 40);
  const box = contentBox(doc);
  const signs = sequenceOfSigns(analysis.findings);
  const assessed = analysis.findings.some((f) => f.status === 'present' || f.status === 'absent');
  if (signs.length) {
    doc.font(FONT.bold).fontSize(10.5).fillColor(COLOURS.present)
      .text(keepHyphens(formatSequenceLine(signs)), box.left, doc.y, { width: box.width, lineGap: 2 });
    doc.y += 3;
    paragraph(doc, 'Machine findings in order of first onset (recording time m:ss); onset is the model\'s onset in the first positive segment, else that segment\'s start.',
      { size: 7.5, colour: COLOURS.muted });
  } else {
    paragraph(doc, assessed ? NO_SIGNS_TEXT : NOTHING_ASSESSED_TEXT, { font: FONT.bold, size: 10, gapAfter: 1 });
    if (assessed) {
      paragraph(doc, 'The absence of machine findings does not exclude these signs: zero-shot models miss subtle signs often. Review the video.',
        { size: 8, colour: COLOURS.muted });
    }
  }

  const rejected = new Set<string>([...ctx.decisions.values()].filter((d) => d.decision === 'rejected').map((d) => d.featureId as string));
  const rejectedSigns = signs.filter((s) => rejected.has(s.featureId));
  if (rejectedSigns.length) {
    const reviewed = sequenceOfSigns(analysis.findings, rejected);
    doc.font(FONT.bold).fontSize(8.5).fillColor(COLOURS.clinician)
      .text('After clinician review (rejected signs removed):', box.left, doc.y, { width: box.width });
    doc.font(FONT.italic).fontSize(10).fillColor(COLOURS.clinician)
      .text(reviewed.length ? keepHyphens(formatSequenceLine(reviewed)) : 'no sign remains.', box.left, doc.y + 1, { width: box.width, lineGap: 2 });
    doc.y += 4;
  }
  paragraph(doc, countsLine(ctx), { size: 8.5, colour: COLOURS.text });
}
