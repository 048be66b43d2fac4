import { describe, expect, it } from 'vitest';
import { dialArgument, parseDialLink } from './dial-link.ts';

const ok = (target: string) => ({ ok: true, target });
const no = (reason: string) => ({ ok: false, reason });

describe('parseDialLink', () => {
  it('reads tel: and callto: links the way CRMs and browsers write them', () => {
    expect(parseDialLink('tel:+86-10-1234-5678')).toEqual(ok('+861012345678'));
    expect(parseDialLink('tel:(010) 1234.5678;phone-context=+86')).toEqual(ok('01012345678'));
    expect(parseDialLink('TEL:8057')).toEqual(ok('8057'));
    expect(parseDialLink('callto://+46701234567')).toEqual(ok('+46701234567'));
    expect(parseDialLink('callto:1002')).toEqual(ok('1002'));
    expect(parseDialLink('tel:%2B8613800138000')).toEqual(ok('+8613800138000'));
  });

  it('reads sip: links, dropping parameters and headers', () => {
    expect(parseDialLink('sip:1002@pbx.example.com')).toEqual(ok('1002@pbx.example.com'));
    expect(parseDialLink('sips:alice@example.com:5061;transport=tls?subject=hi')).toEqual(ok('alice@example.com:5061'));
    expect(parseDialLink('sip:1002')).toEqual(ok('1002'));
  });

  it('takes a bare number as typed', () => {
    expect(parseDialLink(' 138 0013 8000 ')).toEqual(ok('13800138000'));
  });

  it('refuses other schemes, script and markup', () => {
    expect(parseDialLink('javascript:alert(1)')).toEqual(no('unsupported-scheme'));
    expect(parseDialLink('file:///etc/passwd')).toEqual(no('unsupported-scheme'));
    expect(parseDialLink('https://evil.example/tel:123')).toEqual(no('unsupported-scheme'));
    expect(parseDialLink('tel:<script>alert(1)</script>')).toEqual(no('malformed'));
    expect(parseDialLink('sip:a b@c')).toEqual(no('malformed'));
    expect(parseDialLink('tel:1234abc')).toEqual(no('malformed'));
  });

  it('refuses control characters, raw or percent-encoded, and overlong input', () => {
    expect(parseDialLink('tel:123\n456')).toEqual(no('control-characters'));
    expect(parseDialLink('tel:123\u0000')).toEqual(no('control-characters'));
    expect(parseDialLink('tel:123%0A456')).toEqual(no('malformed'));
    expect(parseDialLink('tel:%E0%A4%A')).toEqual(no('malformed'));
    expect(parseDialLink(`tel:${'1'.repeat(129)}`)).toEqual(no('too-long'));
    expect(parseDialLink(`tel:${'1'.repeat(10_000)}`)).toEqual(no('too-long'));
    expect(parseDialLink('tel:')).toEqual(no('empty'));
  });
});

describe('dialArgument', () => {
  it('finds --dial NUMBER, --dial=NUMBER or a link among other arguments', () => {
    expect(dialArgument(['/opt/Switchboard/switchboard', '--dial', '1002'])).toEqual(ok('1002'));
    expect(dialArgument(['app', '--flag', '--dial=+46 70 123 45 67'])).toEqual(ok('+46701234567'));
    expect(dialArgument(['app', 'tel:8057'])).toEqual(ok('8057'));
    expect(dialArgument(['app', '--dial'])).toEqual(no('empty'));
    expect(dialArgument(['app', '--inspect'])).toBeNull();
  });
});
