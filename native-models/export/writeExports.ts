/**
 * Writes the exports of a reviewed analysis into one folder (the CLI's `semioscope export`, the review API's
 * `review:export`): each format's file under its name from contract/exportFormats.ts, each written atomically
 * (a temporary file renamed into place, so a full disk never leaves half a file), in the order asked, each
 * format once. The analysis is checked, with its review, before the first file is written (reviewedAnalysis.ts).
 */
import path from 'node:path';
import type { AnalysisResult } from '../contract/analysisSchema.ts';
import { EXPORT_DESCRIPTIONS, EXPORT_FORMATS, type ExportFormat } from '../contract/exportFormats.ts';
import { UsageError, asCancellation, throwIfCancelled } from '../errors.ts';
import { ensureWritableFolder } from '../platform/makeFolder.ts';
import { writeFileAtomic } from '../platform/writeFileAtomic.ts';
import { writeReportPdf, type ReportOptions } from '../report/writeReportPdf.ts';
import { annotationLayoutCsv } from './annotationLayoutCsv.ts';
import { auditTrailCsv } from './auditTrailCsv.ts';
import { elanEaf } from './elanEaf.ts';
import { findingsCsv } from './findingsCsv.ts';
import { reviewedAnalysis, reviewedAnalysisJson } from './reviewedAnalysis.ts';

export interface ExportOptions {
  signal?: AbortSignal;
  /** For the PDF. `baseDir` (where keyframe paths are relative to) defaults to `outDir`. */
  reportOptions?: ReportOptions;
  /** When the exports are made (the ELAN document's DATE; the report's, unless reportOptions says). Default now. */
  generatedAt?: Date;
}

export async function writeExports(analysis: AnalysisResult, outDir: string, formats: readonly ExportFormat[], options: ExportOptions = {}): Promise<Array<{ format: ExportFormat; path: string }>> {
  const wanted = [...new Set(formats)];
  const unknown = wanted.find((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
  if (unknown !== undefined) throw new UsageError(`Unknown export format "${String(unknown)}": use ${EXPORT_FORMATS.join(', ')}.`, { setting: 'formats' });
  if (!wanted.length) throw new UsageError(`Choose at least one export format: ${EXPORT_FORMATS.join(', ')}.`, { setting: 'formats' });
  const reviewed = reviewedAnalysis(analysis);
  const dir = ensureWritableFolder(outDir, 'export folder', 'outDir');
  const generatedAt = options.generatedAt ?? new Date();
  const written: Array<{ format: ExportFormat; path: string }> = [];
  for (const format of wanted) {
    throwIfCancelled(options.signal);
    const file = path.join(dir, EXPORT_DESCRIPTIONS[format].fileName);
    switch (format) {
      case 'json': writeFileAtomic(file, reviewedAnalysisJson(reviewed)); break;
      case 'csv': writeFileAtomic(file, findingsCsv(reviewed)); break;
      case 'audit': writeFileAtomic(file, auditTrailCsv(reviewed)); break;
      case 'eaf': writeFileAtomic(file, elanEaf(reviewed, { generatedAt })); break;
      case 'annotation': writeFileAtomic(file, annotationLayoutCsv(reviewed)); break;
      case 'pdf':
        try {
          await writeReportPdf(reviewed, file, { baseDir: dir, generatedAt, ...options.reportOptions });
        } catch (e) {
          throw asCancellation(e, options.signal);
        }
        break;
    }
    written.push({ format, path: file });
  }
  return written;
}
