/**
 * One OpenAI-compatible chat client for the local llama-server sidecar and for a remote endpoint the user
 * configured (a GPU server running llama-server or vLLM). It never talks to any other address.
 */
import { BackendError, CancelledError } from '../errors.ts';

export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  | { type: 'input_audio'; input_audio: { data: string; format: 'wav' | 'mp3' } };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | ContentPart[];
}

export interface ChatRequest {
  messages: ChatMessage[];
  max_tokens: number;
  temperature?: number;
  seed?: number;
  /** llama-server: GBNF grammar constraining the output. */
  grammar?: string;
  /** vLLM and other OpenAI-compatible servers: JSON schema constraint. */
  response_format?: { type: 'json_schema'; json_schema: { name: string; strict: boolean; schema: object } };
  cache_prompt?: boolean;
  /** llama-server: pin the request to a slot so its prompt cache is reused. */
  id_slot?: number;
}

export interface ChatResponse {
  content: string;
  finishReason: string | null;
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens served from the server's prompt cache (llama-server reports them). */
  cachedTokens: number;
  /** Prompt tokens the server actually evaluated (llama-server timings.prompt_n), when reported. */
  evaluatedPromptTokens: number | null;
}

export interface ChatClientOptions {
  /** Server address, or a function giving the current one (a restarted sidecar may listen on a new port). */
  baseUrl: string | (() => string);
  apiKey?: string;
  /** Model name sent in the request (remote servers need it; llama-server ignores it). */
  model?: string;
  /** Per-request timeout (default 10 minutes: a CPU encoding 60 frames is slow). */
  timeoutMs?: number;
  /** Attempts for transient failures: connection refused/reset, 5xx, timeouts (default 4). */
  attempts?: number;
  /** Called before retrying after a transient failure, e.g. to restart a crashed sidecar. */
  beforeRetry?: (error: Error, attempt: number) => Promise<void>;
}

class TransientError extends Error {}

/** The server understood and refused this one request (e.g. prompt longer than the context): the answer fails, the run goes on. */
export class RequestRejectedError extends BackendError {}

/** What asking a model needs: one server's client, or a pool of servers (vlm/endpointPool.ts). */
export interface ChatCompleter {
  complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse>;
}

export class ChatClient implements ChatCompleter {
  constructor(private readonly options: ChatClientOptions) {
    const u = new URL(this.endpoint);
    if (!/^https?:$/.test(u.protocol)) throw new BackendError(`Endpoint "${options.baseUrl}" must be an http(s) URL.`);
  }

  get endpoint(): string {
    const b = this.options.baseUrl;
    return typeof b === 'function' ? b() : b;
  }

  async complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    const attempts = this.options.attempts ?? 4;
    let lastError: Error | null = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (signal?.aborted) throw new CancelledError();
      try {
        return await this.once(request, signal);
      } catch (e) {
        if (e instanceof CancelledError || signal?.aborted) throw new CancelledError();
        if (!(e instanceof TransientError)) throw e;
        lastError = e;
        if (attempt < attempts) {
          await new Promise((r) => setTimeout(r, Math.min(4000, 250 * 2 ** (attempt - 1))));
          await this.options.beforeRetry?.(e, attempt);
        }
      }
    }
    throw new BackendError(`The model server did not answer after ${attempts} attempts: ${lastError?.message}`);
  }

  private async once(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 10 * 60_000);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await fetch(new URL('/v1/chat/completions', this.endpoint), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
        },
        body: JSON.stringify({ ...(this.options.model ? { model: this.options.model } : {}), ...request }),
        signal: combined,
      });
    } catch (e) {
      if (signal?.aborted) throw new CancelledError();
      if (timeout.aborted) throw new TransientError('request timed out');
      throw new TransientError(`connection failed (${causeOf(e)})`);
    }
    const text = await res.text().catch((e) => { throw new TransientError(`connection dropped (${causeOf(e)})`); });
    if (res.status >= 500 || res.status === 429 || res.status === 408) {
      throw new TransientError(`HTTP ${res.status}: ${text.slice(0, 200)}`);
    }
    if (res.status === 401 || res.status === 403) {
      throw new BackendError(`The model server refused the API key (HTTP ${res.status}).`, { setting: 'apiKey', hint: 'Check the API key the server was given.' });
    }
    if (!res.ok) throw new RequestRejectedError(`The model server rejected the request (HTTP ${res.status}): ${text.slice(0, 300)}`);
    let body: {
      choices?: Array<{ message?: { content?: string }; finish_reason?: string }>;
      usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } };
      timings?: { prompt_n?: number; cache_n?: number };
    };
    try {
      body = JSON.parse(text);
    } catch {
      throw new TransientError('the server sent a malformed response');
    }
    const choice = body.choices?.[0];
    return {
      content: choice?.message?.content ?? '',
      finishReason: choice?.finish_reason ?? null,
      promptTokens: body.usage?.prompt_tokens ?? 0,
      completionTokens: body.usage?.completion_tokens ?? 0,
      cachedTokens: body.usage?.prompt_tokens_details?.cached_tokens ?? body.timings?.cache_n ?? 0,
      evaluatedPromptTokens: body.timings?.prompt_n ?? null,
    };
  }
}

function causeOf(e: unknown): string {
  const err = e as { cause?: { code?: string; message?: string }; message?: string };
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
}
