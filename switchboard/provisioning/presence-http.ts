import { z } from 'zod';
import { agentStatuses, ringTargets } from './agent-status.ts';
import { parseE164 } from './e164.ts';
import { ProvisioningError } from './service.ts';
import { bearerToken, parse, readJson, sendJson, type RouteHandler } from './http.ts';
import { openEventStream, sseFrame, type EventStream } from './event-stream.ts';
import type { PresenceEvent, PresenceService } from './presence-service.ts';

export const presenceSchemas = {
  status: z
    .object({
      status: z.enum(agentStatuses),
      reason: z.string().trim().min(1).max(100).optional(),
      wrapUp: z.string().trim().min(1).max(32).optional(),
    })
    .strict(),
  ringTarget: z
    .object({
      ringTarget: z.enum(ringTargets),
      /** For `number`: any way of writing an international number; stored as E.164. */
      number: z.string().max(40).optional(),
    })
    .strict(),
};

export type PresenceRoutesOptions = {
  presence: PresenceService;
  /** `: ping` comment interval on event streams (default 15 s). */
  pingIntervalMs?: number;
};

/** Status and presence (JSON and server-sent events); callbacks are in callback-http.ts, Kamailio's routing questions are in internal-http.ts. */
export function presenceRoutes({ presence, pingIntervalMs = 15_000 }: PresenceRoutesOptions) {
  // One event goes to every stream of the company: serialised once, not once per stream.
  const frames = new WeakMap<PresenceEvent, string>();
  const frameOf = (event: PresenceEvent) => {
    let text = frames.get(event);
    if (text === undefined) frames.set(event, (text = sseFrame(event.event, event.data)));
    return text;
  };
  const routes: Record<string, RouteHandler> = {
    'GET /v1/presence': async (req, res) => sendJson(res, 200, presence.snapshot(bearerToken(req))),
    'GET /v1/presence/events': async (req, res) => {
      const pending: PresenceEvent[] = [];
      let stream: EventStream | null = null;
      const { snapshot, unsubscribe, drop } = presence.subscribe(
        bearerToken(req),
        (event) => (stream ? stream.send(frameOf(event)) : pending.push(event)),
        // Signed out, evicted by the device's newer stream, or the service stops.
        () => stream?.end(),
      );
      stream = openEventStream(res, {
        maxBufferedBytes: presence.limits.maxBufferedBytes,
        pingIntervalMs,
        onCut: drop,
      });
      stream.onClose(unsubscribe);
      stream.send(sseFrame('snapshot', snapshot));
      // The snapshot itself may sit unsent for a while on a slow link; only what comes after counts. A stream cut
      // for falling behind reconnects, and its fresh snapshot holds everything it missed.
      stream.startBound();
      for (const event of pending) stream.send(frameOf(event));
    },
    'PUT /v1/status': async (req, res) => {
      const token = bearerToken(req);
      const body = parse(presenceSchemas.status, await readJson(req));
      sendJson(res, 200, presence.setStatus(token, body));
    },
    'PUT /v1/ring-target': async (req, res) => {
      const token = bearerToken(req);
      const body = parse(presenceSchemas.ringTarget, await readJson(req));
      const number = body.number === undefined ? undefined : parseE164(body.number);
      if (number === null) {
        throw new ProvisioningError('invalid-number', 'Not an international number: start with + and the country code');
      }
      sendJson(res, 200, presence.setRingTarget(token, body.ringTarget, number));
    },
  };
  return routes;
}
