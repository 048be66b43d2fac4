import { z } from 'zod';
import { bearerToken, parse, readJson, sendJson, type RouteHandler } from '../http.ts';
import type { Accounts } from './accounts.ts';
import { mailLanguages } from './account-store.ts';

const email = z.string().trim().min(3).max(254);
/** Longer than the rules allow, so a too-long password gets the rules' answer, not a schema error. */
const password = z.string().min(1).max(200);
const companyId = z.number().int().positive().optional();

/** Request bodies; `.strict()`: unknown fields are refused, not ignored. */
export const accountSchemas = {
  signIn: z
    .object({
      email,
      password,
      companyId,
      deviceName: z.string().trim().min(1).max(100).optional(),
      app: z.enum(['desktop', 'mobile']).optional(),
    })
    .strict(),
  change: z.object({ currentPassword: password, newPassword: password }).strict(),
  forgot: z.object({ email, companyId, language: z.enum(mailLanguages).optional() }).strict(),
  reset: z
    .object({ email, companyId, code: z.string().regex(/^\d{6}$/, 'the code is 6 digits'), newPassword: password })
    .strict(),
};

/** Drops keys whose value is undefined (exactOptionalPropertyTypes: absent, not undefined). */
function defined<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}

/** The e-mail and password routes (openapi.yaml, docs/accounts.md). */
export function accountRoutes(accounts: Accounts): Record<string, RouteHandler> {
  return {
    'POST /v1/sign-in/password': async (req, res, address) => {
      const body = parse(accountSchemas.signIn, await readJson(req));
      sendJson(res, 200, await accounts.signIn.signIn(defined(body), address));
    },
    'POST /v1/password/change': async (req, res, address) => {
      const token = bearerToken(req);
      const body = parse(accountSchemas.change, await readJson(req));
      const { signedOutDeviceIds } = await accounts.signIn.changePassword(token, body, address);
      sendJson(res, 200, { signedOutDevices: signedOutDeviceIds.length });
    },
    'POST /v1/password/forgot': async (req, res, address) => {
      const body = parse(accountSchemas.forgot, await readJson(req));
      sendJson(res, 202, accounts.reset.forgot(defined(body), address));
    },
    'POST /v1/password/reset': async (req, res, address) => {
      const body = parse(accountSchemas.reset, await readJson(req));
      await accounts.reset.reset(defined(body), address);
      res.writeHead(204).end();
    },
  };
}
