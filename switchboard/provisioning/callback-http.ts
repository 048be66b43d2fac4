import { z } from 'zod';
import type { CallbackDesk } from './callback-desk.ts';
import { bearerToken, parse, readJson, sendJson, type RouteHandler } from './http.ts';

const callbackRequest = z
  .object({ to: z.string().regex(/^\+?\d{2,16}$/, 'an extension, group number or phone number (digits)') })
  .strict();

/**
 * `POST /v1/callback`: the only way to a callback goes through the CallbackDesk (rate, call
 * permission, company queue) before PresenceService checks mobile mode and places it.
 */
export function callbackRoutes({ desk }: { desk: CallbackDesk }): Record<string, RouteHandler> {
  return {
    'POST /v1/callback': async (req, res) => {
      const token = bearerToken(req);
      const body = parse(callbackRequest, await readJson(req));
      sendJson(res, 202, desk.request(token, body.to));
    },
  };
}
