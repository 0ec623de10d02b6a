/**
 * Reads a SHA256SUMS file, the list `sha256sum` writes (`<hash>  <name>` for text mode, `<hash> *<name>` for
 * binary mode, a leading backslash when the name has an escaped backslash or newline) and the `--tag` form
 * (`SHA256 (<name>) = <hash>`). A model pair on removable media whose manifest entry has no checksum is
 * verified against this file.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';

/** The names the file may have beside the models (case-insensitive). */
export const SHA256SUMS_NAMES = ['SHA256SUMS', 'SHA256SUMS.txt', 'sha256sum.txt', 'sha256sums.txt'];

function unescapeName(name: string, lineNo: number, fileName: string): string {
  return name.replace(/\\(.)/g, (_, c: string) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    if (c === 'r') return '\r';
    throw new InputError(`Line ${lineNo} of ${fileName} has an unknown escape "\\${c}".`);
  });
}

/** Normalises a listed name for lookup: no leading "./" (a backslash is part of the name, as sha256sum escapes it). */
const normalise = (name: string): string => name.replace(/^(\.\/)+/, '');

/**
 * Parses the text of a SHA256SUMS file into file name -> lower-case hash. A line that is neither form, or a
 * name listed twice with different hashes, is refused with its line number (a damaged list verifies nothing).
 */
export function parseSha256Sums(text: string, fileName = 'SHA256SUMS'): Map<string, string> {
  const sums = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const lineNo = i + 1;
    if (!line.trim() || line.startsWith('#')) return;
    let hash: string;
    let name: string;
    const gnu = /^(\\?)([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
    const tag = /^(\\?)SHA256 \((.+)\) = ([0-9a-fA-F]{64})$/.exec(line);
    if (gnu) {
      hash = gnu[2]!;
      name = gnu[1] ? unescapeName(gnu[3]!, lineNo, fileName) : gnu[3]!;
    } else if (tag) {
      hash = tag[3]!;
      name = tag[1] ? unescapeName(tag[2]!, lineNo, fileName) : tag[2]!;
    } else {
      throw new InputError(`Line ${lineNo} of ${fileName} is not a sha256sum line ("<64 hex digits>  <file name>").`,
        { hint: 'Write the list with "sha256sum *.gguf > SHA256SUMS" on the machine that downloaded the files.' });
    }
    const key = normalise(name);
    const prev = sums.get(key);
    hash = hash.toLowerCase();
    if (prev && prev !== hash) throw new InputError(`${fileName} lists "${path.basename(key)}" twice with different checksums (line ${lineNo}).`);
    sums.set(key, hash);
  });
  return sums;
}

export interface Sha256SumsFile {
  fileName: string;
  /** file name (relative to the folder) -> hash */
  sums: Map<string, string>;
}

/** The SHA256SUMS file in `folder`, parsed, or null when there is none. */
export function readSha256Sums(folder: string): Sha256SumsFile | null {
  if (!existsSync(folder)) return null;
  const wanted = new Set(SHA256SUMS_NAMES.map((n) => n.toLowerCase()));
  const found = readdirSync(folder).filter((n) => wanted.has(n.toLowerCase())).sort();
  if (!found.length) return null;
  const fileName = found[0]!;
  return { fileName, sums: parseSha256Sums(readFileSync(path.join(folder, fileName), 'utf8'), fileName) };
}

/** The listed hash of a file of the folder (by its name relative to the folder), or undefined. */
export function listedHash(sums: Sha256SumsFile | null, relativeName: string): string | undefined {
  return sums?.sums.get(normalise(relativeName));
}
