/**
 * Per-string font fallback, so a Chinese or Japanese file name, reviewer or comment prints as itself and not
 * as empty boxes: the report's font (DejaVu Sans) has no CJK glyphs. Installed once on the document, it
 * wraps `text`, `widthOfString` and `heightOfString`: a string with a character the current font lacks
 * (fontkit's `hasGlyphForCodePoint`) is measured and drawn whole with Noto Sans CJK (the face for its
 * script: Japanese when it has kana, Korean when it has hangul, else Simplified Chinese; bold for bold),
 * then the font is restored. Every call site is covered, including the running header and fitted text.
 * Characters no available font has are collected in `missing`, for the method section to name.
 */
import { readFileSync } from 'node:fs';
import { FONT, type FallbackFonts } from './reportFonts.ts';

export interface FontFallback {
  /** Whether the CJK fallback fonts were found. */
  readonly available: boolean;
  /** Characters the report could not show (no font it has holds them), in the order met. */
  readonly missing: ReadonlySet<string>;
  /** Whether any string was drawn with the fallback. */
  readonly used: boolean;
}

interface GlyphSource {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

type Region = 'sc' | 'jp' | 'kr';
type AnyFn = (...args: unknown[]) => unknown;

/** Characters that draw nothing (controls, format characters such as U+2060, separators): never checked. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}]/u;
const FORMAT_CHARS = /\p{Cf}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const ASCII_ONLY = /^[\x00-\x7e]*$/;

export function regionOf(text: string): Region {
  if (KANA.test(text)) return 'jp';
  if (HANGUL.test(text)) return 'kr';
  return 'sc';
}

export function installFontFallback(doc: PDFKit.PDFDocument, fallback: FallbackFonts | null): FontFallback {
  const d = doc as unknown as Record<string, AnyFn> & { _font?: { font?: GlyphSource } };
  const origFont = d.font!.bind(doc);
  const missing = new Set<string>();
  const state = { available: fallback !== null, missing, used: false };
  let current: string = FONT.regular;
  let depth = 0;
  const buffers = new Map<string, Buffer>();
  const registered = new Set<string>();
  const glyphs = new Map<string, GlyphSource | null>();
  const coverage = new Map<string, Map<number, boolean>>();

  d.font = (src: unknown, ...rest: unknown[]) => {
    if (typeof src === 'string') current = src;
    return origFont(src, ...rest);
  };

  function glyphSourceOf(alias: string): GlyphSource | null {
    if (!glyphs.has(alias)) {
      const restore = current;
      try {
        origFont(alias);
        glyphs.set(alias, d._font?.font && typeof d._font.font.hasGlyphForCodePoint === 'function' ? d._font.font : null);
      } catch {
        glyphs.set(alias, null);
      } finally {
        origFont(restore);
      }
    }
    return glyphs.get(alias) ?? null;
  }

  function has(alias: string, cp: number): boolean {
    let m = coverage.get(alias);
    if (!m) coverage.set(alias, (m = new Map()));
    let v = m.get(cp);
    if (v === undefined) {
      v = glyphSourceOf(alias)?.hasGlyphForCodePoint(cp) ?? true;
      m.set(cp, v);
    }
    return v;
  }

  /** The fallback face for the current style and the text's script, registered on first use; null if absent. */
  function fallbackAlias(text: string): string | null {
    if (!fallback) return null;
    const bold = current === FONT.bold;
    const region = regionOf(text);
    const alias = `CJK-${bold ? 'Bold' : 'Regular'}-${region}`;
    if (!registered.has(alias)) {
      const file = bold ? fallback.bold : fallback.regular;
      try {
        let buf = buffers.get(file);
        if (!buf) buffers.set(file, (buf = readFileSync(file)));
        doc.registerFont(alias, buf, `NotoSansCJK${region}-${bold ? 'Bold' : 'Regular'}`);
      } catch {
        return null;
      }
      registered.add(alias);
    }
    return glyphSourceOf(alias) ? alias : null;
  }

  /** The font alias to use for `text` instead of the current one, or null to keep it. Records what no font shows. */
  function pick(text: string): string | null {
    if (ASCII_ONLY.test(text)) return null;
    const chars = [...text].filter((c) => !INVISIBLE.test(c));
    const lacking = chars.filter((c) => !has(current, c.codePointAt(0)!));
    if (!lacking.length) return null;
    const alias = fallbackAlias(text);
    const chosen = alias && lacking.some((c) => has(alias, c.codePointAt(0)!)) ? alias : null;
    for (const c of chosen ? chars : lacking) {
      if (!has(chosen ?? current, c.codePointAt(0)!)) missing.add(c);
    }
    return chosen;
  }

  for (const name of ['text', 'widthOfString', 'heightOfString']) {
    const orig = d[name]!.bind(doc);
    d[name] = (text: unknown, ...rest: unknown[]) => {
      if (depth > 0 || typeof text !== 'string') return orig(text, ...rest);
      const alias = pick(text);
      if (!alias) return orig(text, ...rest);
      const restore = current;
      depth++;
      try {
        origFont(alias);
        if (name === 'text') state.used = true;
        // Noto CJK has no word joiner (U+2060) and the like: drop format characters rather than draw boxes.
        return orig(text.replace(FORMAT_CHARS, ''), ...rest);
      } finally {
        depth--;
        origFont(restore);
      }
    };
  }
  return state;
}
