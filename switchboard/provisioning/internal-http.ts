import { createHash, timingSafeEqual } from 'node:crypto';
import type { Server, ServerResponse } from 'node:http';
import { z } from 'zod';
import { createSafeServer, HttpProblem, type QueryParams } from '../http-entry.ts';
import { provisioningProblem } from './http.ts';
import type { SwitchboardLog } from '../log.ts';
import { branchOutcomes, type PresenceService } from './presence-service.ts';
import { formatDecision, type RouteDecision } from './route-decision.ts';
import { ProvisioningError } from './service.ts';

const sipUser = z.string().regex(/^[^\s]{1,64}$/, 'a SIP user without spaces');
const callId = z.string().regex(/^[^\s]{1,256}$/, 'a Call-ID without spaces');

export const internalSchemas = {
  route: z.object({ call: callId, from: sipUser, to: sipUser }).strict(),
  routeNext: z.object({ call: callId, member: sipUser, outcome: z.enum(branchOutcomes) }).strict(),
};

export type InternalServerOptions = {
  presence: PresenceService;
  /** Kamailio sends it as `X-Switchboard-Secret`; requests without it are refused. */
  secret: string;
  log?: SwitchboardLog;
};

/** A decision is one line of plain text (no trailing newline: the Kamailio script splits it on spaces). */
function sendLine(res: ServerResponse, status: number, line: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(line),
    'cache-control': 'no-store',
  });
  res.end(line);
}

const digest = (text: string) => createHash('sha256').update(text).digest();

function parseQuery<T>(schema: z.ZodType<T>, query: QueryParams): T {
  const result = schema.safeParse(query.toRecord());
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
  throw new ProvisioningError('invalid-request', detail);
}

/** Kamailio's routing questions (GET /internal/route[/next]), keyed "METHOD /path". */
export function internalRoutes(presence: PresenceService): Record<string, (query: QueryParams) => RouteDecision> {
  return {
    'GET /internal/route': (query) => {
      const q = parseQuery(internalSchemas.route, query);
      return presence.route(q.call, q.from, q.to);
    },
    'GET /internal/route/next': (query) => {
      const q = parseQuery(internalSchemas.routeNext, query);
      return presence.routeNext(q.call, q.member, q.outcome);
    },
  };
}

/**
 * The listener only Kamailio talks to: its own port on 127.0.0.1, apart from the public API, so
 * nothing exposed to the network can reach the routing questions, and the run's secret on top.
 * A decision is one line of plain text; every refusal is problem+json through the same entry as
 * every switchboard listener (http-entry.ts), so a malformed request is a 400 and a failing handler
 * a 500, never the end of the process. Kamailio reads any answer but 200 as "route directly" and
 * logs its body.
 */
export function createInternalServer({ presence, secret, log }: InternalServerOptions): Server {
  const routes = internalRoutes(presence);
  const expected = digest(secret);
  return createSafeServer(
    async (req, res, target) => {
      const given = req.headers['x-switchboard-secret'];
      if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
        throw new HttpProblem({
          status: 403,
          code: 'forbidden',
          title: 'Send the routing secret as X-Switchboard-Secret',
        });
      }
      const route = routes[`${req.method} ${target.path}`];
      if (!route) throw new ProvisioningError('not-found', `No route ${req.method} ${target.path}`);
      sendLine(res, 200, formatDecision(route(target.query)));
    },
    { name: 'provisioning internal listener', toProblem: provisioningProblem, ...(log ? { log } : {}) },
  );
}
