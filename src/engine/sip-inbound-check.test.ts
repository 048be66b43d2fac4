import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInbound, type InboundVerdict } from './sip-inbound-check.ts';

const TORTURE_DIR = join(import.meta.dirname, '../../test/fixtures/sip-torture');

/** The RFC 4475 messages (files keep LF; SIP wants CRLF), by name. */
function torture(): Map<string, { kind: string; text: string }> {
  const manifest = readFileSync(join(TORTURE_DIR, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1);
  return new Map(
    manifest.map((line) => {
      const [name, , kind] = line.split('\t') as [string, string, string];
      const raw = readFileSync(join(TORTURE_DIR, 'rfc4475', `${name}.dat`));
      const bytes: number[] = [];
      for (let i = 0; i < raw.length; i++) {
        if (raw[i] === 0x0a && raw[i - 1] !== 0x0d) bytes.push(0x0d);
        bytes.push(raw[i]!);
      }
      return [name, { kind, text: new TextDecoder().decode(Buffer.from(bytes)) }];
    }),
  );
}

const summary = (verdict: InboundVerdict) =>
  verdict.deliver ? 'deliver' : `${verdict.reason}, ${verdict.reply ? `answer ${verdict.reply.status}` : 'no answer'}`;
const check = (text: string) => checkInbound(text, () => 'tag1');

const OPTIONS = [
  'OPTIONS sip:1001@127.0.0.1 SIP/2.0',
  'Via: SIP/2.0/WS 127.0.0.1:5066;branch=z9hG4bK1',
  'To: <sip:1001@127.0.0.1>',
  'From: <sip:1009@127.0.0.1>;tag=1',
  'Call-ID: check@127.0.0.1',
  'CSeq: 1 OPTIONS',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

describe('the check of every SIP message before JsSIP sees it', () => {
  it('hands on every well-formed RFC 4475 message, and keepalives', () => {
    const valid = [...torture()].filter(([, { kind }]) => kind === 'valid');
    expect(valid.map(([name, { text }]) => [name, summary(check(text))])).toEqual(
      valid.map(([name]) => [name, 'deliver']),
    );
    expect(check('\r\n\r\n')).toEqual({ deliver: true });
    expect(check('\r\n')).toEqual({ deliver: true });
    expect(check(OPTIONS)).toEqual({ deliver: true });
  });

  it('drops the malformed RFC 4475 requests JsSIP cannot parse, answering those it can still answer', () => {
    const messages = torture();
    const verdicts = Object.fromEntries(
      [
        'badinv01',
        'ncl',
        'quotbal',
        'ltgtruri',
        'lwsruri',
        'lwsstart',
        'trws',
        'regbadct',
        'badaspec',
        'baddn',
        'badvers',
        'mismatch01',
        'mismatch02',
        'bigcode',
        'insuf',
        'unksm2',
      ].map((name) => [name, summary(check(messages.get(name)!.text))]),
    );
    expect(verdicts).toEqual({
      badinv01: 'bad header, no answer',
      ncl: 'bad header, answer 400',
      quotbal: 'bad header, no answer',
      ltgtruri: 'bad start line, answer 400',
      lwsruri: 'bad start line, answer 400',
      lwsstart: 'bad start line, answer 400',
      trws: 'bad start line, answer 400',
      regbadct: 'bad header, answer 400',
      badaspec: 'bad header, no answer',
      baddn: 'bad header, no answer',
      badvers: 'SIP version, answer 505',
      mismatch01: 'CSeq method differs, answer 400',
      mismatch02: 'CSeq method differs, answer 400',
      bigcode: 'bad start line, no answer',
      insuf: 'missing header, no answer',
      unksm2: 'bad header, no answer',
    });
  });

  it('says which request it dropped only by a method name it knows', () => {
    const unknown = check(OPTIONS.replace('CSeq: 1 OPTIONS', 'CSeq: 1 OPTIONZ'));
    expect(unknown).toMatchObject({ deliver: false, kind: 'request', method: 'OPTIONS' });
    const invented = check(OPTIONS.replaceAll('OPTIONS', 'SECRET-1234'));
    expect(invented).toMatchObject({ deliver: true });
    const inventedBroken = check(OPTIONS.replaceAll('OPTIONS', 'SECRET-1234').replace('To: <', 'To: <<'));
    expect(inventedBroken).toMatchObject({ deliver: false, method: 'other' });
  });

  it('drops, unanswered, a request with a broken Via past the first (JsSIP would copy it into its answer)', () => {
    const secondVia = OPTIONS.replace('\r\nTo:', '\r\nVia: SIP/2.0/TCP b.example.com;branch x= z9\r\nTo:');
    expect(summary(check(secondVia))).toBe('bad header, no answer');
  });

  it('answers a request with bare LF line ends 400, and drops a response that lacks a header', () => {
    expect(summary(check(OPTIONS.replaceAll('\r\n', '\n')))).toBe('no line end, answer 400');
    const response = 'SIP/2.0 200 OK\r\nVia: SIP/2.0/WS a;branch=z9hG4bK1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n';
    expect(check(response)).toMatchObject({ deliver: false, reason: 'missing header', kind: 'response', reply: null });
  });
});
