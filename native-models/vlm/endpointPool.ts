/**
 * Several model servers as one (a hospital's GPU pool: llama-server or vLLM instances, each OpenAI-compatible
 * with its own concurrency limit). The serving engines do the distributed work; this only spreads requests:
 *
 * - Back-pressure: a request waits for a free slot on a server in rotation, never more in flight on a server
 *   than its limit.
 * - Prefix reuse: the pipeline pins a segment's questions to one slot (`id_slot`, for the server's prompt
 *   cache); pool slot k belongs to one server and is sent there as that server's own slot number.
 * - Failure: a server that fails (connection refused, timeout, 5xx) is taken out of rotation and the request
 *   is asked again on another; the server is tried again after a back-off (doubling, at most a minute) and
 *   is back in rotation once it answers. A request the server understood and refused (4xx) is not retried.
 *   When every server is out, the pool waits for the first back-off and tries that server again, up to a
 *   bounded number of attempts.
 */
import { BackendError, CancelledError, throwIfCancelled } from '../errors.ts';
import { RequestRejectedError, type ChatCompleter, type ChatRequest, type ChatResponse } from './chatClient.ts';


export interface PoolMember {
  /** Shown in messages (scheme, host and port: no credentials). */
  label: string;
  /** Requests this server takes at once. */
  slots: number;
  /** That server's client, with a single attempt: the pool does the retrying. */
  client: ChatCompleter;
}

export interface EndpointPoolOptions {
  /** First back-off after a failure (default 2 s), doubled per consecutive failure up to `maxBackoffMs` (60 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Most tries of one request across the pool (default: 2 per server + 2). */
  maxAttempts?: number;
  /** Where "taken out of rotation" and "back in rotation" are said. */
  onNotice?: (message: string) => void;
  /** Clock (tests). */
  now?: () => number;
}

interface MemberState extends PoolMember {
  index: number;
  /** First pool slot number of this server. */
  firstSlot: number;
  active: number;
  failures: number;
  /** In rotation again from this time (0: in rotation). */
  downUntil: number;
  asked: number;
}

export class EndpointPool implements ChatCompleter {
  readonly #members: MemberState[];
  readonly #waiters = new Set<() => void>();
  readonly #o: Required<Omit<EndpointPoolOptions, 'onNotice'>> & Pick<EndpointPoolOptions, 'onNotice'>;

  constructor(members: readonly PoolMember[], options: EndpointPoolOptions = {}) {
    if (!members.length) throw new BackendError('A model server pool needs at least one server.');
    let next = 0;
    this.#members = members.map((m, index) => {
      if (!Number.isInteger(m.slots) || m.slots < 1) throw new BackendError(`The model server ${m.label} must take at least one request at a time (got ${m.slots}).`);
      const s: MemberState = { ...m, index, firstSlot: next, active: 0, failures: 0, downUntil: 0, asked: 0 };
      next += m.slots;
      return s;
    });
    this.#o = { backoffMs: 2000, maxBackoffMs: 60_000, maxAttempts: 2 * members.length + 2, now: Date.now, ...options };
  }

  /** Requests the pool takes at once: the pipeline's parallel slots. */
  get totalSlots(): number {
    return this.#members.reduce((n, m) => n + m.slots, 0);
  }

  /** Requests each server answered (for reports and tests). */
  get askedPerServer(): Array<{ label: string; asked: number; inRotation: boolean }> {
    const now = this.#o.now();
    return this.#members.map((m) => ({ label: m.label, asked: m.asked, inRotation: m.downUntil <= now }));
  }

  async complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    const tried: string[] = [];
    let lastError: unknown = null;
    for (let attempt = 1; attempt <= this.#o.maxAttempts; attempt++) {
      const member = await this.#acquire(request.id_slot, signal);
      const local = request.id_slot === undefined ? undefined : this.#localSlot(member, request.id_slot);
      try {
        const response = await member.client.complete(local === undefined ? withoutSlot(request) : { ...request, id_slot: local }, signal);
        member.asked++;
        if (member.failures > 0) this.#o.onNotice?.(`Model server ${member.label} answers again: back in rotation.`);
        member.failures = 0;
        member.downUntil = 0;
        return response;
      } catch (e) {
        if (e instanceof CancelledError || signal?.aborted) throw new CancelledError();
        if (e instanceof RequestRejectedError || (e instanceof BackendError && e.setting === 'apiKey')) throw e;
        lastError = e;
        tried.push(member.label);
        member.failures++;
        const backoff = Math.min(this.#o.maxBackoffMs, this.#o.backoffMs * 2 ** (member.failures - 1));
        member.downUntil = this.#o.now() + backoff;
        this.#o.onNotice?.(`Model server ${member.label} failed (${(e as Error).message}); taken out of rotation for ${Math.round(backoff / 1000)} s, asking another.`);
      } finally {
        member.active--;
        this.#wake();
      }
    }
    throw new BackendError(`No model server of the pool answered (${[...new Set(tried)].join(', ')}): ${(lastError as Error | null)?.message ?? 'no answer'}`,
      { hint: 'Check that the servers are running and reachable; the answers given so far are cached.' });
  }

  /** The server-local slot for a pool slot: its own server's when that is in rotation, else one of the server's slots. */
  #localSlot(member: MemberState, poolSlot: number): number {
    const own = poolSlot - member.firstSlot;
    return own >= 0 && own < member.slots ? own : poolSlot % member.slots;
  }

  /** Waits for a server in rotation with a free slot: the pinned slot's server first, else the least loaded. */
  async #acquire(poolSlot: number | undefined, signal?: AbortSignal): Promise<MemberState> {
    for (;;) {
      throwIfCancelled(signal);
      const now = this.#o.now();
      const up = this.#members.filter((m) => m.downUntil <= now && m.active < m.slots);
      const pinned = poolSlot === undefined ? undefined : up.find((m) => poolSlot >= m.firstSlot && poolSlot < m.firstSlot + m.slots);
      const chosen = pinned ?? up.sort((a, b) => a.active / a.slots - b.active / b.slots || a.index - b.index)[0];
      if (chosen) { chosen.active++; return chosen; }
      // Nothing free: wait for a slot to be released, or for the first server out of rotation to be tried again.
      const out = this.#members.filter((m) => m.downUntil > now);
      const wakeAt = out.length && out.every((m) => m.active >= m.slots || m.downUntil > now) && this.#members.every((m) => m.downUntil > now || m.active >= m.slots)
        ? Math.min(...out.map((m) => m.downUntil)) : Infinity;
      await this.#wait(Number.isFinite(wakeAt) ? Math.max(0, wakeAt - now) : null, signal);
    }
  }

  #wait(ms: number | null, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => { clearTimeout(timer); this.#waiters.delete(done); signal?.removeEventListener('abort', done); resolve(); };
      const timer = ms === null ? undefined : setTimeout(done, ms);
      this.#waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  #wake(): void {
    for (const w of [...this.#waiters]) w();
  }
}

function withoutSlot(r: ChatRequest): ChatRequest {
  const { id_slot: _drop, ...rest } = r;
  return rest;
}
