import { describe, expect, it } from 'vitest';
import { maskNumber, parseE164 } from './e164.ts';

describe('parseE164', () => {
  it('accepts international forms with separators', () => {
    expect(parseE164('+86 138-0013-8000')).toBe('+8613800138000');
    expect(parseE164('0086 (138) 0013 8000')).toBe('+8613800138000');
    expect(parseE164('+44 20 7946 0958')).toBe('+442079460958');
  });
  it('uses the default country code only when given, dropping a trunk 0', () => {
    expect(parseE164('13800138000')).toBeNull();
    expect(parseE164('13800138000', '86')).toBe('+8613800138000');
    expect(parseE164('020 7946 0958', '44')).toBe('+442079460958');
  });
  it('rejects garbage, too short, too long and a 0 country code', () => {
    for (const bad of ['', '+', 'abc', '+86abc12345678', '+1234567', '+1234567890123456', '+0861380013800']) {
      expect(parseE164(bad)).toBeNull();
    }
  });
  it('masks', () => expect(maskNumber('+8613800138000')).toBe('+8613****8000'));
});
