/**
 * SHA256SUMS parsing: the lines the real `sha256sum` writes (text and binary mode, escaped names, --tag), read
 * back and looked up by file name; a damaged list is refused with its line number.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { InputError } from '../../../native-models/errors.ts';
import { listedHash, parseSha256Sums, readSha256Sums } from '../../../native-models/models/sha256Sums.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'semioscope-sums-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const H1 = 'a'.repeat(64);
const H2 = '0123456789abcdef'.repeat(4);

describe('parseSha256Sums', () => {
  test('reads what sha256sum writes in text mode, binary mode (*) and --tag form, with the same hashes', () => {
    writeFileSync(path.join(dir, 'model a.gguf'), 'model bytes');
    writeFileSync(path.join(dir, 'mmproj-a.gguf'), 'projector bytes');
    const run = (args: string[]) => execFileSync('sha256sum', args, { cwd: dir, encoding: 'utf8' });
    const text = parseSha256Sums(run(['model a.gguf', 'mmproj-a.gguf']));
    const binary = parseSha256Sums(run(['-b', 'model a.gguf', 'mmproj-a.gguf']));
    const tag = parseSha256Sums(run(['--tag', 'model a.gguf', 'mmproj-a.gguf']));
    assert.deepEqual([...text.keys()], ['model a.gguf', 'mmproj-a.gguf']);
    assert.deepEqual(binary, text);
    assert.deepEqual(tag, text);
    assert.match(run(['-b', 'mmproj-a.gguf']), / \*mmproj-a\.gguf\n$/, 'binary mode marks the name with *');
    assert.equal(text.get('model a.gguf'), run(['model a.gguf']).slice(0, 64));
  });

  test('a name sha256sum escapes (a backslash or newline in it) is read back unescaped', () => {
    const name = 'odd\\name.gguf';
    writeFileSync(path.join(dir, name), 'x');
    const line = execFileSync('sha256sum', [name], { cwd: dir, encoding: 'utf8' });
    assert.ok(line.startsWith('\\'), 'sha256sum escapes the line');
    assert.ok(parseSha256Sums(line).has(name));
  });

  test('blank lines, comments, CRLF, upper-case hex, a BOM and "./" prefixes are accepted', () => {
    const sums = parseSha256Sums(`\uFEFF# made on the download PC\r\n${H1.toUpperCase()}  ./a.gguf\r\n\r\n${H2} *sub/b.gguf\n`);
    assert.equal(sums.get('a.gguf'), H1);
    assert.equal(sums.get('sub/b.gguf'), H2);
  });

  test('a line that is not a checksum line is refused with its number; conflicting duplicates too', () => {
    assert.throws(() => parseSha256Sums(`${H1}  a.gguf\nnot a checksum\n`, 'SHA256SUMS'),
      (e: unknown) => e instanceof InputError && /Line 2 of SHA256SUMS/.test(e.message));
    assert.throws(() => parseSha256Sums(`${H1.slice(0, 63)}  a.gguf\n`), /Line 1/);
    assert.throws(() => parseSha256Sums(`${H1}  a.gguf\n${H2}  a.gguf\n`), /twice with different checksums \(line 2\)/);
    assert.equal(parseSha256Sums(`${H1}  a.gguf\n${H1} *a.gguf\n`).size, 1, 'the same entry twice is fine');
  });
});

describe('readSha256Sums', () => {
  test('finds the list beside the files, whatever its case, and looks names up', () => {
    const d = mkdtempSync(path.join(dir, 'stick-'));
    assert.equal(readSha256Sums(d), null);
    writeFileSync(path.join(d, 'sha256sums.txt'), `${H1}  a.gguf\n`);
    const s = readSha256Sums(d)!;
    assert.equal(s.fileName, 'sha256sums.txt');
    assert.equal(listedHash(s, 'a.gguf'), H1);
    assert.equal(listedHash(s, 'b.gguf'), undefined);
    assert.equal(listedHash(null, 'a.gguf'), undefined);
  });
});
