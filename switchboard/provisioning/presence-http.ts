import { z } from 'zod';
import { agentStatuses } from './agent-status.ts';
import { bearerToken, parse, readJson, sendJson, type RouteHandler } from './http.ts';
import type { PresenceEvent, PresenceService } from './presence-service.ts';

export const presenceSchemas = {
  status: z.object({ status: z.enum(agentStatuses), reason: z.string().trim().min(1).max(100).optional() }).strict(),
  ringTarget: z.object({ ringTarget: z.enum(['computer', 'mobile']) }).strict(),
};

export type PresenceRoutesOptions = {
  presence: PresenceService;
  /** `: ping` comment interval on event streams (default 15 s). */
  pingIntervalMs?: number;
};

/** A stream ended from this side gets this long to hand its last bytes over before its socket is cut. */
const END_GRACE_MS = 5_000;

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Status and presence (JSON and server-sent events); callbacks are in callback-http.ts, Kamailio's routing questions are in internal-http.ts. */
export function presenceRoutes({ presence, pingIntervalMs = 15_000 }: PresenceRoutesOptions) {
  // One event goes to every stream of the company: serialised once, not once per stream.
  const frames = new WeakMap<PresenceEvent, string>();
  const frameOf = (event: PresenceEvent) => {
    let text = frames.get(event);
    if (text === undefined) frames.set(event, (text = frame(event.event, event.data)));
    return text;
  };
  const routes: Record<string, RouteHandler> = {
    'GET /v1/presence': async (req, res) => sendJson(res, 200, presence.snapshot(bearerToken(req))),
    'GET /v1/presence/events': async (req, res) => {
      const pending: PresenceEvent[] = [];
      let open = false;
      let gone = false;
      let bound = Infinity;
      // Node keeps whatever the socket does not take; for a client that stops reading that grows
      // with every event. Past the bound the stream is cut instead: the app reconnects and its fresh
      // snapshot holds everything it missed, which is less than catching up would be.
      const send = (text: string) => {
        if (gone) return;
        res.write(text);
        if (res.writableLength <= bound) return;
        gone = true;
        drop();
        res.destroy();
      };
      // Signed out, evicted by the device's newer stream, or the service stops: a clean end, but a
      // client that does not read must not keep its socket (and what it did not read) for ever.
      const endFromHere = () => {
        if (gone) return;
        gone = true;
        res.end();
        const cut = setTimeout(() => res.destroy(), END_GRACE_MS);
        cut.unref();
        res.once('close', () => clearTimeout(cut));
      };
      const { snapshot, unsubscribe, drop } = presence.subscribe(
        bearerToken(req),
        (event) => {
          if (open) send(frameOf(event));
          else pending.push(event);
        },
        endFromHere,
      );
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const first = frame('snapshot', snapshot);
      // The snapshot itself may sit unsent for a while on a slow link; only what comes after counts.
      bound = Buffer.byteLength(first) + presence.limits.maxBufferedBytes;
      send(first);
      open = true;
      for (const event of pending) send(frameOf(event));
      const ping = setInterval(() => send(': ping\n\n'), pingIntervalMs);
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
  };
  return routes;
}
