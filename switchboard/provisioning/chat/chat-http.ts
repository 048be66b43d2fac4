import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { RequestTarget } from '../../http-entry.ts';
import { bearerToken, parse, readJson, sendJson, type RouteHandler } from '../http.ts';
import { ProvisioningError } from '../problems.ts';
import { chatRecordRoutes } from './chat-records-http.ts';
import type { ChatService } from './chat-service.ts';
import type { ChatEvent } from './chat-views.ts';
import { readImageBody, sendImage } from './chat-images.ts';
import { MAX_SURVEY_COMMENT } from './chat-survey.ts';
import { internalChatRoutes } from './internal-chat-http.ts';
import { openEventStream, sseFrame, type EventStream } from '../event-stream.ts';

/** A field shown on one line of the signed canonical string: no line breaks in it. */
const oneLine = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\r\n]*$/, 'one line');

const visitSchema = z
  .object({
    companyId: z.number().int().positive(),
    groupId: z.number().int().positive().optional(),
    channel: z.enum(['web', 'app']).optional(),
    user: z
      .object({
        userId: oneLine,
        nickname: oneLine,
        expiresAt: z.number().int().positive(),
        signature: z.string().max(128),
      })
      .strict()
      .optional(),
  })
  .strict();

export const chatSchemas = {
  visit: visitSchema,
  message: z
    .object({
      clientId: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, '1–64 letters, digits or . _ : -'),
      // The length is checked by checkText (a clear 'message-too-long'); the body cap bounds it before that.
      text: z.string(),
    })
    .strict(),
  /** 留言 when the queue is full: the visit's fields, the text, and how to reach the visitor (optional). */
  leftMessage: visitSchema.extend({
    text: z.string(),
    contact: z
      .string()
      .max(100)
      .regex(/^[^\r\n]*$/, 'one line')
      .optional(),
  }),
  survey: z
    .object({
      score: z.number().int().min(1).max(5),
      comment: z.string().trim().max(MAX_SURVEY_COMMENT).optional(),
    })
    .strict(),
  transfer: z
    .object({
      to: z.union([
        z.object({ extension: z.string().regex(/^\d{2,8}$/, 'an extension') }).strict(),
        z.object({ groupId: z.number().int().positive() }).strict(),
      ]),
      note: z.string().trim().min(1).max(500).optional(),
    })
    .strict(),
};

/** A 5,000-character message is up to ~60 KB of JSON (\u escapes of astral characters). */
const MESSAGE_BODY_BYTES = 64 * 1024;
const PAGE = 500;

function visitorToken(req: IncomingMessage): string {
  const match = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(req.headers.authorization ?? '');
  if (!match) throw new ProvisioningError('visitor-unknown', 'Send the visitor token as "Authorization: Bearer …"');
  return match[1]!;
}

/** The conversation id: the segment after /visits/ or /desk/. */
const idOf = (target: RequestTarget) => target.segments[3]!;
/** The image id: the segment after /images/. */
const imageIdOf = (target: RequestTarget) => target.segments[5]!;

/** An upload's client id comes in the query: the body is the image's bytes. */
function clientIdOf(target: RequestTarget): string {
  target.query.only('clientId');
  return parse(chatSchemas.message.shape.clientId, target.query.string('clientId') ?? '');
}

function afterOf(req: IncomingMessage, target: RequestTarget): number {
  const header = req.headers['last-event-id'];
  if (typeof header === 'string' && header !== '') {
    if (!/^(0|[1-9]\d{0,15})$/.test(header)) throw new ProvisioningError('invalid-request', 'Last-Event-ID is a seq');
    return Number(header);
  }
  return target.query.int('after', { min: 0, max: Number.MAX_SAFE_INTEGER, default: 0 });
}

/** Online customer service over HTTP (docs/chat.md): the visitor's routes by visitor token, the agent's by device token. */
export function chatRoutes({ chat, pingIntervalMs = 15_000 }: { chat: ChatService; pingIntervalMs?: number }) {
  const { visitors, agents, limits } = chat;
  const streamOptions = { maxBufferedBytes: limits.maxBufferedBytes, pingIntervalMs };
  const frameOf = (e: ChatEvent) =>
    e.event === 'message' ? sseFrame(e.event, e.data, e.id) : sseFrame(e.event, e.data);

  const routes: Record<string, RouteHandler> = {
    'POST /v1/chat/visits': async (req, res, address) => {
      const body = parse(chatSchemas.visit, await readJson(req));
      const started = visitors.start(body, address);
      sendJson(res, 201, started);
    },
    'POST /v1/chat/left-messages': async (req, res, address) => {
      const body = parse(chatSchemas.leftMessage, await readJson(req, MESSAGE_BODY_BYTES));
      sendJson(res, 201, visitors.leaveMessage(body, address));
    },
    'GET /v1/chat/visits/{id}': async (req, res, _a, target) => {
      target.query.only();
      sendJson(res, 200, visitors.view(idOf(target), visitorToken(req)));
    },
    'POST /v1/chat/visits/{id}/messages': async (req, res, _a, target) => {
      const token = visitorToken(req);
      const body = parse(chatSchemas.message, await readJson(req, MESSAGE_BODY_BYTES));
      sendJson(res, 200, visitors.send(idOf(target), token, body.clientId, body.text));
    },
    'POST /v1/chat/visits/{id}/images': async (req, res, _a, target) => {
      const token = visitorToken(req);
      const clientId = clientIdOf(target);
      // Who asks is checked before a byte of the image is read.
      visitors.conversation(idOf(target), token);
      const bytes = await readImageBody(req);
      sendJson(res, 200, await visitors.sendImage(idOf(target), token, clientId, bytes));
    },
    'GET /v1/chat/visits/{id}/images/{imageId}': async (req, res, _a, target) => {
      target.query.only();
      sendImage(res, visitors.image(idOf(target), visitorToken(req), imageIdOf(target)));
    },
    'POST /v1/chat/visits/{id}/survey': async (req, res, _a, target) => {
      const token = visitorToken(req);
      const body = parse(chatSchemas.survey, await readJson(req));
      sendJson(res, 200, visitors.answerSurvey(idOf(target), token, body.score, body.comment || null));
    },
    'GET /v1/chat/visits/{id}/messages': async (req, res, _a, target) => {
      const token = visitorToken(req);
      target.query.only('after', 'limit');
      const after = target.query.int('after', { min: 0, max: Number.MAX_SAFE_INTEGER, default: 0 });
      const limit = target.query.int('limit', { min: 1, max: PAGE, default: PAGE });
      sendJson(res, 200, { messages: visitors.messages(idOf(target), token, after, limit) });
    },
    'POST /v1/chat/visits/{id}/end': async (req, res, _a, target) => {
      sendJson(res, 200, visitors.end(idOf(target), visitorToken(req)));
    },
    'GET /v1/chat/visits/{id}/events': async (req, res, _a, target) => {
      const token = visitorToken(req);
      const id = idOf(target);
      target.query.only('after');
      let sent = afterOf(req, target);
      const pending: ChatEvent[] = [];
      let live = false;
      let stream: EventStream | null = null;
      const write = (e: ChatEvent) => {
        // A message read from the backlog may also arrive live: each seq goes out once, in order.
        if (e.event === 'message') {
          if (e.id <= sent) return;
          sent = e.id;
        }
        stream!.send(frameOf(e));
      };
      // Listening starts before the backlog is read, so nothing falls between the two.
      const subscription = visitors.subscribe(
        id,
        token,
        (e) => (live ? write(e) : pending.push(e)),
        () => stream?.end(),
      );
      stream = openEventStream(res, streamOptions);
      stream.onClose(subscription.unsubscribe);
      stream.send(sseFrame('state', subscription.view()));
      for (;;) {
        const page = visitors.messages(id, token, sent, PAGE);
        for (const message of page) write({ event: 'message', id: message.seq, data: { conversationId: id, message } });
        if (page.length < PAGE) break;
      }
      stream.startBound();
      live = true;
      for (const e of pending) write(e);
    },
    'GET /v1/chat/desk': async (req, res, _a, target) => {
      target.query.only();
      sendJson(res, 200, agents.deskOf(bearerToken(req)));
    },
    'GET /v1/chat/desk/events': async (req, res, _a, target) => {
      target.query.only();
      const pending: ChatEvent[] = [];
      let live = false;
      let stream: EventStream | null = null;
      const subscription = agents.subscribe(
        bearerToken(req),
        (e) => (live ? stream!.send(frameOf(e)) : pending.push(e)),
        () => stream?.end(),
      );
      stream = openEventStream(res, streamOptions);
      stream.onClose(subscription.unsubscribe);
      stream.send(sseFrame('desk', subscription.desk()));
      // Internal chats (issue 17) come on the same stream: their list now, then their events.
      stream.send(sseFrame('internal', chat.internal.list(bearerToken(req))));
      stream.startBound();
      live = true;
      for (const e of pending) stream.send(frameOf(e));
    },
    'POST /v1/chat/desk/{id}/accept': async (req, res, _a, target) => {
      sendJson(res, 200, agents.accept(bearerToken(req), idOf(target)));
    },
    'POST /v1/chat/desk/{id}/end': async (req, res, _a, target) => {
      sendJson(res, 200, agents.end(bearerToken(req), idOf(target)));
    },
    'POST /v1/chat/desk/{id}/hide': async (req, res, _a, target) => {
      sendJson(res, 200, agents.hide(bearerToken(req), idOf(target)));
    },
    'POST /v1/chat/desk/{id}/transfer': async (req, res, _a, target) => {
      const token = bearerToken(req);
      const body = parse(chatSchemas.transfer, await readJson(req));
      sendJson(res, 200, agents.transfer(token, idOf(target), body.to, body.note ?? null));
    },
    'POST /v1/chat/desk/{id}/messages': async (req, res, _a, target) => {
      const token = bearerToken(req);
      const body = parse(chatSchemas.message, await readJson(req, MESSAGE_BODY_BYTES));
      sendJson(res, 200, agents.send(token, idOf(target), body.clientId, body.text));
    },
    'POST /v1/chat/desk/{id}/images': async (req, res, _a, target) => {
      const token = bearerToken(req);
      const clientId = clientIdOf(target);
      agents.check(token, idOf(target));
      const bytes = await readImageBody(req);
      sendJson(res, 200, await agents.sendImage(token, idOf(target), clientId, bytes));
    },
    'GET /v1/chat/desk/{id}/images/{imageId}': async (req, res, _a, target) => {
      target.query.only();
      sendImage(res, agents.image(bearerToken(req), idOf(target), imageIdOf(target)));
    },
    'POST /v1/chat/desk/{id}/survey': async (req, res, _a, target) => {
      sendJson(res, 200, agents.sendSurvey(bearerToken(req), idOf(target)));
    },
    'GET /v1/chat/desk/{id}/messages': async (req, res, _a, target) => {
      const token = bearerToken(req);
      target.query.only('after', 'limit', 'read');
      const after = target.query.int('after', { min: 0, max: Number.MAX_SAFE_INTEGER, default: 0 });
      const limit = target.query.int('limit', { min: 1, max: PAGE, default: PAGE });
      // read=0: the app catching up after a reconnect, not the agent reading (the unread count stays).
      const markRead = target.query.int('read', { min: 0, max: 1, default: 1 }) === 1;
      sendJson(res, 200, { messages: agents.messages(token, idOf(target), after, limit, markRead) });
    },
    'GET /v1/chat/groups': async (req, res, _a, target) => {
      target.query.only();
      sendJson(res, 200, { groups: agents.groups(bearerToken(req)) });
    },
    ...chatRecordRoutes(chat.records, chat.context),
    ...internalChatRoutes(
      chat.internal,
      {
        parseClientId: (value) => parse(chatSchemas.message.shape.clientId, value),
        readMessage: async (req) => parse(chatSchemas.message, await readJson(req, MESSAGE_BODY_BYTES)),
      },
      PAGE,
    ),
  };
  return routes;
}
