import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { agentStatuses } from './agent-status.ts';
import { bearerToken, parse, readJson, sendJson, type RouteHandler } from './http.ts';
import type { PresenceEvent, PresenceService } from './presence-service.ts';

export const presenceSchemas = {
  status: z.object({ status: z.enum(agentStatuses), reason: z.string().trim().min(1).max(100).optional() }).strict(),
  ringTarget: z.object({ ringTarget: z.enum(['computer', 'mobile']) }).strict(),
  callback: z
    .object({ to: z.string().regex(/^\+?\d{2,16}$/, 'an extension, group number or phone number (digits)') })
    .strict(),
};

export type PresenceRoutesOptions = {
  presence: PresenceService;
  /** `: ping` comment interval on event streams (default 15 s). */
  pingIntervalMs?: number;
};

function stream(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** Status, presence (JSON and server-sent events) and callback; Kamailio's routing questions are in internal-http.ts. */
export function presenceRoutes({ presence, pingIntervalMs = 15_000 }: PresenceRoutesOptions) {
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
  };
  return routes;
}
