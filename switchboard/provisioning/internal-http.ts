import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
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
};

/** Every answer is one line of plain text (no trailing newline: the Kamailio script splits it on spaces). */
function sendLine(res: ServerResponse, status: number, line: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(line),
    'cache-control': 'no-store',
  });
  res.end(line);
}

const digest = (text: string) => createHash('sha256').update(text).digest();

function parseQuery<T>(schema: z.ZodType<T>, search: URLSearchParams): T {
  const result = schema.safeParse(Object.fromEntries(search));
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
  throw new ProvisioningError('invalid-request', detail);
}

/** Parsed against a fixed origin, so a request line such as `//x` is a path here, never a host. */
function requestUrl(target: string | undefined): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    return new URL(`http://internal${target}`);
  } catch {
    return null;
  }
}

/** Kamailio's routing questions (GET /internal/route[/next]), keyed "METHOD /path". */
export function internalRoutes(presence: PresenceService): Record<string, (query: URLSearchParams) => RouteDecision> {
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
 */
export function createInternalServer({ presence, secret }: InternalServerOptions): Server {
  const routes = internalRoutes(presence);
  const expected = digest(secret);
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    try {
      const given = req.headers['x-switchboard-secret'];
      if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
        sendLine(res, 403, 'error forbidden');
        return;
      }
      const url = requestUrl(req.url);
      if (!url) {
        sendLine(res, 400, 'error bad request line');
        return;
      }
      const route = routes[`${req.method} ${url.pathname}`];
      if (!route) {
        sendLine(res, 404, 'error not found');
        return;
      }
      sendLine(res, 200, formatDecision(route(url.searchParams)));
    } catch (error) {
      if (error instanceof ProvisioningError) {
        sendLine(res, error.status, `error ${error.message.replace(/\s+/g, ' ')}`);
        return;
      }
      console.error('provisioning internal listener: unexpected error', error);
      sendLine(res, 500, 'error internal');
    }
  });
}
