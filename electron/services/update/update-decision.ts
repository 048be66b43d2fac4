/**
 * The rules for when Switchboard updates itself, pure so each is unit-tested:
 * what a check result means, when the next automatic check is due, whether a
 * downloaded file may be installed, and whether now is a moment to restart.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { UpdateOffer } from './update-feed.ts';
import { isNewerVersion } from './version.ts';

export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** How often the scheduler wakes to see whether a daily check is due (a sleeping laptop skips timers). */
export const SCHEDULER_TICK_MS = 60 * 60 * 1000;

export type CheckDecision = { kind: 'latest' } | { kind: 'available'; offer: UpdateOffer };

export function decideAfterCheck(currentVersion: string, offer: UpdateOffer): CheckDecision {
  return isNewerVersion(offer.version, currentVersion) ? { kind: 'available', offer } : { kind: 'latest' };
}

/** An automatic check runs at start and then once a day, but never while a call is on. */
export function automaticCheckDue(input: { lastCheckedAt: number | null; now: number; inCall: boolean }): boolean {
  if (input.inCall) return false;
  return input.lastCheckedAt === null || input.now - input.lastCheckedAt >= CHECK_INTERVAL_MS;
}

/** Restarting ends every call, so "Restart now" is refused while one is on; quitting installs it anyway. */
export function restartBlockedReason(inCall: boolean): string | null {
  return inCall ? 'An update cannot restart Switchboard during a call. It will install when you quit.' : null;
}

/** The downloaded installer is not the one the feed describes: it is deleted, never installed. */
export class UpdateIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpdateIntegrityError';
  }
}

export function sha512MismatchMessage(expected: string, actual: string): string {
  return `sha512 mismatch: the feed says ${expected.slice(0, 16)}…, the file is ${actual.slice(0, 16)}…`;
}

/** electron-updater (builder-util-runtime) reports a failed sha512 check with this code, after deleting the file. */
export function isChecksumMismatch(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_CHECKSUM_MISMATCH';
}

/** Throws UpdateIntegrityError unless the file's sha512 (base64, as electron-builder writes it) matches. */
export function verifySha512(expectedBase64: string, actualBase64: string): void {
  const expected = Buffer.from(expectedBase64, 'base64');
  const actual = Buffer.from(actualBase64, 'base64');
  if (expected.length !== 64 || actual.length !== 64 || !timingSafeEqual(expected, actual)) {
    throw new UpdateIntegrityError(sha512MismatchMessage(expectedBase64, actualBase64));
  }
}

export function sha512Base64(data: Buffer | Uint8Array): string {
  return createHash('sha512').update(data).digest('base64');
}
