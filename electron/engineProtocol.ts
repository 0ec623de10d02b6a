/**
 * The messages between the main process and the engine's utility process (electron/engineProcess.ts): a call
 * (request id, channel, raw input), its reply (the output, or the error with its class, hint, setting and
 * exit code, so the renderer shows the engine's own message), and the events a call emits. Both ends are
 * here, over a minimal port interface, so the loop is unit-tested with a fake port in plain Node.
 */
import { fromErrorPayload, toErrorPayload, type ErrorPayload } from '../native-models/errors.ts';
import { API_CHANNELS, type ApiChannel, type ApiEventName, type ApiEvents, type ApiOutputs } from '../native-models/contract/reviewApi.ts';
import type { ServiceMethods as ReviewService } from './ipcHandlers.ts';
import type { ReviewServiceOptions } from '../native-models/session/reviewService.ts';

export interface EngineCall { type: 'call'; id: number; channel: ApiChannel; input: unknown }
/** An engine error as data (native-models/errors.ts): class, message, hint, setting, exit code. */
export type SerializedError = ErrorPayload;
export type EngineReply =
  | { type: 'reply'; id: number; ok: true; output: unknown }
  | { type: 'reply'; id: number; ok: false; error: SerializedError };
export interface EngineEvent { type: 'event'; id: number; event: ApiEventName; payload: unknown }
export type EngineMessage = EngineReply | EngineEvent;

/** The engine's side of the channel: Electron's `process.parentPort` has this shape. */
export interface EnginePort {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(message: EngineMessage): void;
}

/** A bug keeps its message only (no stack with paths crosses the process boundary). */
export const serializeError = (e: unknown): SerializedError => toErrorPayload(e);

/** The error again, as the engine's own class (CancelledError included), or a plain Error for a bug. */
export const deserializeError = (s: SerializedError): Error => fromErrorPayload(s);

function isCall(m: unknown): m is EngineCall {
  const c = m as EngineCall;
  return Boolean(c && typeof c === 'object' && c.type === 'call' && Number.isSafeInteger(c.id) && API_CHANNELS.includes(c.channel));
}

/** Runs the engine's message loop: each call goes to the review service; its events and reply go back. */
export function serveEngine(port: EnginePort, service: ReviewService): void {
  port.on('message', ({ data }) => {
    if (!isCall(data)) return; // not ours: main only sends calls
    const { id, channel, input } = data;
    const emit = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => port.postMessage({ type: 'event', id, event, payload });
    service[channel](input, emit).then(
      (output) => port.postMessage({ type: 'reply', id, ok: true, output }),
      (e: unknown) => port.postMessage({ type: 'reply', id, ok: false, error: serializeError(e) }),
    );
  });
}

/** Main's side: send a message to the engine, and receive its messages. */
export interface EngineLink {
  postMessage(message: EngineCall): void;
  onMessage(listener: (message: unknown) => void): void;
}

export type EngineClient = ReviewService & {
  /** Fails every call still waiting (the engine process exited). */
  failPending(error: Error): void;
};

/** Main's proxy of the review service: same shape, each call forwarded to the engine process. */
export function createEngineClient(link: EngineLink): EngineClient {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; emit: Parameters<ReviewService[ApiChannel]>[1] }>();
  link.onMessage((m) => {
    const msg = m as EngineMessage;
    const p = msg && typeof msg === 'object' ? pending.get(msg.id) : undefined;
    if (!p) return;
    if (msg.type === 'event') { p.emit(msg.event, msg.payload as ApiEvents[typeof msg.event]); return; }
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.output); else p.reject(deserializeError(msg.error));
  });
  const call = <C extends ApiChannel>(channel: C) => (input: unknown, emit: Parameters<ReviewService[C]>[1]) =>
    new Promise<ApiOutputs[C]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, emit });
      link.postMessage({ type: 'call', id, channel, input });
    });
  const methods = Object.fromEntries(API_CHANNELS.map((c) => [c, call(c)])) as unknown as ReviewService;
  return {
    ...methods,
    failPending(error) {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    },
  };
}

/** The options main passes as the one argument (JSON) of the utility process. */
export function parseEngineArgs(argv: readonly string[]): ReviewServiceOptions {
  const arg = argv.find((a) => a.startsWith('--engine-options='));
  if (!arg) throw new Error('engineProcess: --engine-options=<json> is missing');
  const o = JSON.parse(arg.slice('--engine-options='.length)) as Partial<ReviewServiceOptions>;
  if (typeof o.analysesDir !== 'string') throw new Error('engineProcess: analysesDir is missing');
  return { analysesDir: o.analysesDir, ...(typeof o.dbPath === 'string' ? { dbPath: o.dbPath } : {}) };
}

export function engineArgs(o: ReviewServiceOptions): string[] {
  return [`--engine-options=${JSON.stringify(o)}`];
}
