/**
 * Text for an XML 1.0 document, exactly as typed where XML allows it: markup characters escaped; carriage
 * returns (and, in attributes, tabs and line feeds) as character references, because a parser would otherwise
 * normalise them away; characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF, a lone
 * surrogate) replaced by U+FFFD. Every other character (accents, CJK, emoji) is written as itself in UTF-8.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function common(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Element content. */
export function xmlText(s: string): string {
  return common(s);
}

/** A double-quoted attribute value. */
export function xmlAttr(s: string): string {
  return common(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
