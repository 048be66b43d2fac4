import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SipAccountInput } from '../../../src/shared/domain.ts';
import { makeTempDir } from '../fs/temp-dir.ts';
import { CredentialStore } from './credential-store.ts';
import { NodeSecretBox } from './node-secret-box.ts';
import type { SecretBox } from './secret-box.ts';

const ACCOUNT: SipAccountInput = {
  server: 'wss://sip.example.com:443',
  user: '1001',
  domain: 'example.com',
  password: 'correct horse battery staple',
  displayName: 'Front desk',
};

const posix = process.platform !== 'win32';

describe('CredentialStore with NodeSecretBox', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let filePath: string;
  let keyPath: string;
  let problems: string[];

  const makeStore = (box: SecretBox = new NodeSecretBox(keyPath)) =>
    new CredentialStore({ filePath, secretBox: box, onProblem: (reason) => problems.push(reason) });

  beforeEach(() => {
    temp = makeTempDir('credentials');
    filePath = join(temp.dir, 'account.bin');
    keyPath = join(temp.dir, 'secret.key');
    problems = [];
  });
  afterEach(() => temp.cleanup());

  it('returns null with reason "missing" when nothing was saved, without reporting a problem', () => {
    const store = makeStore();
    expect(store.load()).toBeNull();
    expect(store.lastLoadReason).toBe('missing');
    expect(problems).toEqual([]);
  });

  it('round-trips an account through a fresh store instance', () => {
    expect(makeStore().save(ACCOUNT)).toEqual({ saved: true, keychain: false });
    const again = makeStore();
    expect(again.load()).toEqual(ACCOUNT);
    expect(again.lastLoadReason).toBeNull();
  });

  it("keeps a number sign-in's device token with the account, encrypted like the password", () => {
    const provisioned = {
      serviceUrl: 'https://switchboard.example.com',
      deviceId: 'd-42',
      token: 'device-token-0123456789abcdef',
      companyId: 7,
      mobile: '+8613800138000',
    };
    makeStore().save({ ...ACCOUNT, provisioned });
    expect(makeStore().load()).toEqual({ ...ACCOUNT, provisioned });
    expect(readFileSync(filePath).includes(Buffer.from(provisioned.token))).toBe(false);
  });

  it('does not store the password, user or server in plain text', () => {
    makeStore().save(ACCOUNT);
    const bytes = readFileSync(filePath);
    for (const secret of [ACCOUNT.password, 'correct horse', ACCOUNT.server, 'Front desk']) {
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
    }
  });

  it.skipIf(!posix)('writes the credentials file and the key file with mode 0600', () => {
    makeStore().save(ACCOUNT);
    expect(statSync(filePath).mode & 0o777).toBe(0o600);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(readdirSync(temp.dir).sort()).toEqual(['account.bin', 'secret.key']);
  });

  it('reports "corrupt" for a file that is not ours or is truncated', () => {
    writeFileSync(filePath, 'password=hunter2\n');
    expect(makeStore().load()).toBeNull();
    makeStore().save(ACCOUNT);
    writeFileSync(filePath, readFileSync(filePath).subarray(0, 8));
    const store = makeStore();
    expect(store.load()).toBeNull();
    expect(store.lastLoadReason).toBe('corrupt');
    expect(problems).toEqual(['corrupt', 'corrupt']);
  });

  it('reports "undecryptable" for a flipped bit and for a different key', () => {
    makeStore().save(ACCOUNT);
    const bytes = readFileSync(filePath);
    const tampered = Buffer.from(bytes);
    tampered[tampered.length - 1]! ^= 0x01;
    writeFileSync(filePath, tampered);
    expect(makeStore().loadDetailed()).toMatchObject({ account: null, reason: 'undecryptable' });

    writeFileSync(filePath, bytes);
    const otherKey = new NodeSecretBox(join(temp.dir, 'other.key'));
    expect(makeStore(otherKey).loadDetailed()).toMatchObject({ account: null, reason: 'undecryptable' });
    expect(makeStore().load()).toEqual(ACCOUNT);
  });

  it('replaces a damaged key file, reports it, and the old credentials then read as undecryptable', () => {
    makeStore().save(ACCOUNT);
    writeFileSync(keyPath, 'short');
    const keyProblems: string[] = [];
    const box = new NodeSecretBox(keyPath, { onProblem: (p) => keyProblems.push(p.kind) });
    expect(makeStore(box).loadDetailed().reason).toBe('undecryptable');
    expect(keyProblems).toEqual(['key-replaced']);
    expect(makeStore(box).save(ACCOUNT)).toEqual({ saved: true, keychain: false });
    expect(makeStore(box).load()).toEqual(ACCOUNT);
  });

  it('clear() removes the file and is harmless when there is none', () => {
    const store = makeStore();
    store.save(ACCOUNT);
    store.clear();
    expect(existsSync(filePath)).toBe(false);
    expect(store.load()).toBeNull();
    expect(() => store.clear()).not.toThrow();
  });

  it('never writes plain text when encryption is unavailable', () => {
    const unavailable: SecretBox = {
      isAvailable: () => false,
      keychain: true,
      encrypt: () => {
        throw new Error('unavailable');
      },
      decrypt: () => {
        throw new Error('unavailable');
      },
    };
    const store = makeStore(unavailable);
    expect(store.save(ACCOUNT)).toEqual({ saved: false, reason: 'encryption-unavailable' });
    expect(existsSync(filePath)).toBe(false);
    expect(problems).toEqual(['encryption-unavailable']);
  });

  it('rejects an invalid account instead of saving it', () => {
    expect(() => makeStore().save({ ...ACCOUNT, password: '' })).toThrow(/Enter your password/);
    expect(existsSync(filePath)).toBe(false);
  });
});
