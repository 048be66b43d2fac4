import { describe, expect, it } from 'vitest';
import { companyDecidesHold, listeningHoldOn } from './listening-hold.ts';

describe('listening hold: the company decides, else the user', () => {
  it("follows the user's own choice when the company leaves it to them or sends no policy", () => {
    expect(listeningHoldOn('user-choice', true)).toBe(true);
    expect(listeningHoldOn('user-choice', false)).toBe(false);
    expect(listeningHoldOn(undefined, true)).toBe(true);
    expect(listeningHoldOn(undefined, undefined)).toBe(false);
    expect(companyDecidesHold('user-choice')).toBe(false);
    expect(companyDecidesHold(undefined)).toBe(false);
  });

  it("overrides the user's choice either way when the company sets it", () => {
    expect(listeningHoldOn('on', false)).toBe(true);
    expect(listeningHoldOn('on', undefined)).toBe(true);
    expect(listeningHoldOn('off', true)).toBe(false);
    expect(companyDecidesHold('on')).toBe(true);
    expect(companyDecidesHold('off')).toBe(true);
  });
});
