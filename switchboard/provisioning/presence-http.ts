import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { agentStatuses } from './agent-status.ts';
import type { RequestTarget } from '../http-entry.ts';
import { bearerToken, parse, readJson, sendJson, type RouteHandler } from './http.ts';
import { branchOutcomes, type PresenceEvent, type PresenceService } from './presence-service.ts';
import { formatDecision, type RouteDecision } from './route-decision.ts';
import { ProvisioningError } from './service.ts';

const sipUser = z.string().regex(/^[^\s]{1,64}$/, 'a SIP user without spaces');
const callId = z.string().regex(/^[^\s]{1,256}$/, 'a Call-ID without spaces');

export const presenceSchemas = {
  status: z.object({ status: z.enum(agentStatuses), reason: z.string().trim().min(1).max(100).optional() }).strict(),
  ringTarget: z.object({ ringTarget: z.enum(['computer', 'mobile']) }).strict(),
  callback: z
    .object({ to: z.string().regex(/^\+?\d{2,16}$/, 'an extension, group number or phone number (digits)') })
    .strict(),
  route: z.object({ call: callId, from: sipUser, to: sipUser }).strict(),
  routeNext: z.object({ call: callId, member: sipUser, outcome: z.enum(branchOutcomes) }).strict(),
};

export type PresenceRoutesOptions = {
  presence: PresenceService;
  /** Kamailio sends it as `X-Switchboard-Secret`; the internal routes refuse requests without it. */
  internalSecret: string;
  /** `: ping` comment interval on event streams (default 15 s). */
  pingIntervalMs?: number;
};

function sendLine(res: ServerResponse, status: number, line: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(line),
    'cache-control': 'no-store',
  });
  res.end(line);
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Internal routes answer one line of plain text (no trailing newline: the Kamailio script splits it
 * on spaces), also for errors, so the script never has to parse JSON.
 */
function internal(secret: string, handle: (target: RequestTarget) => RouteDecision): RouteHandler {
  const expected = digest(secret);
  return async (req, res, _address, target) => {
    const given = req.headers['x-switchboard-secret'];
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      sendLine(res, 403, 'error forbidden');
      return;
    }
    try {
      sendLine(res, 200, formatDecision(handle(target)));
    } catch (error) {
      if (error instanceof ProvisioningError) {
        sendLine(res, error.status, `error ${error.message.replace(/\s+/g, ' ')}`);
        return;
      }
      throw error;
    }
  };
}

function stream(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** Status, presence (JSON and server-sent events), callback, and Kamailio's routing questions. */
export function presenceRoutes({ presence, internalSecret, pingIntervalMs = 15_000 }: PresenceRoutesOptions) {
  const routes: Record<string, RouteHandler> = {
    'GET /v1/presence': async (req, res) => sendJson(res, 200, presence.snapshot(bearerToken(req))),
    'GET /v1/presence/events': async (req, res) => {
      const pending: PresenceEvent[] = [];
      let open = false;
      const { snapshot, unsubscribe } = presence.subscribe(
        bearerToken(req),
        (event) => {
          if (open) stream(res, event.event, event.data);
          else pending.push(event);
        },
        () => res.end(),
      );
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      stream(res, 'snapshot', snapshot);
      open = true;
      for (const event of pending) stream(res, event.event, event.data);
      const ping = setInterval(() => res.write(': ping\n\n'), pingIntervalMs);
      // The client went away, or the server closed (close() drops every connection): stop sending.
      res.on('close', () => {
        clearInterval(ping);
        unsubscribe();
      });
    },
    'PUT /v1/status': async (req, res) => {
      const token = bearerToken(req);
      const body = parse(presenceSchemas.status, await readJson(req));
      sendJson(res, 200, presence.setStatus(token, body));
    },
    'PUT /v1/ring-target': async (req, res) => {
      const token = bearerToken(req);
      const body = parse(presenceSchemas.ringTarget, await readJson(req));
      sendJson(res, 200, presence.setRingTarget(token, body.ringTarget));
    },
    'POST /v1/callback': async (req, res) => {
      const token = bearerToken(req);
      const body = parse(presenceSchemas.callback, await readJson(req));
      sendJson(res, 202, presence.requestCallback(token, body.to.replace(/^\+/, '')));
    },
    'GET /internal/route': internal(internalSecret, ({ query }) => {
      const q = parse(presenceSchemas.route, query.toRecord());
      return presence.route(q.call, q.from, q.to);
    }),
    'GET /internal/route/next': internal(internalSecret, ({ query }) => {
      const q = parse(presenceSchemas.routeNext, query.toRecord());
      return presence.routeNext(q.call, q.member, q.outcome);
    }),
  };
  return routes;
}
