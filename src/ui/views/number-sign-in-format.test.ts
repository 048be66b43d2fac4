import { describe, expect, it } from 'vitest';
import { codeDigits, formatWait } from './number-sign-in-format.ts';

describe('number sign-in formatting', () => {
  it('waits as m:ss, rounded up', () => {
    expect(formatWait(900)).toBe('15:00');
    expect(formatWait(179.2)).toBe('3:00');
    expect(formatWait(59)).toBe('0:59');
    expect(formatWait(-3)).toBe('0:00');
  });

  it('codes keep four digits', () => {
    expect(codeDigits(' 12-34 5')).toBe('1234');
    expect(codeDigits('ab1')).toBe('1');
  });
});
