import type { AnalysisResult } from '../contract/analysisSchema.ts';
import type { ReviewEntry } from '../contract/clinicianReview.ts';
import type { FontFallback } from './fontFallback.ts';
import type { PaperSize } from './reportLayout.ts';
import type { ReportReview } from './summariseReview.ts';

/** Identifiers an operator types in before export. Printed as given; none is required. */
export interface OperatorFields {
  patientId?: string;
  study?: string;
  reviewer?: string;
}

export interface ReportOptions {
  /** Folder that keyframe paths are relative to (the folder holding analysis.json). Default: dirname(outPath). */
  baseDir?: string;
  /** Paper size. Default 'A4'. */
  paperSize?: PaperSize;
  /** Operator-entered identifiers for the header. Default: none ("not entered"). */
  operator?: OperatorFields;
  /** Product name and version for the header. Default: `analysis.generator`. */
  product?: { name: string; version: string };
  /** IANA time zone for dates in the report, e.g. 'Europe/Berlin'. Default: the machine's time zone. */
  timeZone?: string;
  /** When the report is generated (footer and PDF metadata). Default: now. Fix it for reproducible files. */
  generatedAt?: Date;
  /** Folder holding DejaVuSans*.ttf. Default: the `dejavu-fonts-ttf` package, then Debian's fonts-dejavu-core. */
  fontDir?: string;
  /**
   * Folder holding NotoSansCJK-Regular.ttc (and -Bold.ttc), for Chinese, Japanese and Korean text.
   * Default: Debian's fonts-noto-cjk folder. Without it the report is still written and names what it could not show.
   */
  fallbackFontDir?: string;
  /** At most this many distinct model justifications quoted per positive finding. Default 2. */
  maxJustifications?: number;
}

/** Everything a section needs, resolved once. */
export interface ReportContext {
  analysis: AnalysisResult;
  baseDir: string;
  paperSize: PaperSize;
  operator: OperatorFields;
  product: { name: string; version: string };
  timeZone: string | undefined;
  generatedAt: Date;
  maxJustifications: number;
  /** Latest clinician decision per feature id. */
  decisions: Map<string, ReviewEntry>;
  /** The clinician's review as the report tells it (summariseReview.ts). */
  review: ReportReview;
  /** The per-string CJK fallback and what no font could show (fontFallback.ts). */
  glyphs: FontFallback;
}
