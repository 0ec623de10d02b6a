/**
 * The loopback review bridge: the review API (contract/reviewApi.ts, implemented once in
 * session/reviewService.ts) served over HTTP on 127.0.0.1 by the engine process, with the built renderer, so
 * the review app runs in any browser (and in tests, in Chromium) without Electron.
 *
 *   POST /api/<channel>  JSON input -> JSON output (204 when the channel returns nothing); errors as
 *                        {error: {name, message, hint, setting, exitCode}} (errorReply.ts for the statuses)
 *   GET  /api/events     the API's events as Server-Sent Events
 *   GET  /media/<id>     a file the user opened through `media:open` (an id, never a path), with Range
 *   GET  anything else   the renderer (serveRenderer.ts), with a strict CSP
 *
 * Every request needs the bridge's random token and the bridge's own Host (and Origin, when sent):
 * bridgeAccess.ts. `close()` (or `await using`) cancels a running analysis, waits for it to release the model
 * server, ends the event streams and closes the server.
 */
import { realpath, open } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_CHANNELS, type ApiChannel } from '../contract/reviewApi.ts';
import { InputError, UsageError } from '../errors.ts';
import { debugLog } from '../log.ts';
import { createReviewService, type ReviewServiceOptions } from '../session/reviewService.ts';
import { checkAccess, newBridgeToken, tokenCookie } from './bridgeAccess.ts';
import { errorReply, refusal } from './errorReply.ts';
import { EventStreams, MAX_EVENT_STREAMS } from './eventStreams.ts';
import { BodyTooLargeError, MAX_BODY_BYTES, readJsonBody } from './readJsonBody.ts';
import { parseRequestPath } from './requestPath.ts';
import { sendFile } from './sendFile.ts';
import { openRendererFile, RENDERER_HEADERS } from './serveRenderer.ts';

export interface ReviewBridgeOptions extends Omit<ReviewServiceOptions, 'mediaUrl'> {
  /** The built renderer's folder (holding index.html). */
  rendererDir: string;
  /** TCP port on 127.0.0.1 (default 0: a free one the system picks). */
  port?: number;
  /** Largest request body accepted (default 1 MiB); bigger is 413. */
  maxBodyBytes?: number;
  /** Most open event streams (default 8); more is 429. */
  maxEventStreams?: number;
  /** Most open connections (default 64). */
  maxConnections?: number;
}

export interface ReviewBridge extends AsyncDisposable {
  /** http://127.0.0.1:<port>/?token=... : the link to open. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const API_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

export async function startReviewBridge(o: ReviewBridgeOptions): Promise<ReviewBridge> {
  const port = o.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`The port must be a whole number from 0 to 65535 (got ${port}).`, { setting: 'port' });
  const rendererReal = await realpath(o.rendererDir).catch(() => {
    throw new InputError('The built renderer folder does not exist.', { setting: 'rendererDir', hint: 'Build the renderer first (electron-vite build) or give the folder that holds its index.html.' });
  });
  const service = createReviewService({ dbPath: o.dbPath, analysesDir: o.analysesDir, mediaUrl: (id) => `/media/${id}` });
  const token = newBridgeToken();
  const events = new EventStreams(o.maxEventStreams ?? MAX_EVENT_STREAMS);
  const inflight = new Set<Promise<unknown>>();
  const maxBody = o.maxBodyBytes ?? MAX_BODY_BYTES;
  let boundPort = port;
  let closing: Promise<void> | null = null;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...API_HEADERS, ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  };

  async function callChannel(channel: ApiChannel, req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw: unknown;
    try {
      raw = await readJsonBody(req, maxBody);
    } catch (e) {
      if (e instanceof BodyTooLargeError) { json(res, 413, refusal(e.message), { connection: 'close' }); req.resume(); return; }
      throw e;
    }
    const work = service[channel](raw, (event, payload) => events.send(event, payload));
    inflight.add(work);
    try {
      const out = await work;
      if (out === undefined) { res.writeHead(204, API_HEADERS); res.end(); } else json(res, 200, out);
    } finally {
      inflight.delete(work);
    }
  }

  async function serveMedia(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The file is served only while it still resolves to what was opened (a symlink swapped since is refused).
    const opened = await service.openedMedia.resolve(id);
    if (typeof opened === 'string') return json(res, 404, refusal('No such recording is open.'));
    const file = await open(opened.realPath, 'r').catch(() => null);
    if (!file) return json(res, 404, refusal('The recording can no longer be read.'));
    if (!(await file.stat()).isFile()) { await file.close(); return json(res, 404, refusal('No such recording is open.')); }
    await sendFile(req, res, file, opened.contentType, { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'same-origin' });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = parseRequestPath(req.url);
    if (!target) return json(res, 400, refusal('This address is not allowed.'));
    const access = checkAccess(req.headers, target.query, boundPort, token);
    if (!access.ok) return json(res, access.status, refusal(access.message));
    const [top, name, ...rest] = target.segments;
    const method = req.method ?? 'GET';
    if (top === 'api') {
      if (name === 'events' && rest.length === 0) {
        if (method !== 'GET') return json(res, 405, refusal('Use GET for the event stream.'), { allow: 'GET' });
        if (closing) return json(res, 503, refusal('The review bridge is closing.'));
        if (!events.open(res, API_HEADERS)) json(res, 429, refusal('Too many open event streams: close other review tabs.'));
        return;
      }
      if (name === undefined || rest.length || !API_CHANNELS.includes(name as ApiChannel)) return json(res, 404, refusal(`Unknown API channel "${String(name ?? '').slice(0, 60)}".`));
      if (method !== 'POST') return json(res, 405, refusal('Use POST for API calls.'), { allow: 'POST' });
      if (closing) return json(res, 503, refusal('The review bridge is closing.'));
      return callChannel(name as ApiChannel, req, res);
    }
    if (method !== 'GET' && method !== 'HEAD') return json(res, 405, refusal('Only GET and HEAD are allowed here.'), { allow: 'GET, HEAD' });
    if (top === 'media') {
      if (name === undefined || rest.length || !/^[0-9a-f]{32}$/.test(name)) return json(res, 404, refusal('No such recording is open.'));
      return serveMedia(name, req, res);
    }
    const found = await openRendererFile(rendererReal, target.segments);
    if (!found) return json(res, 404, refusal('Not found.'));
    const headers = { ...RENDERER_HEADERS, ...(access.viaQuery ? { 'set-cookie': tokenCookie(boundPort, token) } : {}) };
    await sendFile(req, res, found.file, found.contentType, headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const { status, body } = errorReply(e);
      if (status === 500) debugLog(`review bridge: ${(e as Error)?.stack ?? String(e)}`);
      if (res.headersSent) { res.destroy(); return; }
      json(res, status, body);
    });
  });
  server.maxConnections = o.maxConnections ?? 64;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE'
      ? new UsageError(`Port ${port} on 127.0.0.1 is already in use.`, { setting: 'port', hint: 'Give another port, or 0 for any free one.' })
      : e));
    server.listen(port, '127.0.0.1', () => resolve());
  });
  boundPort = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${boundPort}`;

  const close = (): Promise<void> => {
    closing ??= (async () => {
      // A running analysis is cancelled (its answers stay cached) and allowed to release its model server.
      if (inflight.size) await service['analysis:cancel'](undefined, () => {}).catch(() => {});
      await Promise.allSettled([...inflight]);
      await service.stills.cancel();
      events.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      });
    })();
    return closing;
  };

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port: boundPort,
    token,
    close,
    [Symbol.asyncDispose]: close,
  };
}
