import { describe, expect, it } from 'vitest';
import { validateSignIn, type SignInFields } from './sign-in-validation.ts';

const good: SignInFields = {
  server: 'wss://pbx.example.cn',
  user: '1001',
  password: 'pw',
  displayName: '',
  domain: '',
};

describe('validateSignIn', () => {
  it('accepts a complete account and drops empty optional fields', () => {
    expect(validateSignIn(good)).toEqual({
      ok: true,
      input: { server: 'wss://pbx.example.cn', user: '1001', password: 'pw' },
    });
  });

  it('maps schema issues to translation keys per field', () => {
    expect(validateSignIn({ ...good, server: '', user: '', password: '' })).toEqual({
      ok: false,
      errors: {
        server: 'signIn.errors.server.required',
        user: 'signIn.errors.user.required',
        password: 'signIn.errors.password.required',
      },
    });
    expect(validateSignIn({ ...good, server: 'http://x', user: '10 01', domain: 'a b' })).toEqual({
      ok: false,
      errors: {
        server: 'signIn.errors.server.invalid',
        user: 'signIn.errors.user.invalid',
        domain: 'signIn.errors.domain.invalid',
      },
    });
    expect(validateSignIn({ ...good, displayName: 'x'.repeat(65) })).toEqual({
      ok: false,
      errors: { displayName: 'signIn.errors.displayName.tooLong' },
    });
  });
});
