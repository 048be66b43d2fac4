import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost: N (CPU and memory), r (block size), p (parallelism), keylen (bytes out). */
export type ScryptParams = { N: number; r: number; p: number; keylen: number };

/**
 * N = 2^15, r = 8, p = 3: one of the settings the OWASP Password Storage Cheat Sheet lists as equal
 * to its scrypt minimum (N = 2^17, r = 8, p = 1), at 32 MiB per hash instead of 128 MiB, so a few
 * sign-ins at once do not squeeze a small reference switchboard. Stored with each hash, so raising it
 * later does not invalidate anyone's password (re-hashing at sign-in is not built yet).
 */
export const defaultScryptParams: ScryptParams = { N: 2 ** 15, r: 8, p: 3, keylen: 32 };

export type PasswordHash = { hash: Buffer; salt: Buffer; params: ScryptParams };

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    // The async scrypt runs on libuv's pool: the event loop keeps serving while a hash is made.
    scrypt(password.normalize('NFC'), salt, params.keylen, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** A new hash with a fresh 16-byte random salt. */
export async function hashPassword(password: string, params = defaultScryptParams): Promise<PasswordHash> {
  const salt = randomBytes(16);
  return { hash: await derive(password, salt, params), salt, params };
}

export async function passwordMatches(password: string, stored: PasswordHash): Promise<boolean> {
  const key = await derive(password, stored.salt, stored.params);
  return key.length === stored.hash.length && timingSafeEqual(key, stored.hash);
}

/** A hash nobody's password matches, checked for an e-mail nobody registered: the same work, the same time. */
const dummySalt = randomBytes(16);
export async function dummyPasswordCheck(password: string, params = defaultScryptParams): Promise<false> {
  await derive(password, dummySalt, params);
  return false;
}

export function parseParams(json: string): ScryptParams {
  const value = JSON.parse(json) as Partial<ScryptParams>;
  const { N, r, p, keylen } = value;
  if (![N, r, p, keylen].every((n) => Number.isSafeInteger(n) && (n as number) > 0)) {
    throw new Error(`Bad scrypt parameters: ${json}`);
  }
  return { N: N!, r: r!, p: p!, keylen: keylen! };
}

/** Random first or reset passwords: 14 characters from letters, digits and symbols, no look-alikes. */
const letters = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const digits = '23456789';
const symbols = '!#%*+-=?@^_';
export function randomPassword(): string {
  const all = letters + digits + symbols;
  const pick = (set: string) => set[randomInt(set.length)]!;
  // One of each class forced, then shuffled so their places are not known.
  const chars = [pick(letters), pick(digits), pick(symbols), ...Array.from({ length: 11 }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
