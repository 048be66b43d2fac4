import { z } from 'zod';
import type { RequestTarget } from '../../http-entry.ts';
import { bearerToken, parse, readJson, sendJson, type RouteHandler } from '../http.ts';
import { readImageBody, sendImage } from './chat-images.ts';
import type { InternalChats } from './internal-chats.ts';

const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const internalChatSchemas = {
  open: z.object({ personId: z.number().int().positive() }).strict(),
  marks: z
    .object({ delivered: seq.optional(), read: seq.optional() })
    .strict()
    .refine((m) => m.delivered !== undefined || m.read !== undefined, 'delivered or read'),
};

/** The conversation id: the segment after /internal/. */
const idOf = (target: RequestTarget) => target.segments[3]!;
const imageIdOf = (target: RequestTarget) => target.segments[5]!;

/**
 * Internal chat over HTTP (issue 17), by device token. Its events come on the desk's stream
 * (`GET /v1/chat/desk/events`: `internal` and `internal-message`), so one stream serves both kinds.
 */
export function internalChatRoutes(
  internal: InternalChats,
  message: {
    parseClientId(value: string): string;
    readMessage(req: Parameters<RouteHandler>[0]): Promise<{ clientId: string; text: string }>;
  },
  page: number,
): Record<string, RouteHandler> {
  return {
    'GET /v1/chat/internal': async (req, res, _a, target) => {
      target.query.only();
      sendJson(res, 200, internal.list(bearerToken(req)));
    },
    'POST /v1/chat/internal': async (req, res) => {
      const token = bearerToken(req);
      const body = parse(internalChatSchemas.open, await readJson(req));
      sendJson(res, 200, internal.open(token, body.personId));
    },
    'GET /v1/chat/internal/search': async (req, res, _a, target) => {
      const token = bearerToken(req);
      target.query.only('q', 'conversation');
      const q = parse(z.string().max(100), target.query.string('q') ?? '');
      const conversation = target.query.string('conversation') ?? null;
      sendJson(res, 200, { results: internal.search(token, q, conversation) });
    },
    'GET /v1/chat/internal/{id}/messages': async (req, res, _a, target) => {
      const token = bearerToken(req);
      target.query.only('after', 'limit');
      const after = target.query.int('after', { min: 0, max: Number.MAX_SAFE_INTEGER, default: 0 });
      const limit = target.query.int('limit', { min: 1, max: page, default: page });
      sendJson(res, 200, { messages: internal.messages(token, idOf(target), after, limit) });
    },
    'POST /v1/chat/internal/{id}/messages': async (req, res, _a, target) => {
      const token = bearerToken(req);
      const body = await message.readMessage(req);
      sendJson(res, 200, internal.send(token, idOf(target), body.clientId, body.text));
    },
    'POST /v1/chat/internal/{id}/images': async (req, res, _a, target) => {
      const token = bearerToken(req);
      target.query.only('clientId');
      const clientId = message.parseClientId(target.query.string('clientId') ?? '');
      internal.check(token, idOf(target));
      const bytes = await readImageBody(req);
      sendJson(res, 200, await internal.sendImage(token, idOf(target), clientId, bytes));
    },
    'GET /v1/chat/internal/{id}/images/{imageId}': async (req, res, _a, target) => {
      target.query.only();
      sendImage(res, internal.image(bearerToken(req), idOf(target), imageIdOf(target)));
    },
    'POST /v1/chat/internal/{id}/marks': async (req, res, _a, target) => {
      const token = bearerToken(req);
      const body = parse(internalChatSchemas.marks, await readJson(req));
      sendJson(res, 200, internal.marks(token, idOf(target), body));
    },
    'POST /v1/chat/internal/{id}/hide': async (req, res, _a, target) => {
      sendJson(res, 200, internal.hide(bearerToken(req), idOf(target)));
    },
  };
}
