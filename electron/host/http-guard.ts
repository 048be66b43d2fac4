/**
 * The browser host's HTTP edge (static pages and the IPC WebSocket upgrade): the one place its
 * request targets are read and bad requests answered (400 problem+json), so nothing a local
 * client sends can end the host. The same rules as the switchboard's `switchboard/http-entry.ts`,
 * kept apart because the switchboard and the app must not import each other.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export type Problem = { status: number; code: string; title: string };

export class HostHttpProblem extends Error {
  readonly problem: Problem;
  constructor(status: number, code: string, title: string) {
    super(title);
    this.name = 'HostHttpProblem';
    this.problem = { status, code, title };
  }
}

const badRequest = (title: string) => new HostHttpProblem(400, 'invalid-request', title);

const MAX_TARGET_LENGTH = 2048;
const hostValue = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+,;=%-]+)(:[0-9]{1,5})?$/;

function problemText(problem: Problem): string {
  return JSON.stringify({ type: `urn:switchboard:problem:${problem.code}`, ...problem });
}

export function sendProblem(res: ServerResponse, problem: Problem): void {
  const text = problemText(problem);
  res.writeHead(problem.status, {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** Answers on a raw socket (parser errors, refused upgrades) and closes it. */
export function endSocketWithProblem(socket: Duplex, problem: Problem): void {
  socket.on('error', () => {});
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const text = problemText(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}\r\n` +
      'content-type: application/problem+json; charset=utf-8\r\n' +
      `content-length: ${Buffer.byteLength(text)}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n${text}`,
  );
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** An encoded '/' or '\\' or a control character inside one segment. */
const hasSlashOrControl = (text: string) =>
  [...text].some((char) => char === '/' || char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

/** Strict `%XX` decoding: a bad escape or bytes that are not UTF-8 are refused, never guessed. */
function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw badRequest('The request target has a bad percent-escape');
  }
}

export type HostTarget = { segments: string[]; query: Map<string, string> };

/**
 * Origin-form targets only (`/path?query`): no empty, dot or encoded-slash segments, no control
 * characters, strict %-escapes, each query name once. Anything else throws HostHttpProblem (400/414).
 */
export function parseHostTarget(raw: string): HostTarget {
  if (raw.length > MAX_TARGET_LENGTH) throw new HostHttpProblem(414, 'uri-too-long', 'The request target is too long');
  if (!/^\/[\x21-\x7e]*$/.test(raw) || raw.includes('#')) throw badRequest('The request target is not a path');
  const question = raw.indexOf('?');
  const path = question < 0 ? raw : raw.slice(0, question);
  const segments =
    path === '/'
      ? []
      : path
          .slice(1)
          .split('/')
          .map((segment, index, all) => {
            if (segment === '' && index < all.length - 1) throw badRequest('The path has an empty segment');
            const decoded = decodeComponent(segment);
            if (hasSlashOrControl(decoded) || decoded === '.' || decoded === '..') {
              throw badRequest('The path has a dot, slash or control character segment');
            }
            return decoded;
          });
  const query = new Map<string, string>();
  if (question >= 0 && question < raw.length - 1) {
    for (const pair of raw.slice(question + 1).split('&')) {
      const equals = pair.indexOf('=');
      const name = decodeComponent(equals < 0 ? pair : pair.slice(0, equals));
      if (name === '' || query.has(name)) throw badRequest('A query parameter is empty or repeated');
      query.set(name, decodeComponent(equals < 0 ? '' : pair.slice(equals + 1)));
    }
  }
  return { segments, query };
}

/** The host's request listener: a HostHttpProblem is answered as such, anything else is a logged 500. */
function safeHostHandler(
  handle: (req: IncomingMessage, res: ServerResponse, target: HostTarget) => Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    res.on('error', () => {});
    const run = async () => {
      const hosts = req.rawHeaders.filter((name, index) => index % 2 === 0 && name.toLowerCase() === 'host');
      if (hosts.length > 1 || (hosts.length === 0 && req.httpVersion === '1.1')) {
        throw badRequest('An HTTP/1.1 request has exactly one Host header');
      }
      if (req.headers.host && !hostValue.test(req.headers.host)) throw badRequest('The Host header is not host[:port]');
      await handle(req, res, parseHostTarget(req.url ?? ''));
    };
    run().catch((error: unknown) => {
      if (!(error instanceof HostHttpProblem)) console.warn(`[host] a request failed: ${String(error)}`);
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      const problem =
        error instanceof HostHttpProblem
          ? error.problem
          : { status: 500, code: 'internal-error', title: 'Something went wrong in the host' };
      sendProblem(res, problem);
    });
  };
}

/**
 * The host's HTTP server: requests through `safeHostHandler`; parser errors, CONNECT and unknown
 * Expect answered as problem+json; a listener error is logged, not fatal.
 */
export function createHostServer(
  handle: (req: IncomingMessage, res: ServerResponse, target: HostTarget) => Promise<void>,
): Server {
  const server = createServer({ requireHostHeader: false }, safeHostHandler(handle));
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    endSocketWithProblem(
      socket,
      error.code === 'HPE_HEADER_OVERFLOW'
        ? { status: 431, code: 'headers-too-large', title: 'The request headers are too large' }
        : {
            status: 400,
            code: 'invalid-request',
            title: `The request is not valid HTTP/1.1 (${error.code ?? 'parse error'})`,
          },
    );
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) =>
    endSocketWithProblem(socket, { status: 405, code: 'method-not-allowed', title: 'CONNECT is not served here' }),
  );
  server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) =>
    sendProblem(res, { status: 417, code: 'expectation-failed', title: 'Only "Expect: 100-continue" is understood' }),
  );
  server.on('error', (error) => console.warn(`[host] listener error: ${String(error)}`));
  return server;
}
