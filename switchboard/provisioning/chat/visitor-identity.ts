import { createHmac, timingSafeEqual } from 'node:crypto';

/** Who the company's site says the visitor is, with its signature (docs/chat.md, "Signed visitors"). */
export type SignedVisitor = { userId: string; nickname: string; expiresAt: number; signature: string };

/**
 * The exact text the company signs: fields one per line, so no field can borrow another's value
 * (`"ab" + "c"` and `"a" + "bc"` differ); a line break inside a field is refused before this.
 */
export function visitorCanonicalString(companyId: number, visitor: Omit<SignedVisitor, 'signature'>): string {
  return [
    'switchboard-chat-visitor-v1',
    String(companyId),
    visitor.userId,
    visitor.nickname,
    String(visitor.expiresAt),
  ].join('\n');
}

/** HMAC-SHA256 over the canonical string, hex: what the company's server computes (and tests). */
export function signVisitor(secret: string, companyId: number, visitor: Omit<SignedVisitor, 'signature'>): string {
  return createHmac('sha256', secret).update(visitorCanonicalString(companyId, visitor)).digest('hex');
}

export type VisitorCheck = { ok: true } | { ok: false; reason: string };

/** Checks the signature in constant time, and that it has not expired (`expiresAt` in seconds since the epoch). */
export function checkSignedVisitor(
  secret: string | null,
  companyId: number,
  visitor: SignedVisitor,
  nowMs: number,
): VisitorCheck {
  if (secret === null) return { ok: false, reason: 'This company does not sign its visitors' };
  if (visitor.expiresAt * 1000 <= nowMs) return { ok: false, reason: 'The visitor signature has expired' };
  const expected = Buffer.from(signVisitor(secret, companyId, visitor), 'hex');
  const given = /^[0-9a-f]{64}$/.test(visitor.signature) ? Buffer.from(visitor.signature, 'hex') : Buffer.alloc(32);
  if (!timingSafeEqual(expected, given) || !/^[0-9a-f]{64}$/.test(visitor.signature)) {
    return { ok: false, reason: 'The visitor signature does not match' };
  }
  return { ok: true };
}
