import { z } from 'zod';
import type { RouteHandler } from '../http.ts';
import { bearerToken, parse, readJson, sendJson } from '../http.ts';
import { ProvisioningError } from '../problems.ts';
import type { ChatContext } from './chat-context.ts';
import type { ChatRecords } from './chat-records.ts';

const MAX_MS = 8_640_000_000_000_000;
const userIdSchema = z.strictObject({
  userId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[^\r\n]*$/, 'one line'),
});

/**
 * Service records, agent-started chats and the customer context, by device token (docs/chat.md):
 * `GET /v1/chat/records` (q, from, to, before + beforeId or beforeId alone, limit), `POST /v1/chat/desk/{id}/reopen`,
 * `POST /v1/chat/contact`, `GET /v1/chat/desk/{id}/context?cursor=`.
 */
export function chatRecordRoutes(records: ChatRecords, context: ChatContext): Record<string, RouteHandler> {
  return {
    'GET /v1/chat/desk/{id}/context': async (req, res, _a, target) => {
      const cursor = target.query.only('cursor').string('cursor') ?? null;
      if (cursor !== null && cursor.length > 200) throw new ProvisioningError('invalid-request', 'A bad cursor');
      sendJson(res, 200, await context.of(bearerToken(req), target.segments[3]!, cursor));
    },
    'GET /v1/chat/records': async (req, res, _a, target) => {
      const query = target.query.only('q', 'from', 'to', 'before', 'beforeId', 'limit');
      const q = query.string('q');
      if (q !== undefined && q.length > 100)
        throw new ProvisioningError('invalid-request', 'Search at most 100 characters');
      const range = { min: 0, max: MAX_MS };
      const from = query.string('from') === undefined ? undefined : query.int('from', range);
      const to = query.string('to') === undefined ? undefined : query.int('to', range);
      const beforeId = query.string('beforeId');
      if (beforeId !== undefined && beforeId.length > 64)
        throw new ProvisioningError('invalid-request', 'A bad record id');
      const before =
        query.string('before') === undefined || beforeId === undefined
          ? undefined
          : { endedAt: query.int('before', range), id: beforeId };
      const limit = query.int('limit', { min: 1, max: 100, default: 50 });
      const found = records.search(bearerToken(req), {
        limit,
        ...(q !== undefined ? { q } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        ...(before ? { before } : beforeId !== undefined ? { beforeId } : {}),
      });
      sendJson(res, 200, { records: found });
    },
    'POST /v1/chat/desk/{id}/reopen': async (req, res, _a, target) => {
      sendJson(res, 201, records.reopen(bearerToken(req), target.segments[3]!));
    },
    'POST /v1/chat/contact': async (req, res) => {
      const token = bearerToken(req);
      const body = parse(userIdSchema, await readJson(req));
      sendJson(res, 201, records.contact(token, body.userId));
    },
  };
}
