/**
 * Hostile HTTP/1.1 requests for listener fuzz tests, sent as raw bytes over `node:net` (fetch would
 * refuse or repair most of them): request lines (methods, `//`, `/%`, `/%zz`, `/..%2f`, absolute
 * form, `*`, very long targets, control characters, invalid UTF-8), headers (Host missing, repeated,
 * malformed, oversized; Content-Length against Transfer-Encoding, bad chunking, thousands of
 * headers) and bodies (invalid, huge, truncated JSON, wrong content type). Seeded: a failure names
 * the seed and the input, and the same seed makes the same inputs.
 */
export type FuzzInput = {
  /** What kind of hostility this is (reported when an input fails). */
  kind: string;
  bytes: Buffer;
  /** The request is malformed: a listener must refuse it (4xx problem+json) or close the connection. */
  malformed: boolean;
};

/** mulberry32: small, fast, good enough to pick inputs reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_TARGETS: [string, boolean][] = [
  ['//', true],
  ['///', true],
  ['//v1/health', true],
  ['/%', true],
  ['/%zz', true],
  ['/%2', true],
  ['/..%2f', true],
  ['/..%2F..%2Fetc%2Fpasswd', true],
  ['/%2e%2e/%2e%2e/etc/passwd', true],
  ['/./', true],
  ['/a/../b', true],
  ['/%00', true],
  ['/%c0%af', true],
  ['/%ff%fe', true],
  ['/%5c..%5c', true],
  ['*', true],
  ['x', true],
  ['?a=1', true],
  ['/#frag', true],
  ['/a?b=%', true],
  ['/a?b=%zz', true],
  ['/a?=1', true],
  ['/a?b=1&b=2', true],
  ['/a?&&', true],
  ['http://x/', false],
  ['http://x', false],
  ['https://evil.example:8443/v1/health?x', false],
  ['/', false],
  ['/v1/health', false],
  ['/index.html', false],
];

const METHODS = [
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'TRACE',
  'CONNECT',
  'FOO',
  'get',
  'G\u00c9T',
];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1 x', 'HTTP/1.', 'http/1.1'];

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function randomBytes(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

/** Flips, inserts or deletes a few bytes of a sane path: percent signs, slashes, dots, high bytes. */
function mutatePath(random: () => number, path: string): Buffer {
  const bytes = [...Buffer.from(path)];
  const alphabet = [0x25, 0x2f, 0x2e, 0x3f, 0x26, 0x3d, 0x5c, 0x00, 0x0d, 0x20, 0x7f, 0x80, 0xff, 0xc3, 0x41, 0x30];
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (bytes.length + 1));
    const choice = random();
    if (choice < 0.4) bytes.splice(at, 0, pick(random, alphabet));
    else if (choice < 0.7 && bytes.length > 1) bytes[Math.min(at, bytes.length - 1)] = pick(random, alphabet);
    else bytes.splice(at, 1);
  }
  return Buffer.from(bytes);
}

const crlf = (lines: (string | Buffer)[]) =>
  Buffer.concat(lines.map((line) => Buffer.concat([Buffer.from(line), Buffer.from('\r\n')])));

function request(
  method: string,
  target: string | Buffer,
  headers: (string | Buffer)[],
  body: Buffer = Buffer.alloc(0),
  version = 'HTTP/1.1',
): Buffer {
  return Buffer.concat([
    crlf([Buffer.concat([Buffer.from(`${method} `), Buffer.from(target), Buffer.from(` ${version}`)]), ...headers, '']),
    body,
  ]);
}

export type FuzzTarget = {
  /** Real routes of the listener, mutated and used for header and body attacks. */
  paths: string[];
  /** Routes that read a JSON body (POST/PUT), for body attacks. */
  bodyRoutes?: { method: string; path: string }[];
  /** Extra headers a real client sends (e.g. Authorization), added to some inputs. */
  headers?: string[];
};

/** `count` hostile requests for `target`, the same for the same seed. */
export function hostileRequests(seed: number, count: number, target: FuzzTarget): FuzzInput[] {
  const random = seededRandom(seed);
  const inputs: FuzzInput[] = [];
  const host = 'Host: 127.0.0.1';
  const extra = () => (target.headers && random() < 0.5 ? target.headers : []);
  const generators: (() => FuzzInput)[] = [
    () => {
      const [path, malformed] = pick(random, HOSTILE_TARGETS);
      return {
        kind: `target ${JSON.stringify(path)}`,
        bytes: request(pick(random, ['GET', 'POST', 'HEAD']), path, [host, ...extra()]),
        malformed,
      };
    },
    () => {
      const bytes = mutatePath(random, pick(random, target.paths));
      return {
        kind: `mutated path ${JSON.stringify(bytes.toString('latin1'))}`,
        bytes: request('GET', bytes, [host, ...extra()]),
        malformed: false,
      };
    },
    () => ({
      kind: 'long target',
      bytes: request('GET', `/${'a/'.repeat(1100 + Math.floor(random() * 12_000))}`, [host]),
      malformed: true,
    }),
    () => ({
      kind: 'long query',
      bytes: request('GET', `${pick(random, target.paths)}?${'x=1&'.repeat(600)}`, [host]),
      malformed: true,
    }),
    () => ({
      kind: 'control character in target',
      bytes: request('GET', Buffer.from([0x2f, Math.floor(random() * 0x20)]), [host]),
      malformed: true,
    }),
    () => ({
      kind: 'invalid UTF-8 in target',
      bytes: request('GET', Buffer.concat([Buffer.from('/'), randomBytes(random, 3).map((b) => b | 0x80)]), [host]),
      malformed: true,
    }),
    () => {
      const method = pick(random, METHODS);
      const version = pick(random, VERSIONS);
      return {
        kind: `request line ${method} ${version}`,
        bytes: request(method, pick(random, target.paths), [host], Buffer.alloc(0), version),
        malformed: false,
      };
    },
    () => ({ kind: 'no Host', bytes: request('GET', pick(random, target.paths), extra()), malformed: true }),
    () => ({
      kind: 'two Hosts',
      bytes: request('GET', pick(random, target.paths), [host, 'Host: evil.example', ...extra()]),
      malformed: true,
    }),
    () => {
      const value = pick(random, ['a b', '[::1', 'x/y', '', 'a@b', `${'h'.repeat(300)}:99999999`, 'a\u0001b']);
      return {
        kind: `bad Host ${JSON.stringify(value)}`,
        bytes: request('GET', pick(random, target.paths), [`Host: ${value}`]),
        malformed: value !== '',
      };
    },
    () => ({
      kind: 'oversized header',
      bytes: request('GET', pick(random, target.paths), [host, `X-Big: ${'b'.repeat(20_000)}`]),
      malformed: true,
    }),
    () => ({
      kind: 'thousands of headers',
      bytes: request('GET', pick(random, target.paths), [
        host,
        ...Array.from({ length: 3000 }, (_, i) => `X-${i}: ${i}`),
      ]),
      malformed: true,
    }),
    () => {
      const line = pick(random, [
        'NoColon',
        'Bad Name: 1',
        ' Leading: space',
        'X: a\u0000b',
        // obs-text: allowed in a value, so not malformed.
        'X:\u00ff\u00fe',
        'X: 1\r\n continued',
      ]);
      return {
        kind: `malformed header ${JSON.stringify(line)}`,
        bytes: request('GET', pick(random, target.paths), [host, Buffer.from(line, 'latin1')]),
        malformed: line !== 'X:\u00ff\u00fe',
      };
    },
    () => ({
      kind: 'bare LF line ends',
      bytes: Buffer.from(`GET ${pick(random, target.paths)} HTTP/1.1\nHost: a\n\n`),
      malformed: true,
    }),
    () => {
      const route = target.bodyRoutes?.length
        ? pick(random, target.bodyRoutes)
        : { method: 'POST', path: pick(random, target.paths) };
      const attack = pick(random, [
        'cl+te',
        'two cl',
        'negative cl',
        'huge cl',
        'te gzip',
        'bad chunk',
        'chunk overflow',
      ]);
      const headers: Record<string, string[]> = {
        'cl+te': ['Content-Length: 4', 'Transfer-Encoding: chunked'],
        'two cl': ['Content-Length: 2', 'Content-Length: 3'],
        'negative cl': ['Content-Length: -1'],
        'huge cl': ['Content-Length: 99999999999999999999'],
        'te gzip': ['Transfer-Encoding: gzip'],
        'bad chunk': ['Transfer-Encoding: chunked'],
        'chunk overflow': ['Transfer-Encoding: chunked'],
      };
      const body =
        attack === 'bad chunk'
          ? 'zz\r\n{}\r\n0\r\n\r\n'
          : attack === 'chunk overflow'
            ? 'ffffffffffffffffff\r\n{}\r\n0\r\n\r\n'
            : '0\r\n\r\n';
      return {
        kind: `framing ${attack}`,
        bytes: request(
          route.method,
          route.path,
          [host, 'Content-Type: application/json', ...headers[attack]!, ...extra()],
          Buffer.from(body),
        ),
        malformed: true,
      };
    },
    () => {
      const route = target.bodyRoutes?.length
        ? pick(random, target.bodyRoutes)
        : { method: 'POST', path: pick(random, target.paths) };
      const bodies = [
        '{nope',
        '[',
        '{"a":',
        'null',
        '[]',
        '"x"',
        '1e999',
        '{"__proto__":{"x":1}}',
        '{"mobile":{"$gt":""}}',
        `${'['.repeat(5000)}${']'.repeat(5000)}`,
        randomBytes(random, 200).toString('latin1'),
      ];
      const body = Buffer.from(pick(random, bodies), 'latin1');
      return {
        kind: 'invalid JSON body',
        bytes: request(
          route.method,
          route.path,
          [host, 'Content-Type: application/json', `Content-Length: ${body.length}`, ...extra()],
          body,
        ),
        malformed: true,
      };
    },
    () => {
      const route = target.bodyRoutes?.length
        ? pick(random, target.bodyRoutes)
        : { method: 'POST', path: pick(random, target.paths) };
      const body = Buffer.from(`{"mobile":"${'9'.repeat(40_000 + Math.floor(random() * 200_000))}"}`);
      return {
        kind: 'huge body',
        bytes: request(
          route.method,
          route.path,
          [host, 'Content-Type: application/json', `Content-Length: ${body.length}`],
          body,
        ),
        malformed: true,
      };
    },
    () => {
      const route = target.bodyRoutes?.length
        ? pick(random, target.bodyRoutes)
        : { method: 'POST', path: pick(random, target.paths) };
      return {
        kind: 'truncated body',
        bytes: request(
          route.method,
          route.path,
          [host, 'Content-Type: application/json', 'Content-Length: 100', ...extra()],
          Buffer.from('{"mobile":"1'),
        ),
        malformed: true,
      };
    },
    () => {
      const route = target.bodyRoutes?.length
        ? pick(random, target.bodyRoutes)
        : { method: 'POST', path: pick(random, target.paths) };
      const type = pick(random, [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        '',
        'application/jsonx',
      ]);
      return {
        kind: `content type ${JSON.stringify(type)}`,
        bytes: request(
          route.method,
          route.path,
          [host, `Content-Type: ${type}`, 'Content-Length: 2', ...extra()],
          Buffer.from('{}'),
        ),
        malformed: true,
      };
    },
    () => ({ kind: 'random bytes', bytes: randomBytes(random, 1 + Math.floor(random() * 400)), malformed: true }),
    () => ({
      kind: 'unknown Expect',
      bytes: request('GET', pick(random, target.paths), [host, 'Expect: 200-ok']),
      malformed: true,
    }),
    () => ({ kind: 'HTTP/2 preface', bytes: Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), malformed: true }),
    () => ({
      kind: 'upgrade to nowhere',
      bytes: request('GET', pick(random, target.paths), [
        host,
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: bad',
      ]),
      malformed: false,
    }),
  ];
  for (let i = 0; i < count; i++) inputs.push(pick(random, generators)());
  return inputs;
}
