import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../../src/shared/domain.ts';
import { MemoryStore } from '../settings/key-value-store.ts';
import { DesktopSettingsService, shortcutTarget, type DesktopIntegrationPort } from './desktop-settings.ts';

function recordingOs(taken: string[] = []) {
  const calls: string[] = [];
  const os: DesktopIntegrationPort = {
    setStartAtLogin: (on) => void calls.push(`login:${on}`),
    setLinkHandler: (on) => void calls.push(`links:${on}`),
    setShortcuts: (list) => {
      calls.push(`shortcuts:${list.map((s) => `${s.action}=${s.accelerator}`).join(',')}`);
      return list.map((s) => s.accelerator).filter((a) => taken.includes(a));
    },
  };
  return { os, calls };
}

const call = (id: string, phase: CallSnapshot['phase']): CallSnapshot => ({
  id,
  direction: 'incoming',
  phase,
  remoteNumber: '1002',
  startedAt: 1,
});

describe('desktop settings', () => {
  it('start with login off, links handled, no global shortcuts, message text in notifications', () => {
    const { os, calls } = recordingOs();
    const service = new DesktopSettingsService(new MemoryStore(), os);
    expect(service.applyAll().settings).toEqual({
      startAtLogin: false,
      handleLinks: true,
      dialLinksAtOnce: false,
      shortcutsEnabled: false,
      answerShortcut: 'CommandOrControl+Shift+A',
      hangUpShortcut: 'CommandOrControl+Shift+H',
      messagePreviews: true,
    });
    expect(calls).toEqual(['login:false', 'links:true', 'shortcuts:']);
  });

  it('apply each change to the OS once, keep it across restarts, and say which shortcut another app holds', () => {
    const store = new MemoryStore();
    const { os, calls } = recordingOs(['CommandOrControl+Shift+H']);
    const service = new DesktopSettingsService(store, os);
    service.update({ startAtLogin: true });
    const result = service.update({ shortcutsEnabled: true });
    expect(result.unavailableShortcuts).toEqual(['CommandOrControl+Shift+H']);
    expect(calls).toEqual(['login:true', 'shortcuts:answer=CommandOrControl+Shift+A,hangUp=CommandOrControl+Shift+H']);
    const again = new DesktopSettingsService(store, recordingOs().os);
    expect(again.get().settings).toMatchObject({ startAtLogin: true, shortcutsEnabled: true });
  });

  it('refuse a malformed shortcut or an unknown setting and change nothing', () => {
    const { os } = recordingOs();
    const service = new DesktopSettingsService(new MemoryStore(), os);
    expect(() => service.update({ answerShortcut: 'rm -rf /' })).toThrow(/one to four modifiers and a key/);
    expect(() => service.update({ answerShortcut: 'A' })).toThrow();
    expect(() => service.update({ bogus: true } as never)).toThrow();
    expect(service.get().settings.answerShortcut).toBe('CommandOrControl+Shift+A');
  });

  it('a shortcut answers the ringing call, and hangs up the live one before declining a ringing one', () => {
    expect(shortcutTarget('answer', [call('a', 'incoming')])).toEqual({ verb: 'answer', callId: 'a' });
    expect(shortcutTarget('answer', [call('a', 'connected')])).toBeNull();
    expect(shortcutTarget('hangUp', [call('a', 'connected'), call('b', 'incoming')])).toEqual({
      verb: 'hangup',
      callId: 'a',
    });
    expect(shortcutTarget('hangUp', [call('b', 'incoming')])).toEqual({ verb: 'decline', callId: 'b' });
    expect(shortcutTarget('hangUp', [call('c', 'ended')])).toBeNull();
  });
});
