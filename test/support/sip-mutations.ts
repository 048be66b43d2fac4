/**
 * Seeded random mutations of SIP messages for the torture test: the same seed gives the same
 * 10,000 messages on every run, so a failure names a message that can be replayed.
 */
import { seededRandom } from '../../electron/services/call-log/test-support/prng.ts';

type Mutation = (message: Buffer, random: () => number) => Buffer;

const int = (random: () => number, below: number) => Math.floor(random() * below);
const NASTY = [
  '\0',
  '\r\n',
  '\r\n\r\n',
  ':',
  ';',
  '<',
  '>',
  '"',
  '\\',
  '%00',
  ' ',
  '\t',
  'SIP/2.0',
  '=',
  ',',
  '@',
  '\u00ff',
  '\u{1F4DE}',
  '99999999999999999999',
  '-1',
];

const mutations: Mutation[] = [
  // Flip some bytes.
  (m, r) => {
    const out = Buffer.from(m);
    for (let i = 0, n = 1 + int(r, 8); i < n && out.length > 0; i++) out[int(r, out.length)] = int(r, 256);
    return out;
  },
  // Delete a range.
  (m, r) => {
    const start = int(r, m.length);
    return Buffer.concat([m.subarray(0, start), m.subarray(Math.min(m.length, start + 1 + int(r, 64)))]);
  },
  // Duplicate a range in place.
  (m, r) => {
    const start = int(r, m.length);
    const piece = m.subarray(start, start + 1 + int(r, 128));
    return Buffer.concat([m.subarray(0, start), piece, piece, m.subarray(start + piece.length)]);
  },
  // Insert a nasty token.
  (m, r) => {
    const at = int(r, m.length + 1);
    return Buffer.concat([m.subarray(0, at), Buffer.from(NASTY[int(r, NASTY.length)]!), m.subarray(at)]);
  },
  // Truncate.
  (m, r) => m.subarray(0, int(r, m.length)),
  // Swap two lines, or drop one.
  (m, r) => {
    const lines = m.toString('latin1').split('\r\n');
    const a = int(r, lines.length);
    const b = int(r, lines.length);
    if (r() < 0.5) [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    else lines.splice(a, 1);
    return Buffer.from(lines.join('\r\n'), 'latin1');
  },
  // Blow a header value up to many kilobytes.
  (m, r) => {
    const lines = m.toString('latin1').split('\r\n');
    const i = 1 + int(r, Math.max(1, lines.length - 1));
    lines[i] = `${lines[i] ?? 'X'}${'A;b=,'.repeat(200 + int(r, 4000))}`;
    return Buffer.from(lines.join('\r\n'), 'latin1');
  },
  // Lie in Content-Length.
  (m, r) => {
    const values = ['0', '-5', '99999999', String(int(r, 2000)), 'abc', ''];
    return Buffer.from(
      m.toString('latin1').replace(/^(Content-Length|l)\s*:.*$/im, `Content-Length: ${values[int(r, values.length)]}`),
      'latin1',
    );
  },
  // Replace line endings: bare LF or bare CR.
  (m, r) => Buffer.from(m.toString('latin1').replaceAll('\r\n', r() < 0.5 ? '\n' : '\r'), 'latin1'),
];

/** One to three mutations of a message picked from `seeds`. */
export function mutateOne(seeds: Buffer[], random: () => number): Buffer {
  let message = seeds[int(random, seeds.length)]!;
  for (let i = 0, n = 1 + int(random, 3); i < n; i++)
    message = mutations[int(random, mutations.length)]!(message, random);
  return message;
}

export function* mutatedMessages(seeds: Buffer[], count: number, seed: number): Generator<Buffer> {
  const random = seededRandom(seed);
  for (let i = 0; i < count; i++) yield mutateOne(seeds, random);
}
