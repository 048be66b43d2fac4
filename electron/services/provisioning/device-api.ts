/**
 * What every client of the provisioning service's device-token API shares (presence, chat): a
 * server-sent event stream kept open with backoff and a silence watchdog, and JSON requests whose
 * answers are typed results. Never throws for what the network or the service does.
 */
import type { z } from 'zod';
import { SseParser } from '../presence/sse-parser.ts';

export type StreamState = 'connecting' | 'live' | 'offline' | 'unauthorized';

export type DeviceApiOptions = {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Backoff after a dropped stream: first wait, doubling up to the maximum. */
  retryMs?: number;
  maxRetryMs?: number;
  /** The service pings every 15 s; a stream silent for longer than this is taken as dead. */
  silenceMs?: number;
};

export type RequestResult<T> = { ok: true; value: T } | { ok: false; code: string; title: string };

export type StreamHandlers = {
  /** One event; answers true when it was the stream's full state (the stream is then live, the backoff resets). */
  event(name: string, data: string): boolean;
  state(state: StreamState): void;
};

export class DeviceApi {
  readonly #base: string;
  readonly #options: DeviceApiOptions;
  readonly #fetch: typeof fetch;
  #abort: AbortController | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #running = false;

  constructor(options: DeviceApiOptions) {
    this.#options = options;
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? fetch;
  }

  /** Opens the stream at `path` and keeps it open (reconnecting) until stop(). */
  keepStream(path: string, handlers: StreamHandlers): void {
    if (this.#running) return;
    this.#running = true;
    void this.#loop(path, handlers);
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#retryTimer);
    this.#abort?.abort();
    this.#abort = null;
  }

  async #loop(path: string, handlers: StreamHandlers): Promise<void> {
    const first = this.#options.retryMs ?? 1000;
    let wait = first;
    while (this.#running) {
      handlers.state('connecting');
      const outcome = await this.#streamOnce(path, handlers, () => (wait = first));
      if (!this.#running) return;
      if (outcome === 'unauthorized') {
        this.#running = false;
        handlers.state('unauthorized');
        return;
      }
      handlers.state('offline');
      await new Promise<void>((resolve) => {
        this.#retryTimer = setTimeout(resolve, wait);
        this.#retryTimer.unref?.();
      });
      wait = Math.min(wait * 2, this.#options.maxRetryMs ?? 30_000);
    }
  }

  async #streamOnce(path: string, handlers: StreamHandlers, onFull: () => void): Promise<'ended' | 'unauthorized'> {
    const abort = new AbortController();
    this.#abort = abort;
    const silenceMs = this.#options.silenceMs ?? 45_000;
    let silence: ReturnType<typeof setTimeout> | undefined;
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(() => abort.abort(), silenceMs);
      silence.unref?.();
    };
    try {
      heard();
      const response = await this.#fetch(`${this.#base}${path}`, {
        headers: { authorization: `Bearer ${this.#options.token}`, accept: 'text/event-stream' },
        signal: abort.signal,
      });
      if (response.status === 401 || response.status === 403) return 'unauthorized';
      if (!response.ok || !response.body) return 'ended';
      const parser = new SseParser();
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'ended';
        heard();
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          if (!handlers.event(event.event, event.data)) continue;
          onFull();
          handlers.state('live');
        }
      }
    } catch {
      return 'ended';
    } finally {
      clearTimeout(silence);
      abort.abort();
    }
  }

  /** POSTs raw bytes (an image upload; the service reads its type from the content) and reads a JSON answer. */
  async upload<T>(
    path: string,
    bytes: Uint8Array,
    schema: z.ZodType<T>,
    timeoutMs = 60_000,
  ): Promise<RequestResult<T>> {
    return this.#json(schema, () =>
      this.#fetch(`${this.#base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.#options.token}`, 'content-type': 'application/octet-stream' },
        // A copy on its own ArrayBuffer: what fetch's BodyInit takes (a Buffer may share a pooled one).
        body: new Uint8Array(bytes),
        signal: AbortSignal.timeout(timeoutMs),
      }),
    );
  }

  /** GETs bytes (an image) with their Content-Type; a refusal reads as a problem like request's. */
  async download(path: string, timeoutMs = 60_000): Promise<RequestResult<{ type: string; bytes: Buffer }>> {
    try {
      const response = await this.#fetch(`${this.#base}${path}`, {
        headers: { authorization: `Bearer ${this.#options.token}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) return problemOf(response, await response.json().catch(() => null));
      const type = response.headers.get('content-type') ?? '';
      return { ok: true, value: { type, bytes: Buffer.from(await response.arrayBuffer()) } };
    } catch {
      return { ok: false, code: 'server-unreachable', title: 'The switchboard cannot be reached.' };
    }
  }

  async #json<T>(schema: z.ZodType<T>, send: () => Promise<Response>): Promise<RequestResult<T>> {
    try {
      const response = await send();
      const json: unknown = await response.json().catch(() => null);
      if (!response.ok) return problemOf(response, json);
      const parsed = schema.safeParse(json);
      return parsed.success
        ? { ok: true, value: parsed.data }
        : { ok: false, code: 'malformed', title: 'The service sent an answer the app cannot read.' };
    } catch {
      return { ok: false, code: 'server-unreachable', title: 'The switchboard cannot be reached.' };
    }
  }

  async request<T>(method: string, path: string, body: unknown, schema: z.ZodType<T>): Promise<RequestResult<T>> {
    try {
      const response = await this.#fetch(`${this.#base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#options.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
      });
      const json: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        const problem = (json ?? {}) as { code?: unknown; title?: unknown };
        return {
          ok: false,
          code: typeof problem.code === 'string' ? problem.code : `http-${response.status}`,
          title: typeof problem.title === 'string' ? problem.title : response.statusText,
        };
      }
      const parsed = schema.safeParse(json);
      return parsed.success
        ? { ok: true, value: parsed.data }
        : { ok: false, code: 'malformed', title: 'The service sent an answer the app cannot read.' };
    } catch {
      return { ok: false, code: 'server-unreachable', title: 'The switchboard cannot be reached.' };
    }
  }
}

function problemOf(response: Response, json: unknown): { ok: false; code: string; title: string } {
  const problem = (json ?? {}) as { code?: unknown; title?: unknown };
  return {
    ok: false,
    code: typeof problem.code === 'string' ? problem.code : `http-${response.status}`,
    title: typeof problem.title === 'string' ? problem.title : response.statusText,
  };
}

/** An event's JSON checked against its schema; null when it is not JSON or not that shape (dropped, not fatal). */
export function parseEventData<T>(data: string, schema: z.ZodType<T>): T | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** One named event of a stream: its schema and what to do with it; `fullState` for the stream's whole state. */
export type StreamEvent = { fullState: boolean; take(data: string): boolean };

export function onEvent<T>(schema: z.ZodType<T>, take: (value: T) => void, fullState = false): StreamEvent {
  return {
    fullState,
    take: (data) => {
      const value = parseEventData(data, schema);
      if (value === null) return false;
      take(value);
      return true;
    },
  };
}

/**
 * A stream's `event` handler from a table of its named events, each checked with its schema. A malformed or
 * unknown event is dropped, not fatal: the next full state repairs anything missed.
 */
export function eventTable(table: Readonly<Record<string, StreamEvent>>): StreamHandlers['event'] {
  return (name, data) => {
    const entry = Object.hasOwn(table, name) ? table[name] : undefined;
    return entry !== undefined && entry.take(data) && entry.fullState;
  };
}
