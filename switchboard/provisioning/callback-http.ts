import { bearerToken, parse, readJson, sendJson, type RouteHandler } from './http.ts';
import type { CallbackDesk } from './callback-desk.ts';
import { presenceSchemas } from './presence-http.ts';

/**
 * `POST /v1/callback` through the CallbackDesk (rate, call permission, company queue), then
 * PresenceService. start.ts puts these routes after presenceRoutes, whose own `POST /v1/callback`
 * (straight to PresenceService, unguarded) they replace.
 */
export function callbackRoutes({ desk }: { desk: CallbackDesk }): Record<string, RouteHandler> {
  return {
    'POST /v1/callback': async (req, res) => {
      const token = bearerToken(req);
      const body = parse(presenceSchemas.callback, await readJson(req));
      sendJson(res, 202, desk.request(token, body.to));
    },
  };
}
