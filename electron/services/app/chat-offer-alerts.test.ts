import { describe, expect, it } from 'vitest';
import type { ChatDeskView, ChatItem } from '../../../src/shared/chat.ts';
import type { AppState } from '../../../src/shared/domain.ts';
import { chatsWaiting } from '../desktop/chat-offer-notification.ts';
import { followChatOffers } from './chat-offer-alerts.ts';

const offer = (id: string, patch: Partial<ChatItem> = {}): ChatItem => ({
  id,
  state: 'offered',
  visitorName: null,
  visitorTag: '3FA9C1',
  siteUserId: null,
  channel: 'web',
  enteredAt: 0,
  agentJoinedAt: null,
  endedAt: null,
  endReason: null,
  offerExpiresAt: 30_000,
  transferNote: null,
  unread: 0,
  lastLine: null,
  waitingSince: null,
  ...patch,
});

function setUp(inFront: boolean, language: AppState['language'] = 'en', previews = true) {
  let chat: ChatDeskView = { connection: 'live', offers: [], open: [], recent: [] };
  const shown: { title: string; body: string }[] = [];
  const rings: boolean[] = [];
  const alerts = followChatOffers(
    () => ({ chat, language }) as AppState,
    { mainWindowInFront: () => inFront, notify: (n) => shown.push(n) },
    (ringing) => rings.push(ringing),
    () => previews,
  );
  return {
    shown,
    rings,
    offers(...offers: ChatItem[]) {
      chat = { ...chat, offers };
      alerts.stateChanged();
    },
  };
}

describe('a chat offered while the window is away', () => {
  it('shows one OS notification per offer with the customer and the colleague’s note, however often the state changes', () => {
    const s = setUp(false);
    s.offers(offer('a'.repeat(22), { visitorName: '林美 Lin Mei', transferNote: 'VIP' }));
    s.offers(offer('a'.repeat(22), { visitorName: '林美 Lin Mei', transferNote: 'VIP' }));
    s.offers(offer('a'.repeat(22)), offer('b'.repeat(22), { channel: 'app' }));
    expect(s.shown).toEqual([
      { title: 'New chat: 林美 Lin Mei', body: 'Note from your colleague: VIP' },
      { title: 'New chat: Visitor 3FA9C1', body: 'App' },
    ]);
  });

  it('with message text in notifications off, the colleague’s note gives way to where the customer came from', () => {
    const s = setUp(false, 'en', false);
    s.offers(offer('a'.repeat(22), { visitorName: '林美 Lin Mei', transferNote: 'refund for order 4411' }));
    expect(s.shown).toEqual([{ title: 'New chat: 林美 Lin Mei', body: 'Web page' }]);
  });

  it('says nothing while the window is in front (the ringing bar is there), and words it in the UI language', () => {
    const front = setUp(true);
    front.offers(offer('a'.repeat(22)));
    expect(front.shown).toEqual([]);
    const zh = setUp(false, 'zh-CN');
    zh.offers(offer('a'.repeat(22), { visitorName: '陈先生' }));
    expect(zh.shown[0]!.title).toContain('陈先生');
  });

  it('an offer that lapsed and comes back is announced again', () => {
    const s = setUp(false);
    s.offers(offer('a'.repeat(22)));
    s.offers();
    s.offers(offer('a'.repeat(22)));
    expect(s.shown).toHaveLength(2);
  });

  it('rings from the first offer until the last one is accepted or gone, in front or not', () => {
    for (const inFront of [true, false]) {
      const s = setUp(inFront);
      s.offers(offer('a'.repeat(22)));
      s.offers(offer('a'.repeat(22)), offer('b'.repeat(22)));
      s.offers(offer('b'.repeat(22)));
      expect(s.rings).toEqual([true]);
      s.offers();
      s.offers();
      expect(s.rings).toEqual([true, false]);
    }
  });

  it('counts offers and unread messages for the tray', () => {
    expect(chatsWaiting(undefined)).toBe(0);
    expect(chatsWaiting({ offers: [1, 2], open: [{ unread: 3 }, { unread: 0 }] })).toBe(5);
  });
});
