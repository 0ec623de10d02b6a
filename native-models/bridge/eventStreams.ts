/**
 * The review API's events (contract/reviewApi.ts ApiEvents) as Server-Sent Events: every open
 * `GET /api/events` stream gets every event. A bounded number of streams (a page opens one); a comment every
 * 15 s keeps idle connections alive; `closeAll()` ends them so the server can close.
 */
import type { ServerResponse } from 'node:http';
import type { ApiEvents } from '../contract/reviewApi.ts';

export const MAX_EVENT_STREAMS = 8;

export class EventStreams {
  private readonly streams = new Set<ServerResponse>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly max = MAX_EVENT_STREAMS) {}

  get size(): number {
    return this.streams.size;
  }

  /** Starts a stream on `res`; false when the limit is reached (nothing written). */
  open(res: ServerResponse, extraHeaders: Record<string, string>): boolean {
    if (this.streams.size >= this.max) return false;
    res.writeHead(200, { ...extraHeaders, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 2000\n: connected\n\n');
    this.streams.add(res);
    res.on('close', () => {
      this.streams.delete(res);
      if (this.streams.size === 0) this.stopHeartbeat();
    });
    this.heartbeat ??= setInterval(() => { for (const s of this.streams) s.write(': keep-alive\n\n'); }, 15_000).unref();
    return true;
  }

  send<E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const s of this.streams) s.write(frame);
  }

  closeAll(): void {
    this.stopHeartbeat();
    for (const s of this.streams) s.end();
    this.streams.clear();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}
