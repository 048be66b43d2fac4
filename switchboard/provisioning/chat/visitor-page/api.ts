import { SseParser, type SseEvent } from './sse.ts';
import type { Message } from './transcript.ts';

/** What the page shows of its conversation (chat-views.ts VisitorView, the `state` event). */
export type VisitorView = {
  conversationId: string;
  state: 'queued' | 'offered' | 'open' | 'ended';
  queuePosition: number | null;
  agentName: string | null;
  endReason: string | null;
  lastSeq: number;
  /** 满意度评价: null until the agent sends it (chat-survey.ts SurveyView). */
  survey: { state: 'sent' } | { state: 'answered'; score: number; comment: string | null } | null;
};

export type SignedUser = { userId: string; nickname: string; expiresAt: number; signature: string };
export type StartRequest = { companyId: number; groupId?: number; channel: 'web'; user?: SignedUser };
export type Started = { conversationId: string; visitorToken: string; view: VisitorView };

/** A problem+json answer: `code` says why, `retryAfterSec` how long a flood refusal lasts. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterSec: number | null;
  constructor(status: number, code: string, title: string, retryAfterSec: number | null) {
    super(title);
    this.status = status;
    this.code = code;
    this.retryAfterSec = retryAfterSec;
  }
}

async function problemOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => ({}))) as { code?: unknown; title?: unknown; retryAfterSec?: unknown };
  return new ApiError(
    res.status,
    typeof body.code === 'string' ? body.code : 'http-error',
    typeof body.title === 'string' ? body.title : `HTTP ${res.status}`,
    typeof body.retryAfterSec === 'number' ? body.retryAfterSec : null,
  );
}

async function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
}

const visit = (id: string) => `/v1/chat/visits/${encodeURIComponent(id)}`;

export const startVisit = (request: StartRequest) => call<Started>('POST', '/v1/chat/visits', null, request);

/** 留言 when the queue is full: the visit's fields, the text and (optionally) how to reach the visitor. */
export const leaveMessage = (request: StartRequest & { text: string; contact?: string }) =>
  call<{ conversationId: string }>('POST', '/v1/chat/left-messages', null, request);

export const sendMessage = (id: string, token: string, clientId: string, text: string) =>
  call<Message>('POST', `${visit(id)}/messages`, token, { clientId, text });

/** An image's bytes as they are (the service sniffs them): answered with the stored image message. */
export async function sendImage(id: string, token: string, clientId: string, image: Blob): Promise<Message> {
  const res = await fetch(`${visit(id)}/images?clientId=${encodeURIComponent(clientId)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: image,
  });
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as Message;
}

/** An image of this chat as a Blob: the token goes in a header, so an <img src> cannot fetch it itself. */
export async function fetchImage(id: string, token: string, imageId: string): Promise<Blob> {
  const res = await fetch(`${visit(id)}/images/${encodeURIComponent(imageId)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw await problemOf(res);
  return await res.blob();
}

export const answerSurvey = (id: string, token: string, score: number, comment: string) =>
  call<VisitorView>('POST', `${visit(id)}/survey`, token, { score, ...(comment.trim() ? { comment } : {}) });

export const endVisit = (id: string, token: string) => call<VisitorView>('POST', `${visit(id)}/end`, token);

/** A stream that stays silent this long is dead (the service pings every 15 s): it is dropped and resumed. */
const SILENCE_MS = 45_000;

/**
 * Reads the conversation's event stream from `after` (the last seq shown) until it ends, fails or
 * `signal` aborts; `onOpen` runs once the service accepted it. Throws ApiError when it refuses.
 */
export async function readEvents(
  id: string,
  token: string,
  after: number,
  handlers: { onOpen(): void; onEvent(event: SseEvent): void },
  signal: AbortSignal,
): Promise<void> {
  const silence = new AbortController();
  const both = AbortSignal.any([signal, silence.signal]);
  let timer = setTimeout(() => silence.abort(), SILENCE_MS);
  try {
    const res = await fetch(`${visit(id)}/events?after=${after}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      cache: 'no-store',
      signal: both,
    });
    if (!res.ok || !res.body) throw await problemOf(res);
    handlers.onOpen();
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      clearTimeout(timer);
      timer = setTimeout(() => silence.abort(), SILENCE_MS);
      for (const event of parser.push(value)) handlers.onEvent(event);
    }
  } finally {
    clearTimeout(timer);
  }
}
