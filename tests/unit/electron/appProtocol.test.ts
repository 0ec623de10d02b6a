/**
 * The app scheme's handler on real files in a temp dir: recordings only by the id of a file the user opened,
 * Range answered (200/206/416) with the right bytes, `..`, encoded escapes and symlinks out of the allowed
 * file or the renderer folder refused; the renderer's files with the CSP header.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { answerAppRequest, mediaUrl, toResponse, type ProtocolContext } from '../../../electron/appProtocol.ts';
import { OpenedMedia } from '../../../native-models/platform/openedMedia.ts';
import { APP_SCHEME_PRIVILEGES } from '../../../electron/security/appScheme.ts';
import { RENDERER_CSP_HEADER } from '../../../native-models/platform/contentSecurityPolicy.ts';
import { InputError } from '../../../native-models/errors.ts';

const VIDEO = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

describe('app protocol handler', () => {
  let dir: string;
  let ctx: ProtocolContext;
  let videoPath: string;
  let secretPath: string;
  let id: string;
  const get = (url: string, headers: Record<string, string> = {}) => answerAppRequest('GET', url, headers, ctx);
  const body = async (url: string, headers: Record<string, string> = {}) => {
    const res = toResponse(await get(url, headers));
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'semioscope-protocol-'));
    const rendererDir = path.join(dir, 'renderer');
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
    videoPath = path.join(dir, 'rec.mp4');
    writeFileSync(videoPath, VIDEO);
    secretPath = path.join(dir, 'other-patient.mp4');
    writeFileSync(secretPath, 'not yours');
    symlinkSync(secretPath, path.join(rendererDir, 'assets', 'leak.js'));
    ctx = { rendererDir, openedFiles: new OpenedMedia() };
    id = (await ctx.openedFiles.open(videoPath)).id;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('registers the scheme as standard, secure, fetch-capable and streaming, without CSP or CORS bypass', () => {
    assert.deepEqual(APP_SCHEME_PRIVILEGES.privileges, { standard: true, secure: true, supportFetchAPI: true, stream: true, bypassCSP: false, corsEnabled: false });
  });

  it('gives an opened file an opaque id (not its path), the same id when opened again', async () => {
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(mediaUrl(id).includes('rec'), false);
    assert.equal((await ctx.openedFiles.open(videoPath)).id, id);
    await assert.rejects(ctx.openedFiles.open(path.join(dir, 'missing.mp4')), InputError);
    await assert.rejects(ctx.openedFiles.open(dir), InputError);
    await assert.rejects(ctx.openedFiles.open('relative.mp4'), InputError);
  });

  it('serves the whole recording with Accept-Ranges', async () => {
    const r = await body(mediaUrl(id));
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('accept-ranges'), 'bytes');
    assert.equal(r.headers.get('content-type'), 'video/mp4');
    assert.deepEqual(r.bytes, VIDEO);
  });

  it('answers a Range request with 206 and exactly those bytes', async () => {
    const r = await body(mediaUrl(id), { Range: 'bytes=100-199' });
    assert.equal(r.status, 206);
    assert.equal(r.headers.get('content-range'), 'bytes 100-199/1000');
    assert.equal(r.headers.get('content-length'), '100');
    assert.deepEqual(r.bytes, VIDEO.subarray(100, 200));
    const tail = await body(mediaUrl(id), { range: 'bytes=-10' });
    assert.equal(tail.status, 206);
    assert.deepEqual(tail.bytes, VIDEO.subarray(990));
    const open = await body(mediaUrl(id), { range: 'bytes=995-' });
    assert.deepEqual(open.bytes, VIDEO.subarray(995));
  });

  it('answers a range past the end with 416 and no body', async () => {
    const a = await get(mediaUrl(id), { range: 'bytes=5000-6000' });
    assert.equal(a.status, 416);
    assert.equal(a.headers['content-range'], 'bytes */1000');
    assert.equal(a.body, undefined);
  });

  it('answers HEAD without a body', async () => {
    const a = await answerAppRequest('HEAD', mediaUrl(id), {}, ctx);
    const res = toResponse(a, 'HEAD');
    assert.equal(res.status, 200);
    assert.equal(res.body, null);
    assert.equal((await answerAppRequest('POST', mediaUrl(id), {}, ctx)).status, 405);
  });

  it('serves no file the user did not open, and no file by path', async () => {
    assert.equal((await get(mediaUrl('0'.repeat(32)))).status, 404);
    assert.equal((await get(`semioscope://app/media/${encodeURIComponent(secretPath)}`)).status, 400);
    assert.equal((await get(`semioscope://app/media/${secretPath}`)).status, 404);
    assert.equal((await get(`semioscope://app/media/${id}/extra`)).status, 404);
    assert.equal((await get(`semioscope://app/media/${id.toUpperCase()}`)).status, 404);
  });

  for (const url of ['semioscope://app/media/../other-patient.mp4', 'semioscope://app/../other-patient.mp4', 'semioscope://app/assets/%2e%2e/%2e%2e/rec.mp4',
    'semioscope://app/assets%2f..%2f..%2frec.mp4', 'semioscope://app/assets/%2E%2E/index.html', 'semioscope://app/media/%2e%2e%2fother-patient.mp4',
    'semioscope://app/assets\\..\\index.html', 'semioscope://app/index.html%00.js', 'semioscope://app/%69ndex.html']) {
    it(`refuses ${url}`, async () => {
      assert.equal((await get(url)).status, 400);
    });
  }

  it('refuses another host or a port on the scheme', async () => {
    assert.equal((await get('semioscope://evil/index.html')).status, 404);
    assert.equal((await get('semioscope://app.evil/index.html')).status, 404);
    assert.equal((await get('semioscope://app:80/index.html')).status, 404);
  });

  it('refuses an opened file that was swapped for a symlink to another file', async () => {
    const swapped = path.join(dir, 'swapped.mp4');
    writeFileSync(swapped, VIDEO);
    const swappedId = (await ctx.openedFiles.open(swapped)).id;
    assert.equal((await get(mediaUrl(swappedId))).status, 200);
    unlinkSync(swapped);
    symlinkSync(secretPath, swapped);
    const a = await get(mediaUrl(swappedId));
    assert.equal(a.status, 403);
    assert.equal(a.body, undefined);
    unlinkSync(swapped);
    assert.equal((await get(mediaUrl(swappedId))).status, 404);
  });

  it("serves an opened symlink's target (the file the user chose) from its real path", async () => {
    const link = path.join(dir, 'link-to-rec.mp4');
    symlinkSync(videoPath, link);
    const linkId = (await ctx.openedFiles.open(link)).id;
    assert.equal(linkId, id, 'the same file, the same id');
  });

  it("serves the renderer's files with the CSP header, index.html for /", async () => {
    const root = await body('semioscope://app/');
    assert.equal(root.status, 200);
    assert.equal(root.headers.get('content-security-policy'), RENDERER_CSP_HEADER);
    assert.equal(root.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(root.bytes.toString(), /<title>x<\/title>/);
    const js = await body('semioscope://app/assets/index-abc.js?v=1');
    assert.equal(js.status, 200);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal((await get('semioscope://app/assets/missing.js')).status, 404);
    assert.equal((await get('semioscope://app/assets')).status, 404, 'a folder is not served');
  });

  it('refuses a symlink in the renderer folder that leads out of it', async () => {
    const a = await get('semioscope://app/assets/leak.js');
    assert.equal(a.status, 403);
    assert.equal(a.body, undefined);
  });
});
