/** "Method and limits": how the findings were produced and what they are not. */
import { FEATURES } from '../semiology/featureCatalogue.ts';
import { usedDemoModel } from './describeModels.ts';
import { COLOURS, paragraph, sectionHeading } from './reportLayout.ts';
import { FONT } from './reportFonts.ts';
import type { ReportContext } from './reportOptions.ts';

export const NOT_A_DIAGNOSIS =
  'This report is decision support produced by zero-shot multimodal language models. It is not a diagnosis. ' +
  'Every finding must be checked against the video by a qualified clinician before it informs care.';

function round(n: number, digits = 1): string {
  return String(Math.round(n * 10 ** digits) / 10 ** digits);
}

export function methodParagraphs(ctx: ReportContext): string[] {
  const { analysis } = ctx;
  const s = analysis.sampling;
  const st = analysis.stats;
  const nVision = FEATURES.filter((f) => f.modality === 'vision').length;
  const nAudio = FEATURES.length - nVision;
  const out = [
    `Segmentation. The recording was divided into ${analysis.segments.length} segment${analysis.segments.length === 1 ? '' : 's'} ` +
      `of ${round(s.segmentS)} s with ${round(s.overlapS)} s overlap between consecutive segments, so that a sign spanning a boundary is seen whole in at least one segment.`,
    `Frames. Each segment was shown to the model as frames sampled at ${round(s.fps, 2)} per second (at most ${s.maxFrames} frames per segment, ` +
      `${s.frameSize} px frames), with their times. Depending on the feature the frames were the full picture, ` +
      'a face crop (face region from body keypoints, smoothed over time, enlarged), or the picture with the limb skeleton drawn on it.',
    `Questions. Each of the ${nVision} visual features was asked as one clinical question per segment; the ${nAudio} audio features were asked over the recording's audio ` +
      '(raw, denoised, or with a transcript). The model answered yes or no with a short justification.',
    'Aggregation (any-yes rule). A feature is reported present if the model said yes in at least one segment; its onset is the earliest onset among the positive segments. ' +
      'Absent means every answered segment said no. Not assessed means the feature was not asked; failed means no usable answer was obtained.',
    `Run. ${st.modelCalls} model calls (${st.cacheHits} answered from cache), ${st.failedAnswers} failed answers, ${round(st.wallS)} s wall time; feature catalogue version ${analysis.catalogueVersion}.` +
      (analysis.model.device ? ` The local model ran on ${analysis.model.device}.` : ''),
    'Limits. In the published evaluation of this approach (90 EMU seizure videos, one centre), zero-shot accuracy varied widely between features: ' +
      'postures and gaze-related signs were recognised best, while subtle signs (eye blinking, oral automatisms, face pulling) and complex motor events were often missed or over-called. ' +
      'Model justifications are generated text, not observations; they can be fluent and wrong. Clinician marks in this report are the reviewer\'s, not the model\'s.',
  ];
  out.push('Clinician review. Decisions (confirmed, rejected, uncertain, added), their onsets, offsets and sides are the reviewer\'s, recorded in an append-only log ' +
    'in which every change is a new entry naming the one it replaces; the report prints each finding\'s standing decision and the whole log. ' +
    'A report is "review complete" once a reviewer signed it off, "amended after sign-off" when a decision changed after that.');
  return out;
}

/** Up to 12 characters as code points, e.g. "U+4E2D, U+6587". */
function codePoints(chars: Iterable<string>): string {
  const all = [...chars];
  const shown = all.slice(0, 12).map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
  return all.length > 12 ? `${shown} and ${all.length - 12} more` : shown;
}

/** The note for characters no font of the report has (they print as empty boxes), or null when all were shown. */
export function missingGlyphsNote(ctx: ReportContext): string | null {
  if (!ctx.glyphs.missing.size) return null;
  const hint = ctx.glyphs.available ? '' : ' The Chinese, Japanese and Korean fallback font was not found: install Debian\'s fonts-noto-cjk.';
  return `Some characters could not be shown: no font available to this report has ${codePoints(ctx.glyphs.missing)}; they print as empty boxes.${hint}`;
}

export function drawMethodSection(doc: PDFKit.PDFDocument, ctx: ReportContext): void {
  sectionHeading(doc, 'Method and limits', 80);
  for (const p of methodParagraphs(ctx)) paragraph(doc, p, { size: 8.5 });
  const missing = missingGlyphsNote(ctx);
  if (missing) paragraph(doc, missing, { font: FONT.bold, size: 8.5, colour: COLOURS.present });
  doc.moveDown(0.3);
  paragraph(doc, NOT_A_DIAGNOSIS, { font: FONT.bold, size: 9.5, colour: COLOURS.present });
  if (usedDemoModel(ctx.analysis.model)) {
    paragraph(doc, 'The model used for this report was the random-weight demo model: the findings above are meaningless.',
      { font: FONT.bold, size: 9.5, colour: COLOURS.demo });
  }
}
