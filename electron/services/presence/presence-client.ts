/**
 * The provisioning service's status and presence API (docs/status-and-presence.md) over fetch:
 * the event stream (GET /v1/presence/events, reconnected with backoff, a fresh snapshot each time)
 * and the three requests. Never throws for what the network or the service does: answers are
 * typed results, and everything received is checked with zod before anyone sees it.
 */
import type { z } from 'zod';
import {
  CallbackAnswerSchema,
  GroupPresenceSchema,
  PresenceSchema,
  PresenceSnapshotSchema,
  type GroupPresence,
  type Presence,
  type PresenceSnapshot,
  type RingTarget,
  type StatusRequest,
} from '../../../src/shared/presence.ts';
import { SseParser } from './sse-parser.ts';

export type StreamState = 'connecting' | 'live' | 'offline' | 'unauthorized';

export type PresenceListener = {
  snapshot(snapshot: PresenceSnapshot): void;
  presence(presence: Presence): void;
  group(group: GroupPresence): void;
  state(state: StreamState): void;
};

export type PresenceClientOptions = {
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

export class PresenceClient {
  readonly #base: string;
  readonly #options: PresenceClientOptions;
  readonly #fetch: typeof fetch;
  #abort: AbortController | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #running = false;

  constructor(options: PresenceClientOptions) {
    this.#options = options;
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? fetch;
  }

  /** Opens the stream and keeps it open (reconnecting) until stop(). */
  start(listener: PresenceListener): void {
    if (this.#running) return;
    this.#running = true;
    void this.#loop(listener);
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#retryTimer);
    this.#abort?.abort();
    this.#abort = null;
  }

  async #loop(listener: PresenceListener): Promise<void> {
    const first = this.#options.retryMs ?? 1000;
    let wait = first;
    while (this.#running) {
      listener.state('connecting');
      const outcome = await this.#streamOnce(listener, () => (wait = first));
      if (!this.#running) return;
      if (outcome === 'unauthorized') {
        this.#running = false;
        listener.state('unauthorized');
        return;
      }
      listener.state('offline');
      await new Promise<void>((resolve) => {
        this.#retryTimer = setTimeout(resolve, wait);
        this.#retryTimer.unref?.();
      });
      wait = Math.min(wait * 2, this.#options.maxRetryMs ?? 30_000);
    }
  }

  async #streamOnce(listener: PresenceListener, onSnapshot: () => void): Promise<'ended' | 'unauthorized'> {
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
      const response = await this.#fetch(`${this.#base}/v1/presence/events`, {
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
          const parsed = parseEvent(event.event, event.data);
          if (!parsed) continue;
          if (parsed.kind === 'snapshot') {
            onSnapshot();
            listener.snapshot(parsed.value);
            listener.state('live');
          } else if (parsed.kind === 'presence') listener.presence(parsed.value);
          else listener.group(parsed.value);
        }
      }
    } catch {
      return 'ended';
    } finally {
      clearTimeout(silence);
      abort.abort();
    }
  }

  setStatus(request: StatusRequest): Promise<RequestResult<Presence>> {
    return this.#request('PUT', '/v1/status', request, PresenceSchema);
  }

  setRingTarget(ringTarget: RingTarget): Promise<RequestResult<Presence>> {
    return this.#request('PUT', '/v1/ring-target', { ringTarget }, PresenceSchema);
  }

  async callback(to: string): Promise<RequestResult<{ callbackId: string }>> {
    return this.#request('POST', '/v1/callback', { to }, CallbackAnswerSchema);
  }

  async #request<T>(method: string, path: string, body: unknown, schema: z.ZodType<T>): Promise<RequestResult<T>> {
    try {
      const response = await this.#fetch(`${this.#base}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.#options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
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

type ParsedEvent =
  | { kind: 'snapshot'; value: PresenceSnapshot }
  | { kind: 'presence'; value: Presence }
  | { kind: 'group'; value: GroupPresence };

/** A malformed or unknown event is dropped, not fatal: the next snapshot repairs anything missed. */
function parseEvent(name: string, data: string): ParsedEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  if (name === 'snapshot') {
    const parsed = PresenceSnapshotSchema.safeParse(json);
    return parsed.success ? { kind: 'snapshot', value: parsed.data } : null;
  }
  if (name === 'presence') {
    const parsed = PresenceSchema.safeParse(json);
    return parsed.success ? { kind: 'presence', value: parsed.data } : null;
  }
  if (name === 'group') {
    const parsed = GroupPresenceSchema.safeParse(json);
    return parsed.success ? { kind: 'group', value: parsed.data } : null;
  }
  return null;
}
