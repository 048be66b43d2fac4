import { describe, expect, it } from 'vitest';
import { passwordViolations, violationMessages, passwordViolationCodes } from './password-rules.ts';

const email = 'anna.li@example.com';
const check = (password: string, recentlyUsed = false) => passwordViolations(password, { email, recentlyUsed });

describe('password rules', () => {
  it('accepts a password with a letter, a digit and a symbol, 8 to 20 characters long', () => {
    expect(check('Harbor7!')).toEqual([]);
    expect(check('Harbor7!Harbor7!Harb')).toEqual([]);
  });

  it('refuses a password under 8 characters', () => {
    expect(check('Hb7!xyz')).toEqual(['too-short']);
  });

  it('refuses a password over 20 characters', () => {
    expect(check('Harbor7!Harbor7!Harbo')).toEqual(['too-long']);
  });

  it('counts characters as seen, not UTF-16 units: Chinese letters count as letters, an emoji as one', () => {
    expect(check('港口灯塔七号码1!')).toEqual([]);
    expect(check('😀😀😀a1!')).toEqual(['too-short']);
  });

  it('refuses a password without a letter', () => {
    expect(check('12345678!')).toEqual(['no-letter']);
  });

  it('refuses a password without a digit', () => {
    expect(check('Harborside!')).toEqual(['no-digit']);
  });

  it('refuses a password without a symbol', () => {
    expect(check('Harbor77')).toEqual(['no-symbol']);
  });

  it('refuses spaces and other blank characters', () => {
    expect(check('Harbor 7!')).toEqual(['has-whitespace']);
    expect(check('Harbor\t7!')).toEqual(['has-whitespace']);
  });

  it("refuses the e-mail's local part, in any case, also inside a longer password", () => {
    expect(check('anna.li7!')).toEqual(['contains-email-name']);
    expect(check('xANNA.LI9!')).toEqual(['contains-email-name']);
    expect(check('Anna.Li2026#')).toEqual(['contains-email-name']);
  });

  it('does not hold a one- or two-letter local part against the password', () => {
    expect(passwordViolations('li2026!x', { email: 'li@example.com' })).toEqual([]);
  });

  it('refuses a password used among the last five', () => {
    expect(check('Harbor7!', true)).toEqual(['recently-used']);
  });

  it('lists every rule broken, not just the first', () => {
    expect(check('ab c')).toEqual(['too-short', 'no-digit', 'no-symbol', 'has-whitespace']);
  });

  it('has words for every violation code', () => {
    for (const code of passwordViolationCodes) expect(violationMessages[code]).toMatch(/\w/);
  });
});
