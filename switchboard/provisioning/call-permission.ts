import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { LimitingPermission } from '../../lib/call-permission-refusal.ts';
import type { CallPermission } from './directory.ts';

/**
 * Numbers this short stay inside: extension plans are 3–6 digits, the switchboard's own lines (desk phones, the
 * attendant) are numbered like extensions, and public short codes (110, 112, 10086) must never be refused.
 * Public numbers are longer.
 */
const LONGEST_SHORT_NUMBER = 6;

/** How far a number reaches: one of ours, one in the caller's country, or one abroad. */
export type CallScope = CallPermission;

const reach: Record<CallPermission, number> = { internal: 0, national: 1, international: 2 };

/**
 * Where `to` (as dialled: digits, maybe a leading "+" or "00") goes, seen from a person whose mobile is
 * `callerMobile` (E.164): an extension or call group of this switchboard, or any short number, is `internal`
 * (what Kamailio connects for every signed-in user); a number with "+"/"00" is `national` when it starts with the
 * caller's country calling code (calling codes are prefix-free, so the prefix decides) and
 * `international` otherwise; any other number is dialled as a national one in the caller's country,
 * as from a desk phone there.
 */
export function callScope(to: string, callerMobile: string, isOurNumber: (digits: string) => boolean): CallScope {
  const international = /^(\+|00)/.exec(to);
  const digits = to.slice(international?.[0].length ?? 0);
  if (!international) return isOurNumber(digits) || digits.length <= LONGEST_SHORT_NUMBER ? 'internal' : 'national';
  const home = parsePhoneNumberFromString(callerMobile)?.countryCallingCode;
  return home !== undefined && digits.startsWith(home) ? 'national' : 'international';
}

/** The directory's call permission (people.call_permission) allows calls up to its own reach. */
export function permits(permission: CallPermission, scope: CallScope): boolean {
  return reach[permission] >= reach[scope];
}

export function callPermissionOf(text: string): CallPermission {
  return text === 'national' || text === 'international' ? text : 'internal';
}

/**
 * The permission that stops `caller` from calling `to` (as dialled), or null when theirs reaches it: the one rule
 * for calls routed by Kamailio and for callbacks.
 */
export function limitingPermission(
  caller: { mobile: string; callPermission: CallPermission },
  to: string,
  isOurNumber: (digits: string) => boolean,
): LimitingPermission | null {
  const permission = caller.callPermission;
  if (permission === 'international' || permits(permission, callScope(to, caller.mobile, isOurNumber))) return null;
  return permission;
}
