/**
 * Test helper (a named fake, for what a real llama-server cannot be made to do on cue): an OpenAI-compatible
 * chat server on 127.0.0.1 whose every answer follows a script. Each POST /v1/chat/completions takes the next
 * step (an answer, an HTTP error, a malformed body, a stall that never answers, a dropped connection); when the
 * script is used up, `fallback` decides. Every request is recorded (headers, parsed body) for assertions.
 * GET /health answers 200 like llama-server's. close() ends stalled requests too.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
}

export type ScriptStep =
  /** 200 with `content` (a string as is, anything else JSON-encoded) in choices[0].message.content. */
  | { kind: 'answer'; content: unknown; usage?: Usage; timings?: { prompt_n?: number; cache_n?: number }; finishReason?: string }
  /** Any HTTP status with a JSON error body (or the body given). */
  | { kind: 'status'; status: number; body?: string }
  /** 200 whose body is not JSON. */
  | { kind: 'malformed' }
  /** Reads the request and never answers (until the client gives up or the server closes). */
  | { kind: 'stall' }
  /** Reads the request and destroys the connection without a response. */
  | { kind: 'drop' };

export type AnswerStep = Extract<ScriptStep, { kind: 'answer' }>;

export interface RecordedRequest {
  /** 0-based position among chat requests (the script step it took). */
  index: number;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: ChatBody;
  step: ScriptStep;
}

/** What the engine sends (the fields tests look at). */
export interface ChatBody {
  model?: string;
  messages: Array<{ role: string; content: string | Array<{ type: string; text?: string; image_url?: { url: string } }> }>;
  max_tokens?: number;
  temperature?: number;
  seed?: number;
  grammar?: string;
  response_format?: { type: string; json_schema: { name: string; schema: { properties?: Record<string, unknown> } } };
  cache_prompt?: boolean;
  id_slot?: number;
  [k: string]: unknown;
}

export interface ScriptedChatServer {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** Chat requests in arrival order. */
  readonly requests: RecordedRequest[];
  /** Requests to any other path (should stay empty for the chat client). */
  readonly otherRequests: Array<{ method: string; url: string }>;
  /** Appends steps to the script. */
  push(...steps: ScriptStep[]): void;
  /** Steps not yet taken. */
  readonly pending: number;
  /** Resolves once `n` chat requests have arrived (bounded by `timeoutMs`, default 5 s). */
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface ScriptedChatServerOptions {
  script?: ScriptStep[];
  /** The step for a request when the script is used up (default: HTTP 500 "script exhausted"). */
  fallback?: (request: Omit<RecordedRequest, 'step'>) => ScriptStep;
}

/** One valid single-feature answer, as the engine's answer schema wants it. */
export function featureAnswer(present: boolean, justification = present ? 'Seen in several frames.' : 'Not seen in any frame.', onsetS: number | null = null): AnswerStep {
  return { kind: 'answer', content: { present, justification, onset_s: present ? onsetS : null } };
}

/** The feature ids a batched request asks (from its JSON schema), in order. */
export function batchedFeatureIds(body: ChatBody): string[] {
  return Object.keys(body.response_format?.json_schema.schema.properties ?? {});
}

/** The concatenated text parts of a request's messages (to tell which question it asks). */
export function requestText(body: ChatBody): string {
  return body.messages.map((m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => p.text ?? '').join(' '))).join('\n');
}

export async function startScriptedChatServer(options: ScriptedChatServerOptions = {}): Promise<ScriptedChatServer> {
  const script = [...(options.script ?? [])];
  const requests: RecordedRequest[] = [];
  const otherRequests: Array<{ method: string; url: string }> = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const sockets = new Set<Socket>();
  const fallback = options.fallback ?? (() => ({ kind: 'status', status: 500, body: '{"error":{"message":"script exhausted"}}' } as ScriptStep));

  const send = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = req.url ?? '/';
    if (req.method === 'GET' && url === '/health') return send(res, 200, '{"status":"ok"}');
    if (req.method !== 'POST' || url !== '/v1/chat/completions') {
      otherRequests.push({ method: req.method ?? '', url });
      return send(res, 404, '{"error":{"message":"not found"}}');
    }
    const text = Buffer.concat(chunks).toString('utf8');
    let body: ChatBody;
    try { body = JSON.parse(text) as ChatBody; } catch { body = { messages: [], raw: text }; }
    const partial = { index: requests.length, method: req.method, url, headers: req.headers, body };
    const step = script.length ? script.shift()! : fallback(partial);
    requests.push({ ...partial, step });
    for (const w of waiters.filter((x) => requests.length >= x.n)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }

    switch (step.kind) {
      case 'answer': {
        const content = typeof step.content === 'string' ? step.content : JSON.stringify(step.content);
        const usage = step.usage ?? { prompt_tokens: 100, completion_tokens: 20, prompt_tokens_details: { cached_tokens: 0 } };
        return send(res, 200, JSON.stringify({
          id: `chatcmpl-${partial.index}`, object: 'chat.completion', model: body.model ?? 'scripted',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: step.finishReason ?? 'stop' }],
          usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
          ...(step.timings ? { timings: step.timings } : {}),
        }));
      }
      case 'status':
        return send(res, step.status, step.body ?? JSON.stringify({ error: { code: step.status, message: `scripted HTTP ${step.status}` } }));
      case 'malformed':
        return send(res, 200, '{"choices": [{"message": {"content": "{\\"present\\": tr');
      case 'stall':
        return; // never answered; close() destroys the socket
      case 'drop':
        req.socket.destroy();
        return;
    }
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', resolve); });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    otherRequests,
    push: (...steps) => { script.push(...steps); },
    get pending() { return script.length; },
    waitForRequests(n, timeoutMs = 5000) {
      if (requests.length >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${requests.length} of ${n} requests arrived within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ n, resolve: () => { clearTimeout(timer); resolve(); } });
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}
