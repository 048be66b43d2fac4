import { readFile } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { createSafeServer, HttpProblem, type Problem, type RequestTarget } from '../http-entry.ts';
import type { SwitchboardLog } from '../log.ts';
import { codeLanguages } from './code-caller.ts';
import { maxPageSize } from './directory-feed.ts';
import { ProvisioningError, type ProvisioningService } from './service.ts';

const MAX_BODY_BYTES = 16 * 1024;

const mobile = z.string().min(1).max(40);
const companyId = z.number().int().positive();
const language = z.enum(codeLanguages);
/** Which app signs in: the desktop app (default) or a mobile client of the same person. */
const app = z.enum(['desktop', 'mobile']).optional();

/** Request bodies; `.strict()`: unknown fields are refused, not ignored. */
export const schemas = {
  lookup: z.object({ mobile }).strict(),
  code: z.object({ mobile, companyId, language: language.default('zh-CN'), app }).strict(),
  verify: z
    .object({
      mobile,
      companyId,
      code: z.string().regex(/^\d{4}$/, 'the code is 4 digits'),
      deviceName: z.string().trim().min(1).max(100).optional(),
      app,
    })
    .strict(),
};

export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': `${contentType}; charset=utf-8`,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** `maxBytes`: a route whose bodies are larger by nature (a 5,000-character chat message) says so. */
export async function readJson(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    throw new ProvisioningError('invalid-request', 'Send the body as application/json');
  }
  const bodyTooLarge = () =>
    new HttpProblem({ status: 413, code: 'body-too-large', title: `The request body is over ${maxBytes} bytes` });
  // Refused before a byte is read when the client says how much it will send.
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw bodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw bodyTooLarge();
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    // The client went away or broke the framing mid-body: its fault, not a server failure.
    throw new ProvisioningError('invalid-request', 'The request body was cut off');
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new ProvisioningError('invalid-request', 'The body is not valid JSON');
  }
}

export function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new ProvisioningError('invalid-request', detail);
  }
  return result.data;
}

export function bearerToken(req: IncomingMessage): string {
  const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(req.headers.authorization ?? '');
  if (!match) throw new ProvisioningError('device-unknown', 'Send the device token as "Authorization: Bearer …"');
  return match[1]!;
}

function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/** A route handler: `address` is the TCP peer, `target` the request's checked path and query. */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  address: string,
  target: RequestTarget,
) => Promise<void>;

export type ProvisioningServerOptions = {
  service: ProvisioningService;
  /** Served at GET /openapi.yaml when given. */
  openApiPath?: string;
  /**
   * More routes, keyed "METHOD /path" (presence-http.ts); a `{name}` segment matches one id-like
   * segment (letters, digits, `-`, `_`, up to 64), read by the handler from `target.segments`.
   */
  routes?: Record<string, RouteHandler>;
  /** Answers everything under /chat/ (the customer chat page's files, chat/visitor-page-site.ts). */
  chatPage?: (req: IncomingMessage, res: ServerResponse, target: RequestTarget) => Promise<void>;
  log?: SwitchboardLog;
};

/** The service's own failures as problem+json (with tries left, Retry-After, the active app). */
export function provisioningProblem(error: unknown): Problem | null {
  if (!(error instanceof ProvisioningError)) return null;
  return {
    code: error.code,
    status: error.status,
    title: error.message,
    ...(error.triesLeft !== undefined ? { triesLeft: error.triesLeft } : {}),
    ...(error.retryAfterSec !== undefined ? { retryAfterSec: error.retryAfterSec } : {}),
    ...(error.activeApp !== undefined ? { activeApp: error.activeApp } : {}),
    ...(error.violations !== undefined ? { violations: error.violations } : {}),
  };
}

const avatarPath = /^\/v1\/directory\/avatars\/\d{1,15}$/;

/**
 * The provisioning HTTP JSON API (see openapi.yaml). Client address = the TCP peer: this server
 * trusts no X-Forwarded-For; behind a reverse proxy, that proxy must enforce its own per-address limit.
 * Requests come in through http-entry.ts: no request can end the process.
 */
export function createProvisioningServer({
  service,
  openApiPath,
  routes: more,
  chatPage,
  log,
}: ProvisioningServerOptions): Server {
  const routes: Record<string, RouteHandler> = {
    ...more,
    'GET /v1/health': async (_req, res) => sendJson(res, 200, { ok: true }),
    'POST /v1/sign-in/lookup': async (req, res, address) => {
      const body = parse(schemas.lookup, await readJson(req));
      sendJson(res, 200, service.lookup(body.mobile, address));
    },
    'POST /v1/sign-in/code': async (req, res, address) => {
      const { app: which, ...body } = parse(schemas.code, await readJson(req));
      sendJson(res, 202, await service.requestCode(which ? { ...body, app: which } : body, address));
    },
    'POST /v1/sign-in/verify': async (req, res, address) => {
      const body = parse(schemas.verify, await readJson(req));
      const { deviceName, app: which, ...rest } = body;
      const input = {
        ...rest,
        ...(deviceName !== undefined ? { deviceName } : {}),
        ...(which !== undefined ? { app: which } : {}),
      };
      sendJson(res, 200, await service.verify(input, address));
    },
    'POST /v1/sign-out': async (req, res, address) => {
      await service.signOut(bearerToken(req), address);
      res.writeHead(204).end();
    },
    'GET /v1/device': async (req, res) => sendJson(res, 200, service.deviceStatus(bearerToken(req))),
    'GET /v1/directory': async (req, res, _address, { query }) => {
      const token = bearerToken(req);
      query.only('since', 'limit');
      const since = query.int('since', { min: 0, max: Number.MAX_SAFE_INTEGER, default: 0 });
      const limit = query.int('limit', { min: 1, max: maxPageSize, default: 1000 });
      sendJson(res, 200, service.directoryPage(token, since, limit));
    },
    'GET /v1/directory/avatars/{personId}': async (req, res, _address, { segments }) => {
      const token = bearerToken(req);
      const avatar = service.avatar(token, Number(segments.at(-1)));
      // Private: avatars are for the company's signed-in devices, not shared caches.
      const headers = { etag: avatar.etag, 'cache-control': 'private, max-age=86400' };
      if (ifNoneMatch(req.headers['if-none-match'], avatar.etag)) {
        res.writeHead(304, headers).end();
        return;
      }
      res
        .writeHead(200, { ...headers, 'content-type': avatar.contentType, 'content-length': avatar.bytes.length })
        .end(avatar.bytes);
    },
    'GET /openapi.yaml': async (_req, res) => {
      if (!openApiPath) throw new ProvisioningError('not-found', 'No such resource');
      const text = await readFile(openApiPath, 'utf8');
      res.writeHead(200, { 'content-type': 'application/yaml; charset=utf-8' }).end(text);
    },
  };

  const templates = Object.keys(more ?? {})
    .filter((key) => key.includes('{'))
    .map((key) => ({ key, pattern: templatePattern(key) }));
  return createSafeServer(
    async (req, res, target) => {
      if (chatPage && target.segments[0] === 'chat') return chatPage(req, res, target);
      let key = `${req.method} ${avatarPath.test(target.path) ? '/v1/directory/avatars/{personId}' : target.path}`;
      if (!Object.hasOwn(routes, key)) key = templates.find(({ pattern }) => pattern.test(key))?.key ?? key;
      const route = Object.hasOwn(routes, key) ? routes[key] : undefined;
      if (!route) throw new ProvisioningError('not-found', `No route ${req.method} ${target.path}`);
      await route(req, res, req.socket.remoteAddress ?? 'unknown', target);
    },
    { name: 'provisioning', toProblem: provisioningProblem, traceRefusals: true, ...(log ? { log } : {}) },
  );
}

/** "GET /v1/chat/visits/{id}" → a pattern for "GET /v1/chat/visits/<one id-like segment>". */
function templatePattern(key: string): RegExp {
  const parts = key.split(/\{[A-Za-z]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[A-Za-z0-9_-]{1,64}')}$`);
}

/** Listens on 127.0.0.1 (port 0 = any free port) and resolves the base URL. */
export async function listen(server: Server, port = 0, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `http://${host}:${address.port}`;
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
