import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../../src/shared/domain.ts';
import { callPopupDecision, chatOfSubject, incomingCallNotification } from './incoming-call-popup.ts';

const ringing: CallSnapshot = {
  id: 'c1',
  direction: 'incoming',
  phase: 'incoming',
  remoteNumber: '1002',
  remoteName: 'Bob Müller',
  startedAt: 1,
};

describe('the incoming-call window', () => {
  it('opens for a ringing call when the main window is hidden or behind others', () => {
    expect(callPopupDecision({ calls: [ringing], mainWindowInFront: false, popupFor: null })).toEqual({
      kind: 'open',
      subject: 'c1',
    });
  });

  it('opens for a chat offered too; a ringing call comes first, and the window follows what is left', () => {
    const offers = [{ id: 'x'.repeat(22) }, { id: 'y'.repeat(22) }];
    const chat = `chat:${'x'.repeat(22)}`;
    expect(callPopupDecision({ calls: [], chatOffers: offers, mainWindowInFront: false, popupFor: null })).toEqual({
      kind: 'open',
      subject: chat,
    });
    expect(callPopupDecision({ calls: [], chatOffers: offers, mainWindowInFront: true, popupFor: null })).toEqual({
      kind: 'keep',
    });
    expect(
      callPopupDecision({ calls: [ringing], chatOffers: offers, mainWindowInFront: false, popupFor: null }),
    ).toEqual({ kind: 'open', subject: 'c1' });
    // The call declined, the offer still waits: the same window shows it.
    expect(callPopupDecision({ calls: [], chatOffers: offers, mainWindowInFront: false, popupFor: 'c1' })).toEqual({
      kind: 'switch',
      subject: chat,
    });
    expect(callPopupDecision({ calls: [], chatOffers: [], mainWindowInFront: false, popupFor: chat })).toEqual({
      kind: 'close',
    });
    expect(chatOfSubject(chat)).toBe('x'.repeat(22));
    expect(chatOfSubject('c1')).toBeNull();
  });

  it('stays away when the main window is in front: its own overlay shows the call', () => {
    expect(callPopupDecision({ calls: [ringing], mainWindowInFront: true, popupFor: null })).toEqual({ kind: 'keep' });
  });

  it('closes once the call is answered, declined or gone, and never opens twice', () => {
    const answered = { ...ringing, phase: 'connected' as const };
    expect(callPopupDecision({ calls: [answered], mainWindowInFront: false, popupFor: 'c1' })).toEqual({
      kind: 'close',
    });
    expect(callPopupDecision({ calls: [], mainWindowInFront: false, popupFor: 'c1' })).toEqual({ kind: 'close' });
    expect(callPopupDecision({ calls: [ringing], mainWindowInFront: false, popupFor: 'c1' })).toEqual({
      kind: 'keep',
    });
    expect(callPopupDecision({ calls: [], mainWindowInFront: false, popupFor: null })).toEqual({ kind: 'keep' });
    // A second call while the first still rings: the window keeps showing the first.
    expect(
      callPopupDecision({ calls: [ringing, { ...ringing, id: 'c2' }], mainWindowInFront: false, popupFor: 'c1' }),
    ).toEqual({ kind: 'keep' });
  });

  it('the notification names the caller in the UI language', () => {
    expect(incomingCallNotification(ringing, 'en')).toEqual({ title: 'Incoming call from Bob Müller', body: '1002' });
    expect(incomingCallNotification({ ...ringing, remoteName: undefined }, 'zh-CN')).toEqual({
      title: '1002 来电',
      body: '来电',
    });
    expect(incomingCallNotification(ringing, 'sv').title).toBe('Inkommande samtal från Bob Müller');
    expect(incomingCallNotification({ ...ringing, remoteName: undefined }, 'fr')).toEqual({
      title: 'Appel entrant de 1002',
      body: 'Appel entrant',
    });
  });
});

describe('the notification of a group call', () => {
  it('names the group the call came in through', () => {
    const call = {
      id: 'g1',
      direction: 'incoming' as const,
      phase: 'incoming' as const,
      remoteNumber: '13912345678',
      startedAt: 1,
      group: '8100',
      groupName: '客服热线 Hotline',
    };
    expect(incomingCallNotification(call, 'en').body).toBe('Call to 客服热线 Hotline (8100)');
    expect(incomingCallNotification(call, 'zh-CN').body).toBe('来自 客服热线 Hotline (8100) 的呼叫');
  });
});
