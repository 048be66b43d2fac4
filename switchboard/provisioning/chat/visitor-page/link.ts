import type { SignedUser } from './api.ts';

/**
 * What the company's link says: `?company=1`, optionally `&group=2`, `&lang=en`, and a signed site
 * user `&user=…&nickname=…&expires=…&sig=…` (visitor-identity.ts: the company's server signs it).
 */
export type ChatLink = {
  companyId: number | null;
  groupId: number | null;
  user: SignedUser | null;
  lang: string | null;
};

/** Decimal digits only (no sign, exponent or hex): ids up to 9 digits, a time in seconds up to 12. */
const positiveInt = (text: string | null, digits = 9) =>
  text && new RegExp(`^[1-9]\\d{0,${digits - 1}}$`).test(text) ? Number(text) : null;

export function parseLink(search: string): ChatLink {
  const params = new URLSearchParams(search);
  const userId = params.get('user');
  const nickname = params.get('nickname');
  const expiresAt = positiveInt(params.get('expires'), 12);
  const signature = params.get('sig');
  return {
    companyId: positiveInt(params.get('company')),
    groupId: positiveInt(params.get('group')),
    user: userId && nickname && expiresAt && signature ? { userId, nickname, expiresAt, signature } : null,
    lang: params.get('lang'),
  };
}
