import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/setup.ts';
import { refusalWords } from './refusal-words.ts';

describe('sign-in refusals in words', () => {
  const { t } = createI18n('en');

  it('each screen words the same code its own way, with the tries left and the wait', () => {
    const wrong = { ok: false as const, code: 'code-wrong' as const, triesLeft: 1 };
    expect(refusalWords(t, 'numberSignIn', wrong, 0)).toBe('That code is not right — 1 try left');
    expect(refusalWords(t, 'passwordSignIn', wrong, 0)).toBe('That code is not right — 1 try left');
    const locked = { ok: false as const, code: 'too-many-tries' as const, retryAfterSec: 900 };
    expect(refusalWords(t, 'numberSignIn', locked, 899.2)).toBe('Too many wrong codes — try again in 15:00');
    expect(refusalWords(t, 'passwordSignIn', locked, 61)).toBe(
      'Too many wrong tries — this e-mail is locked; try again in 1:01',
    );
  });

  it('a wrong password says the tries left when the service gave them', () => {
    const failure = { ok: false as const, code: 'wrong-password' as const };
    expect(refusalWords(t, 'passwordSignIn', failure, 0)).toBe('The e-mail address or the password is not right');
    expect(refusalWords(t, 'passwordSignIn', { ...failure, triesLeft: 4 }, 0)).toBe(
      'The e-mail address or the password is not right — 4 tries left',
    );
  });

  it("the station step's refusal of a desk phone is worded on both screens", () => {
    const failure = { ok: false as const, code: 'no-desk-phone' as const };
    expect(refusalWords(t, 'passwordSignIn', failure, 0)).toContain('no desk phone');
    expect(refusalWords(createI18n('sv').t, 'passwordSignIn', failure, 0)).toContain('bordstelefon');
  });
});
