/** The issue-7 verbs at the IPC boundary: validated like every other, and refused with a reason a person can read. */
import { describe, expect, it } from 'vitest';
import { createTestCore, routersFor } from '../app/test-doubles.ts';
import { aboutInfo } from '../about/about-info.ts';
import { DesktopSettingsService } from '../desktop/desktop-settings.ts';
import { MemoryStore } from '../settings/key-value-store.ts';
import { UpdateService } from '../update/update-service.ts';

function desktop() {
  const updates = new UpdateService({
    updater: {
      check: async () => ({
        ok: true,
        offer: { version: '0.2.0', file: { url: 'a.exe', sha512: 'A'.repeat(86) + '==' } },
      }),
      download: async () => {},
      installNow: () => {},
    },
    currentVersion: '0.1.0',
    inCall: () => true,
    publish: () => {},
  });
  const desktopSettings = new DesktopSettingsService(new MemoryStore(), {
    setStartAtLogin: () => {},
    setLinkHandler: () => {},
    setShortcuts: () => [],
  });
  const about = () => aboutInfo({ version: '0.1.0', runtime: 'test', platform: 'linux-x64' });
  return {
    updates,
    desktopSettings,
    about,
    memoryUsage: () => ({ totalBytes: 150 * 1024 * 1024, processes: 5 }),
    exportDiagnostics: async () => ({ outcome: 'cancelled' as const }),
  };
}

describe('desktop verbs over IPC', () => {
  it('refuse "Update now" before a check and "Restart now" during a call, with the reason', async () => {
    const route = routersFor(createTestCore().core, desktop()).ui;
    await route('setLanguage', { preference: 'en' });
    expect(await route('downloadUpdate', {})).toMatchObject({
      ok: false,
      error: { message: 'There is no update to download. Check for updates first.' },
    });
    expect(await route('checkForUpdates', {})).toEqual({ ok: true, value: { phase: 'available', version: '0.2.0' } });
    expect(await route('downloadUpdate', {})).toEqual({ ok: true, value: undefined });
    await expect
      .poll(async () => route('getUpdateStatus', {}))
      .toEqual({ ok: true, value: { phase: 'ready', version: '0.2.0' } });
    expect(await route('installUpdate', {})).toMatchObject({
      ok: false,
      error: {
        code: 'failed',
        message: 'An update cannot restart Switchboard during a call. It will install when you quit.',
      },
    });
  });

  it("answer About's Memory line with what the host measures for all of the app's processes", async () => {
    const route = routersFor(createTestCore().core, desktop()).ui;
    expect(await route('getMemoryUsage', {})).toEqual({
      ok: true,
      value: { totalBytes: 150 * 1024 * 1024, processes: 5 },
    });
  });

  it('validate desktop settings: unknown keys and malformed shortcuts are refused', async () => {
    const route = routersFor(createTestCore().core, desktop()).ui;
    expect(await route('setDesktopSettings', { startAtLogin: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(await route('setDesktopSettings', { answerShortcut: 'Ctrl+Shift+A; rm' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(await route('setDesktopSettings', { launchMissiles: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(await route('setDesktopSettings', { startAtLogin: true })).toMatchObject({
      ok: true,
      value: { settings: { startAtLogin: true, shortcutsEnabled: false } },
    });
  });
});
