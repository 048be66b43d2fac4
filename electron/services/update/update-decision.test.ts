import { describe, expect, it } from 'vitest';
import {
  automaticCheckDue,
  CHECK_INTERVAL_MS,
  decideAfterCheck,
  isChecksumMismatch,
  restartBlockedReason,
  sha512Base64,
  UpdateIntegrityError,
  verifySha512,
} from './update-decision.ts';

const offer = (version: string) => ({ version, file: { url: 'x.exe', sha512: 'A'.repeat(86) + '==' } });

describe('update decisions', () => {
  it('a newer version is offered; an equal or older one means "latest"', () => {
    expect(decideAfterCheck('0.1.0', offer('0.2.0'))).toEqual({ kind: 'available', offer: offer('0.2.0') });
    expect(decideAfterCheck('0.1.0', offer('0.1.0'))).toEqual({ kind: 'latest' });
    expect(decideAfterCheck('0.2.0', offer('0.1.9'))).toEqual({ kind: 'latest' });
  });

  it('checks at start, then daily, never during a call', () => {
    const now = 1_000_000_000_000;
    expect(automaticCheckDue({ lastCheckedAt: null, now, inCall: false })).toBe(true);
    expect(automaticCheckDue({ lastCheckedAt: null, now, inCall: true })).toBe(false);
    expect(automaticCheckDue({ lastCheckedAt: now - CHECK_INTERVAL_MS + 1, now, inCall: false })).toBe(false);
    expect(automaticCheckDue({ lastCheckedAt: now - CHECK_INTERVAL_MS, now, inCall: false })).toBe(true);
    expect(automaticCheckDue({ lastCheckedAt: now - 2 * CHECK_INTERVAL_MS, now, inCall: true })).toBe(false);
  });

  it('refuses to restart for an update during a call, and says when it will install', () => {
    expect(restartBlockedReason(true)).toMatch(/during a call.*install when you quit/);
    expect(restartBlockedReason(false)).toBeNull();
  });

  it('accepts a file whose sha512 matches and refuses one that does not', () => {
    const file = Buffer.from('installer bytes');
    expect(() => verifySha512(sha512Base64(file), sha512Base64(file))).not.toThrow();
    const tampered = Buffer.from('installer bytez');
    expect(() => verifySha512(sha512Base64(file), sha512Base64(tampered))).toThrow(UpdateIntegrityError);
    expect(() => verifySha512(sha512Base64(file), sha512Base64(tampered))).toThrow(/sha512 mismatch/);
    expect(() => verifySha512('short', sha512Base64(file))).toThrow(UpdateIntegrityError);
  });

  it('recognises electron-updater’s own sha512 failure', () => {
    const error = Object.assign(new Error('sha512 checksum mismatch, expected a, got b'), {
      code: 'ERR_CHECKSUM_MISMATCH',
    });
    expect(isChecksumMismatch(error)).toBe(true);
    expect(isChecksumMismatch(new Error('ECONNRESET'))).toBe(false);
    expect(isChecksumMismatch(null)).toBe(false);
  });
});
