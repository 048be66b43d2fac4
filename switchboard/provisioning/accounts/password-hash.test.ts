import { describe, expect, it } from 'vitest';
import { passwordViolations } from './password-rules.ts';
import { dummyPasswordCheck, hashPassword, parseParams, passwordMatches, randomPassword } from './password-hash.ts';

describe('password hashes', () => {
  it('matches the password it was made from and nothing else', async () => {
    const stored = await hashPassword('Harbor7!');
    expect(await passwordMatches('Harbor7!', stored)).toBe(true);
    expect(await passwordMatches('harbor7!', stored)).toBe(false);
  });

  it('salts each hash on its own, so one password hashed twice looks different', async () => {
    const [a, b] = await Promise.all([hashPassword('Harbor7!'), hashPassword('Harbor7!')]);
    expect(a.salt.equals(b.salt)).toBe(false);
    expect(a.hash.equals(b.hash)).toBe(false);
  });

  it('checks an old hash with the parameters stored beside it, after the default was raised', async () => {
    const old = await hashPassword('Harbor7!', { N: 2 ** 12, r: 8, p: 1, keylen: 32 });
    const reread = { ...old, params: parseParams(JSON.stringify(old.params)) };
    expect(await passwordMatches('Harbor7!', reread)).toBe(true);
  });

  it('refuses stored parameters that are not positive whole numbers', () => {
    expect(() => parseParams('{"N":0,"r":8,"p":1,"keylen":32}')).toThrow(/scrypt/);
  });

  it('never lets the dummy check through', async () => {
    expect(await dummyPasswordCheck('anything')).toBe(false);
  });

  it('makes random passwords that meet the rules and differ', () => {
    const made = Array.from({ length: 50 }, () => randomPassword());
    for (const password of made) expect(passwordViolations(password, { email: 'x@example.com' })).toEqual([]);
    expect(new Set(made).size).toBe(50);
  });
});
