/**
 * How the switchboard tells a caller that their call permission (the directory's "通话权限": internal only, or
 * within the country) does not reach the number they dialled, and how the app reads it back: the SIP reason
 * phrase of the 403. Here in lib/ because both sides need the very same words (the switchboard may not import src/,
 * and the app may import lib/); the app shows the refusal in the user's language, not this English.
 */

/** The permissions that can refuse a call: an international permission reaches every number. */
export type LimitingPermission = 'internal' | 'national';

const PHRASE = /^Call permission: (internal|national) calls only$/;

export function callPermissionPhrase(permission: LimitingPermission): string {
  return `Call permission: ${permission} calls only`;
}

/** The permission a reason phrase (or a call's end reason) names, or null for any other phrase. */
export function permissionOfPhrase(phrase: string | null | undefined): LimitingPermission | null {
  const match = PHRASE.exec(phrase ?? '');
  return match ? (match[1] as LimitingPermission) : null;
}
