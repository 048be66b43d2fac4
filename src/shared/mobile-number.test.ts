import { describe, expect, it } from 'vitest';
import { parseMobileNumber } from './mobile-number.ts';

describe('parseMobileNumber', () => {
  it('reads a Chinese mobile without country code, with spaces or dashes', () => {
    for (const input of ['13800138000', '138 0013 8000', '138-0013-8000', ' 138.0013.8000 ']) {
      expect(parseMobileNumber(input)).toEqual({ ok: true, e164: '+8613800138000', display: '+86 138 0013 8000' });
    }
  });

  it('accepts +country and 00country', () => {
    expect(parseMobileNumber('+86 139 0013 9000')).toMatchObject({ ok: true, e164: '+8613900139000' });
    expect(parseMobileNumber('0086 13900139000')).toMatchObject({ ok: true, e164: '+8613900139000' });
    expect(parseMobileNumber('+49 151 1234-5678')).toMatchObject({ ok: true, e164: '+4915112345678' });
    expect(parseMobileNumber('+1 (415) 555-0132')).toMatchObject({ ok: true, e164: '+14155550132' });
  });

  it('says why a number cannot be used', () => {
    expect(parseMobileNumber('')).toEqual({ ok: false, error: 'required' });
    expect(parseMobileNumber('   ')).toEqual({ ok: false, error: 'required' });
    expect(parseMobileNumber('12345')).toEqual({ ok: false, error: 'invalid' });
    expect(parseMobileNumber('1380013800')).toEqual({ ok: false, error: 'invalid' });
    expect(parseMobileNumber('+999 1234 5678')).toEqual({ ok: false, error: 'invalid' });
    expect(parseMobileNumber('+86 10 6552 9988')).toEqual({ ok: false, error: 'invalid' }); // a Beijing landline
    expect(parseMobileNumber('138abc38000')).toEqual({ ok: false, error: 'invalid' });
    expect(parseMobileNumber('1'.repeat(41))).toEqual({ ok: false, error: 'tooLong' });
  });
});
