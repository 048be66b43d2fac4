import { describe, expect, it } from 'vitest';
import { callScope, permits } from './call-permission.ts';

const ours = (digits: string) => ['8001', '8200'].includes(digits);

describe('call permission', () => {
  it.each([
    ['8001', 'internal'],
    ['8200', 'internal'],
    ['8999', 'internal'],
    ['1003', 'internal'],
    ['112', 'internal'],
    ['1234567', 'national'],
    ['0255795125', 'national'],
    ['13912345678', 'national'],
    ['+8613912345678', 'national'],
    ['008613912345678', 'national'],
    ['+4915112345678', 'international'],
    ['004915112345678', 'international'],
    ['+18005550100', 'international'],
    ['+8001', 'international'],
  ])('from a Chinese mobile, %s is %s', (to, scope) => {
    expect(callScope(to, '+8613800138000', ours)).toBe(scope);
  });

  it('national is the caller’s own country: from a German mobile, +49 is national and +86 international', () => {
    expect(callScope('+4930123456', '+4915112345678', ours)).toBe('national');
    expect(callScope('+8613912345678', '+4915112345678', ours)).toBe('international');
  });

  it('each permission allows its own reach and less', () => {
    expect(permits('internal', 'internal')).toBe(true);
    expect(permits('internal', 'national')).toBe(false);
    expect(permits('national', 'national')).toBe(true);
    expect(permits('national', 'international')).toBe(false);
    expect(permits('international', 'international')).toBe(true);
  });
});
