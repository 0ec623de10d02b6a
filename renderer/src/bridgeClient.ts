/**
 * The review API (contract/reviewApi.ts) over the loopback review bridge (`semioscope review`): each channel
 * is a POST to /api/<channel>, the events come through one EventSource on /api/events. The page was opened
 * with the bridge's token, which left an HttpOnly cookie that these same-origin requests carry. An error
 * answer becomes a BridgeError (an ApiError) with the engine's message, hint and setting, as over IPC. Types only from the
 * contract: nothing of the engine is bundled into the page.
 */
import type { ApiChannel, ApiEventName, ApiEvents, ApiMethods, ReviewApi } from '../../native-models/contract/reviewApi.ts';
import type { ErrorPayload } from '../../native-models/errors.ts';
import { ApiError } from './apiError.ts';

/** An engine error as the bridge reported it, with the HTTP status it came with. */
export class BridgeError extends ApiError {
  constructor(payload: ErrorPayload, readonly status: number) {
    super(payload);
  }
}

export function createBridgeClient(base = ''): ReviewApi {
  const listeners = new Map<ApiEventName, Set<(payload: never) => void>>();
  let source: EventSource | null = null;
  let opened: Promise<void> | null = null;

  const connect = () => {
    if (source) return;
    source = new EventSource(`${base}/api/events`);
    opened = new Promise<void>((resolve) => {
      source!.addEventListener('open', () => resolve(), { once: true });
      // Never keep a call waiting on a stream that cannot open: the call goes ahead, events may be missed.
      source!.addEventListener('error', () => resolve(), { once: true });
    });
    for (const event of listeners.keys()) listen(event);
  };
  const listen = (event: ApiEventName) => {
    source?.addEventListener(event, (m) => {
      const payload = JSON.parse((m as MessageEvent<string>).data) as never;
      for (const l of listeners.get(event) ?? []) l(payload);
    });
  };

  const subscribe = <E extends ApiEventName>(event: E) => (listener: (payload: ApiEvents[E]) => void): (() => void) => {
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
      listen(event);
    }
    set.add(listener as (payload: never) => void);
    connect();
    return () => {
      set!.delete(listener as (payload: never) => void);
      if ([...listeners.values()].every((s) => s.size === 0)) { source?.close(); source = null; opened = null; }
    };
  };

  const call = <C extends ApiChannel>(channel: C) => (async (input: unknown) => {
    // A subscription made just before the call gets the call's first events: wait for its stream to open.
    if (opened) await opened;
    const res = await fetch(`${base}/api/${channel}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: input === undefined ? {} : { 'content-type': 'application/json' },
      body: input === undefined ? undefined : JSON.stringify(input),
    });
    if (res.status === 204) return undefined;
    const body = await res.json().catch(() => null) as { error?: ErrorPayload } | null;
    if (!res.ok) {
      throw new BridgeError(body?.error ?? { name: 'Error', message: `The review bridge answered HTTP ${res.status}.`, exitCode: 1 }, res.status);
    }
    return body;
  }) as ApiMethods[C];

  return {
    'analysis:start': call('analysis:start'),
    'analysis:cancel': call('analysis:cancel'),
    'media:open': call('media:open'),
    'catalogue:get': call('catalogue:get'),
    'recordings:list': call('recordings:list'),
    'analysis:open': call('analysis:open'),
    'models:check': call('models:check'),
    'models:list': call('models:list'),
    'models:import': call('models:import'),
    'review:get': call('review:get'),
    'review:record': call('review:record'),
    'review:export': call('review:export'),
    'review:disagreements': call('review:disagreements'),
    'media:peaks': call('media:peaks'),
    'media:stills': call('media:stills'),
    'on:analysis:progress': subscribe('analysis:progress'),
    'on:analysis:plan': subscribe('analysis:plan'),
    'on:analysis:answer': subscribe('analysis:answer'),
    'on:models:progress': subscribe('models:progress'),
  } satisfies ReviewApi;
}
