/**
 * The fonts the report embeds. pdfkit's standard 14 fonts are not embedded and cannot print every accented
 * name, so the report embeds DejaVu Sans (Bitstream Vera licence + public-domain changes: free to
 * redistribute) from the `dejavu-fonts-ttf` npm package, which ships with the app. Debian's
 * `fonts-dejavu-core` is the fallback when the package is missing. DejaVu has no Chinese, Japanese or
 * Korean glyphs: for those the report falls back to Noto Sans CJK (SIL Open Font Licence) from Debian's
 * `fonts-noto-cjk`, when it is installed (fontFallback.ts picks the font per string).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { InputError } from '../errors.ts';

export interface ReportFonts {
  regular: string;
  bold: string;
  italic: string;
  mono: string;
}

/** Font aliases registered on the document: use these names with `doc.font()`. */
export const FONT = { regular: 'Body', bold: 'Body-Bold', italic: 'Body-Italic', mono: 'Mono' } as const;

const FILES: Readonly<Record<keyof ReportFonts, string>> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  mono: 'DejaVuSansMono.ttf',
};

const DEBIAN_DIR = '/usr/share/fonts/truetype/dejavu';

function packageFontDir(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
    return path.join(path.dirname(pkg), 'ttf');
  } catch {
    return null;
  }
}

function complete(dir: string | null): dir is string {
  return !!dir && Object.values(FILES).every((f) => existsSync(path.join(dir, f)));
}

/** Font files from `fontDir` if given, else the npm package, else Debian's fonts-dejavu-core. */
export function resolveReportFonts(fontDir?: string): ReportFonts {
  const candidates = fontDir ? [fontDir] : [packageFontDir(), DEBIAN_DIR];
  const dir = candidates.find(complete);
  if (!dir) {
    throw new InputError(
      `The report font (DejaVu Sans) was not found${fontDir ? ` in ${fontDir}` : ''}.`,
      'Reinstall the app (npm ci installs dejavu-fonts-ttf) or install Debian fonts-dejavu-core.',
    );
  }
  return {
    regular: path.join(dir, FILES.regular),
    bold: path.join(dir, FILES.bold),
    italic: path.join(dir, FILES.italic),
    mono: path.join(dir, FILES.mono),
  };
}

/** The CJK fallback: two font collections (.ttc), each holding a face per region (sc, tc, jp, kr, hk). */
export interface FallbackFonts {
  regular: string;
  bold: string;
}

const FALLBACK_FILES: Readonly<Record<keyof FallbackFonts, string>> = {
  regular: 'NotoSansCJK-Regular.ttc',
  bold: 'NotoSansCJK-Bold.ttc',
};

/** Where Debian's fonts-noto-cjk puts them (Ubuntu too). */
const DEBIAN_CJK_DIR = '/usr/share/fonts/opentype/noto';

/**
 * The CJK fallback fonts from `dir` (default Debian's fonts-noto-cjk folder), or null when they are not
 * installed: the report is still written, and says which characters it could not show.
 */
export function resolveFallbackFonts(dir: string = DEBIAN_CJK_DIR): FallbackFonts | null {
  const regular = path.join(dir, FALLBACK_FILES.regular);
  if (!existsSync(regular)) return null;
  const bold = path.join(dir, FALLBACK_FILES.bold);
  return { regular, bold: existsSync(bold) ? bold : regular };
}

export function registerReportFonts(doc: PDFKit.PDFDocument, fonts: ReportFonts): void {
  doc.registerFont(FONT.regular, fonts.regular);
  doc.registerFont(FONT.bold, fonts.bold);
  doc.registerFont(FONT.italic, fonts.italic);
  doc.registerFont(FONT.mono, fonts.mono);
  doc.font(FONT.regular);
}
