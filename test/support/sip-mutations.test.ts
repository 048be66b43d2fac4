import { describe, expect, it } from 'vitest';
import { mutatedMessages } from './sip-mutations.ts';

const seed = Buffer.from(
  'OPTIONS sip:carol@example.com SIP/2.0\r\nVia: SIP/2.0/WSS x.invalid;branch=z9hG4bK1\r\nCall-ID: a@b\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n',
);

describe('seeded SIP mutations', () => {
  it('the same seed gives the same messages; another seed other ones', () => {
    const a = [...mutatedMessages([seed], 200, 4475)];
    const b = [...mutatedMessages([seed], 200, 4475)];
    const c = [...mutatedMessages([seed], 200, 4476)];
    expect(a.map((m) => m.toString('hex'))).toEqual(b.map((m) => m.toString('hex')));
    expect(a.map((m) => m.toString('hex'))).not.toEqual(c.map((m) => m.toString('hex')));
  });

  it('almost every message differs from the seed', () => {
    const changed = [...mutatedMessages([seed], 1000, 1)].filter((m) => !m.equals(seed)).length;
    expect(changed).toBeGreaterThan(950);
  });
});
