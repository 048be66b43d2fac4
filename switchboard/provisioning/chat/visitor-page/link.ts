import type { SignedUser } from './api.ts';

/**
 * What the company's link says: `?company=1`, optionally `&group=2`, `&lang=en`, and a signed site
 * user `&user=…&nickname=…&expires=…&sig=…` (visitor-identity.ts: the company's server signs it).
 */
export type ChatLink = { companyId: number | null; groupId: number | null; user: SignedUser | null; lang: string | null };

const positiveInt = (text: string | null) => (text && /^[1-9]\d{0,8}$/.test(text) ? Number(text) : null);

export function parseLink(search: string): ChatLink {
  const params = new URLSearchParams(search);
  const userId = params.get('user');
  const nickname = params.get('nickname');
  const expiresAt = positiveInt(params.get('expires'));
  const signature = params.get('sig');
  return {
    companyId: positiveInt(params.get('company')),
    groupId: positiveInt(params.get('group')),
    user: userId && nickname && expiresAt && signature ? { userId, nickname, expiresAt, signature } : null,
    lang: params.get('lang'),
  };
}
