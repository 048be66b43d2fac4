import { describe, expect, it } from 'vitest';
import { appBadgeCount } from './app-badge.ts';

describe('the app badge', () => {
  it('counts missed calls alone when there is no chat desk', () => {
    expect(appBadgeCount(2, undefined)).toBe(2);
  });

  it('adds chat offers and unread customer and colleague messages to the missed calls', () => {
    const chat = { offers: [{}], open: [{ unread: 3 }, { unread: 0 }], internal: [{ unread: 4 }] };
    expect(appBadgeCount(2, chat)).toBe(10);
  });

  it('is empty when nothing was missed and every chat is read', () => {
    expect(appBadgeCount(0, { offers: [], open: [{ unread: 0 }], internal: [{ unread: 0 }] })).toBe(0);
  });
});
