/**
 * The entry of every switchboard HTTP listener (provisioning API, presence streams, update feed):
 * the one place a request's target and query are read, and the one way a bad request is answered
 * (RFC 9457 problem+json). Nothing a client sends can throw past it: a malformed request gets 400,
 * a handler that throws gets 500 and a log line, and the process goes on. Node's own URL parser is
 * not used on request targets: `new URL('//', base)` throws, and `new URL('//x/y', base)` reads
 * "x" as a host.
 */
import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { stderrLog, type SwitchboardLog } from './log.ts';

/** RFC 9457 problem details; `code` is the machine-readable reason clients switch on. */
export type Problem = { status: number; code: string; title: string; [extension: string]: unknown };

/** Thrown anywhere under a handler: the entry answers it as problem+json. */
export class HttpProblem extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'HttpProblem';
    this.problem = problem;
  }
}

export const badRequest = (title: string, extensions: Record<string, unknown> = {}) =>
  new HttpProblem({ status: 400, code: 'invalid-request', title, ...extensions });

/** Longest request target read (path and query); longer ones get 414. */
export const MAX_TARGET_LENGTH = 2048;

function problemText(problem: Problem): string {
  return JSON.stringify({ type: `urn:switchboard:problem:${problem.code}`, ...problem });
}

export function sendProblem(res: ServerResponse, problem: Problem, headers: Record<string, string> = {}): void {
  const text = problemText(problem);
  res.writeHead(problem.status, {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** A whole response written on the socket: for errors Node reports before there is a request object. */
export function rawProblemResponse(problem: Problem): string {
  const text = problemText(problem);
  return [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}`,
    'content-type: application/problem+json; charset=utf-8',
    `content-length: ${Buffer.byteLength(text)}`,
    'cache-control: no-store',
    'connection: close',
    '',
    text,
  ].join('\r\n');
}

/** Answers on a raw socket and closes it; a peer that never reads is cut off after a second. */
export function endSocketWithProblem(socket: Duplex, problem: Problem): void {
  socket.on('error', () => {});
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(rawProblemResponse(problem));
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** An encoded '/' or '\\' or a control character inside one segment. */
const hasSlashOrControl = (text: string) =>
  [...text].some((char) => char === '/' || char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

/** Strict `%XX` decoding: a bad escape or bytes that are not UTF-8 are refused, never guessed. */
function decodeComponent(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw badRequest(`${what} has a bad percent-escape`);
  }
}

/** Shown in messages: a client's parameter name, cut short. */
const quoted = (name: string) => JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);

export type IntRange = { min: number; max: number; default?: number };

/** A request's query: each name at most once; integers in decimal digits only. */
export class QueryParams {
  readonly #values: Map<string, string>;

  private constructor(values: Map<string, string>) {
    this.#values = values;
  }

  /** `text` is what follows the `?` (form encoding: `+` is a space). */
  static parse(text: string): QueryParams {
    const values = new Map<string, string>();
    if (text === '') return new QueryParams(values);
    for (const pair of text.split('&')) {
      const equals = pair.indexOf('=');
      const rawName = equals < 0 ? pair : pair.slice(0, equals);
      const rawValue = equals < 0 ? '' : pair.slice(equals + 1);
      const name = decodeComponent(rawName.replace(/\+/g, ' '), 'A query parameter name');
      if (name === '') throw badRequest('A query parameter has no name');
      if (values.has(name))
        throw badRequest(`Query parameter ${quoted(name)} is given more than once`, { parameter: name });
      values.set(name, decodeComponent(rawValue.replace(/\+/g, ' '), `Query parameter ${quoted(name)}`));
    }
    return new QueryParams(values);
  }

  names(): string[] {
    return [...this.#values.keys()];
  }

  /** Refuses any parameter the route does not read (a typo is an error, not a default). */
  only(...allowed: string[]): this {
    const unknown = this.names().find((name) => !allowed.includes(name));
    if (unknown !== undefined) throw badRequest(`Unknown query parameter ${quoted(unknown)}`, { parameter: unknown });
    return this;
  }

  string(name: string): string | undefined {
    return this.#values.get(name);
  }

  /**
   * A whole number written exactly: decimal digits, no sign, no leading zero, no spaces,
   * no exponent, hex or fraction (`since=0x10` and `limit=1e3` are refused), within the range.
   */
  int(name: string, range: IntRange): number {
    const raw = this.#values.get(name);
    if (raw === undefined) {
      if (range.default !== undefined) return range.default;
      throw badRequest(`Query parameter ${quoted(name)} is required`, { parameter: name });
    }
    const value = /^(0|[1-9][0-9]{0,15})$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
      throw badRequest(
        `Query parameter ${quoted(name)} must be a whole number from ${range.min} to ${range.max}, in decimal digits`,
        { parameter: name },
      );
    }
    return value;
  }

  /** Every parameter as a record (for a schema that checks the strings itself). */
  toRecord(): Record<string, string> {
    return Object.fromEntries(this.#values);
  }
}

export type RequestTarget = {
  /** Decoded path, '/' + segments joined by '/'; no empty, dot, or slash-carrying segment can be in it. */
  path: string;
  segments: string[];
  query: QueryParams;
};

/**
 * Reads a request target (RFC 9112 §3.2): origin-form `/path?query`, or absolute-form
 * `http://host/path?query` (whose authority is ignored). Anything else, an empty or dot segment,
 * an encoded `/` or `\`, control characters, bad escapes and non-UTF-8 bytes are 400; over
 * MAX_TARGET_LENGTH is 414.
 */
export function parseRequestTarget(raw: string): RequestTarget {
  if (raw.length > MAX_TARGET_LENGTH) {
    throw new HttpProblem({
      status: 414,
      code: 'uri-too-long',
      title: `The request target is over ${MAX_TARGET_LENGTH} characters`,
    });
  }
  if (!/^[\x21-\x7e]+$/.test(raw) || raw.includes('#')) {
    throw badRequest('The request target has characters a URL cannot carry');
  }
  let rest = raw;
  const absolute = /^https?:\/\/[^/?]*/i.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || '/';
  if (rest.startsWith('?')) rest = `/${rest}`;
  if (!rest.startsWith('/')) throw badRequest('The request target must be a path starting with "/"');
  const question = rest.indexOf('?');
  const rawPath = question < 0 ? rest : rest.slice(0, question);
  const query = QueryParams.parse(question < 0 ? '' : rest.slice(question + 1));
  if (rawPath === '/') return { path: '/', segments: [], query };
  const segments = rawPath
    .slice(1)
    .split('/')
    .map((segment, index, all) => {
      if (segment === '' && index < all.length - 1) throw badRequest('The path has an empty segment ("//")');
      const decoded = decodeComponent(segment, 'The path');
      if (hasSlashOrControl(decoded)) throw badRequest('The path has an encoded slash or control character');
      if (decoded === '.' || decoded === '..') throw badRequest('The path has a "." or ".." segment');
      return decoded;
    });
  return { path: `/${segments.join('/')}`, segments, query };
}

const hostValue = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+,;=%-]+)(:[0-9]{1,5})?$/;

/**
 * RFC 9112 §3.2: an HTTP/1.1 request without Host, with more than one, or with one that is not
 * host[:port] is 400 (Node answers a missing one without a body, and keeps the first of several).
 */
function checkHost(req: IncomingMessage): void {
  const hosts = req.rawHeaders.filter((_, index) => index % 2 === 0).filter((name) => name.toLowerCase() === 'host');
  if (hosts.length > 1) throw badRequest('The request has more than one Host header');
  const host = req.headers.host;
  if (host === undefined && req.httpVersion === '1.1') throw badRequest('The request has no Host header');
  if (host && !hostValue.test(host)) throw badRequest('The Host header is not a host name and port');
}

export type SafeHandlerOptions = {
  /** Names the listener in the log. */
  name: string;
  log?: SwitchboardLog;
  /** Maps a handler's own error type to a problem; anything unmapped is a 500. */
  toProblem?: (error: unknown) => Problem | null;
  /**
   * Every refusal (4xx and 5xx) carries a short `traceId` that is also logged with the route and the
   * problem code, so an administrator can find the failure a user reads out (issue 18).
   */
  traceRefusals?: boolean;
};

export type EntryHandler = (req: IncomingMessage, res: ServerResponse, target: RequestTarget) => Promise<void>;

/**
 * The request listener of a switchboard server: checks Host, parses the target, runs `handle`,
 * and answers whatever it throws (HttpProblem or `toProblem`'s → that problem; anything else → 500
 * logged). A response that already started is cut, not patched.
 */
function safeHandler(
  handle: EntryHandler,
  options: SafeHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const log = options.log ?? stderrLog;
  return (req, res) => {
    // Writes after the client went away (a stream's next event, a late answer) must not throw.
    res.on('error', () => {});
    const run = async () => {
      checkHost(req);
      await handle(req, res, parseRequestTarget(req.url ?? ''));
    };
    run().catch((error: unknown) => {
      let problem = error instanceof HttpProblem ? error.problem : (options.toProblem?.(error) ?? null);
      const traceId = options.traceRefusals ? randomBytes(6).toString('hex') : undefined;
      const traced = traceId !== undefined ? { traceId } : {};
      if (!problem) {
        log.error(`${options.name}: a request handler failed`, { method: req.method, ...traced, err: error });
        problem = { status: 500, code: 'internal-error', title: 'Something went wrong on the server' };
      } else if (traceId !== undefined) {
        // The path only: a query may carry what does not belong in a log.
        const path = (req.url ?? '').split('?')[0]!.slice(0, 200);
        log.info(`${options.name}: refused`, {
          traceId,
          method: req.method,
          path,
          status: problem.status,
          code: problem.code,
        });
      }
      problem = { ...problem, ...traced };
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      const headers: Record<string, string> = {};
      if (typeof problem['retryAfterSec'] === 'number') headers['retry-after'] = String(problem['retryAfterSec']);
      // An unread body is not read on: the connection closes after the answer.
      if (!req.complete) headers['connection'] = 'close';
      sendProblem(res, problem, headers);
    });
  };
}

type HttpParserError = Error & { code?: string };

/** The response in flight on a socket, if any (Node keeps it there; its clientError handler checks it too). */
const inFlightHeadersSent = (socket: Duplex) =>
  (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;

/**
 * A switchboard HTTP server whose requests all come through `safeHandler`. What Node's HTTP parser
 * refuses (bad request line, headers, chunking, Content-Length with Transfer-Encoding, headers over
 * 16 KB) is answered as problem+json too; CONNECT gets 405, an unknown Expect 417; a listener error
 * (EMFILE on accept) is logged instead of ending the process; slow clients are timed out.
 */
export function createSafeServer(handle: EntryHandler, options: SafeHandlerOptions): Server {
  const log = options.log ?? stderrLog;
  // Host is checked by safeHandler, so a missing one is answered as problem+json like the rest.
  const server = createServer({ requireHostHeader: false }, safeHandler(handle, options));
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.on('clientError', (error: HttpParserError, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable || inFlightHeadersSent(socket)) {
      socket.destroy();
      return;
    }
    const problem: Problem =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? { status: 431, code: 'headers-too-large', title: 'The request headers are too large' }
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? { status: 408, code: 'request-timeout', title: 'The request took too long to arrive' }
          : {
              status: 400,
              code: 'invalid-request',
              title: `The request is not valid HTTP/1.1 (${error.code ?? 'parse error'})`,
            };
    endSocketWithProblem(socket, problem);
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    endSocketWithProblem(socket, { status: 405, code: 'method-not-allowed', title: 'CONNECT is not served here' });
  });
  server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) =>
    sendProblem(res, { status: 417, code: 'expectation-failed', title: 'Only "Expect: 100-continue" is understood' }),
  );
  server.on('error', (error) => log.error(`${options.name}: listener error`, { err: error }));
  return server;
}
