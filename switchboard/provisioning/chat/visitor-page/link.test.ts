import { describe, expect, it } from 'vitest';
import { parseLink } from './link.ts';

describe("the company's link", () => {
  it('gives the company, the group and the language', () => {
    expect(parseLink('?company=1&group=2&lang=en')).toEqual({ companyId: 1, groupId: 2, user: null, lang: 'en' });
  });

  it('has no company when it is missing or not a whole number', () => {
    for (const search of ['', '?company=', '?company=abc', '?company=-1', '?company=1.5', '?company=0x1'])
      expect(parseLink(search).companyId).toBeNull();
  });

  it('carries the signed site user only when every part of the signature is there', () => {
    const signed = parseLink('?company=1&user=u-42&nickname=%E5%B0%8F%E6%98%8E&expires=1900000000&sig=ab12');
    expect(signed.user).toEqual({ userId: 'u-42', nickname: '小明', expiresAt: 1900000000, signature: 'ab12' });
    expect(parseLink('?company=1&user=u-42&nickname=x&expires=1900000000').user).toBeNull();
  });
});
