/**
 * "Sequence of signs": once a clinician has decided anything, the clinician's sequence (confirmed and added
 * signs, rejected ones left out) first and the model's proposal under it; before that, the model's present
 * findings alone, saying so, at the onsets and sides measured from the pose where measured.
 */
import { FEATURES } from '../semiology/featureCatalogue.ts';
import { decisionCountsText } from './drawReviewBlock.ts';
import { COLOURS, contentBox, keepHyphens, paragraph, sectionHeading } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';
import type { ReportContext } from './reportOptions.ts';
import { formatSequenceLine, proposedSequence, reviewedSequence, sequenceOfSigns, type SignInSequence } from './sequenceOfSigns.ts';
import { measuredOnsetOf } from './measuredSignsSummary.ts';

export const NO_SIGNS_TEXT = 'No sign was reported present in any segment.';
export const NOTHING_ASSESSED_TEXT =
  'No feature could be assessed: every model answer failed or was not obtained, so the absence of signs here means nothing.';

/** One line counting machine statuses and clinician decisions. */
export function countsLine(ctx: ReportContext): string {
  const counts = { present: 0, absent: 0, not_assessed: 0, failed: 0 };
  const byId = new Map(ctx.analysis.findings.map((f) => [f.featureId, f]));
  for (const def of FEATURES) counts[byId.get(def.id)?.status ?? 'not_assessed'] += 1;
  return `Machine findings for ${FEATURES.length} features: ${counts.present} present, ${counts.absent} absent, ` +
    `${counts.not_assessed} not assessed, ${counts.failed} failed. Clinician review: ${decisionCountsText(ctx.review)}.`;
}

export const CLINICIAN_SEQUENCE_LABEL = 'Clinician\'s sequence (confirmed and added signs; onset and side the clinician\'s where given, else measured from the pose, else the model\'s onset; sides are the patient\'s):';

/** Under a sequence, naming what was taken from the measured signs: "Measured from the pose (not set by the clinician): onset and side of clonic jerking; side of …". */
export function measuredNote(signs: readonly SignInSequence[]): string {
  const parts = signs.flatMap((s) => {
    const what = [s.onsetBy === 'measured' ? 'onset' : '', s.sideBy === 'measured' ? 'side' : ''].filter(Boolean).join(' and ');
    return what ? [`${what} of ${s.label}`] : [];
  });
  return parts.length ? `Measured from the pose (not set by the clinician): ${parts.join('; ')}.` : '';
}
export const MODEL_PROPOSAL_LABEL = 'Model\'s proposal (every sign the model found present, at the model\'s onsets):';
export const UNREVIEWED_SEQUENCE_NOTE = 'This is the model\'s proposal: no clinician has reviewed it.';

/**
 * The machine's line: before any clinician decision the proposed sequence (onset and side measured from the
 * pose where measured: the clinician has set none), else the model's own proposal, next to the clinician's.
 */
function machineSequence(ctx: ReportContext): SignInSequence[] {
  return ctx.review.decisions.size === 0
    ? proposedSequence(ctx.analysis.findings, (id) => measuredOnsetOf(ctx.analysis, id))
    : sequenceOfSigns(ctx.analysis.findings);
}

function drawMachineLine(doc: PDFKit.PDFDocument, ctx: ReportContext, size: number): void {
  const box = contentBox(doc);
  const signs = machineSequence(ctx);
  const assessed = ctx.analysis.findings.some((f) => f.status === 'present' || f.status === 'absent');
  if (signs.length) {
    doc.font(FONT.bold).fontSize(size).fillColor(COLOURS.present)
      .text(keepHyphens(formatSequenceLine(signs)), box.left, doc.y, { width: box.width, lineGap: 2 });
    doc.y += 3;
    const note = measuredNote(signs);
    if (note) paragraph(doc, note, { size: 7.5, colour: COLOURS.muted, gapAfter: 1 });
  } else {
    paragraph(doc, assessed ? NO_SIGNS_TEXT : NOTHING_ASSESSED_TEXT, { font: FONT.bold, size: size - 0.5, gapAfter: 1 });
    if (assessed) {
      paragraph(doc, 'The absence of machine findings does not exclude these signs: zero-shot models miss subtle signs often. Review the video.',
        { size: 8, colour: COLOURS.muted });
    }
  }
}

export function drawSequenceSection(doc: PDFKit.PDFDocument, ctx: ReportContext): void {
  const { analysis, review } = ctx;
  sectionHeading(doc, 'Sequence of signs', 40);
  const box = contentBox(doc);
  const caption = 'Machine findings in order of first onset (recording time m:ss); onset and side measured from the patient\'s pose where a measured interval backs the finding (sides are the patient\'s), else the model\'s onset in the first positive segment (or that segment\'s start).';
  if (review.decisions.size === 0) {
    paragraph(doc, UNREVIEWED_SEQUENCE_NOTE, { font: FONT.bold, size: 8.5, colour: '#8a5a00', gapAfter: 2 });
    drawMachineLine(doc, ctx, 10.5);
    if (machineSequence(ctx).length) paragraph(doc, caption, { size: 7.5, colour: COLOURS.muted });
  } else {
    const reviewed = reviewedSequence(analysis.findings, analysis.review?.current ?? [], (id) => measuredOnsetOf(analysis, id));
    doc.font(FONT.bold).fontSize(8.5).fillColor(COLOURS.clinician).text(CLINICIAN_SEQUENCE_LABEL, box.left, doc.y, { width: box.width });
    doc.font(FONT.bold).fontSize(10.5).fillColor(COLOURS.clinician)
      .text(reviewed.length ? keepHyphens(formatSequenceLine(reviewed)) : 'no sign confirmed or added.', box.left, doc.y + 1, { width: box.width, lineGap: 2 });
    doc.y += 2;
    const note = measuredNote(reviewed);
    if (note) paragraph(doc, note, { size: 7.5, colour: COLOURS.muted, gapAfter: 1 });
    doc.y += 3;
    doc.font(FONT.bold).fontSize(8).fillColor(COLOURS.muted).text(MODEL_PROPOSAL_LABEL, box.left, doc.y, { width: box.width });
    doc.y += 1;
    drawMachineLine(doc, ctx, 9);
    if (review.modelOnly.length) {
      paragraph(doc, `Not reviewed yet: ${review.modelOnly.map((r) => r.label.toLowerCase()).join(', ')}.`, { size: 8, colour: '#8a5a00', gapAfter: 2 });
    }
  }
  paragraph(doc, countsLine(ctx), { size: 8.5, colour: COLOURS.text });
}
