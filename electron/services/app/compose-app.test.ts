import { readFileSync } from 'node:fs';
/**
 * The composition root both hosts use, composed here with test adapters: what either host does with
 * shortcuts, the incoming-call window and the log follows from this one module.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot } from '../../../src/shared/domain.ts';
import type { EngineCommand } from '../../../src/shared/ipc/contract.ts';
import { directoryExportTarget } from '../call-log/export.ts';
import { NodeSecretBox } from '../credentials/index.ts';
import type { ShortcutAction } from '../desktop/desktop-settings.ts';
import { makeTempDir } from '../fs/temp-dir.ts';
import { noUpdateFeed } from '../update/updater-port.ts';
import { composeApp, type App } from './compose-app.ts';
import { recordingLogger } from '../log/test-support/recording-logger.ts';

const account = { server: 'ws://127.0.0.1:5066', user: '1001', password: 'hunter2-never-logged', displayName: 'Alice' };
const ringing: CallSnapshot = {
  id: 'c1',
  direction: 'incoming',
  phase: 'incoming',
  remoteNumber: '1002',
  startedAt: 1,
};

describe('the composed app', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let app: App;
  let commands: Array<{ command: EngineCommand; payload: unknown }>;
  let osShortcut: (action: ShortcutAction) => void;
  let popup: string[];
  let mainWindowInFront: boolean;
  const log = recordingLogger();

  beforeEach(async () => {
    temp = makeTempDir('compose-app');
    commands = [];
    popup = [];
    mainWindowInFront = false;
    log.lines.length = 0;
    app = composeApp({
      dataDir: temp.dir,
      secretBox: new NodeSecretBox(join(temp.dir, 'secret.key')),
      log,
      systemLocale: () => 'en-US',
      engineWindow: {
        open: async () => queueMicrotask(() => void app.routes.engine('ready', {})),
        close: async () => {},
        send: (command, payload) => void commands.push({ command, payload }),
      },
      ui: { broadcast: () => {} },
      callWindow: {
        mainWindowInFront: () => mainWindowInFront,
        open: () => void popup.push('open'),
        close: () => void popup.push('close'),
        showMainWindow: () => void popup.push('show main window'),
        notify: ({ title }) => void popup.push(`notify: ${title}`),
      },
      exportTarget: directoryExportTarget(join(temp.dir, 'exports')),
      diagnosticsTarget: directoryExportTarget(join(temp.dir, 'exports')),
      updater: noUpdateFeed,
      automaticUpdateChecks: false,
      about: { version: '0.1.0', runtime: 'test' },
      desktopIntegration: (onShortcut) => {
        osShortcut = onShortcut;
        return { setStartAtLogin: () => {}, setLinkHandler: () => {}, setShortcuts: () => [] };
      },
      tuning: { endedCallLingerMs: 0 },
    });
    await app.start();
    await app.routes.ui('signIn', account);
    await app.routes.engine('registration', { status: 'registered' });
  });
  afterEach(async () => {
    await app.shutdown();
    await app.close();
    temp.cleanup();
  });

  const answered = () => commands.filter((c) => c.command === 'answer').length;

  it('a global shortcut does nothing while shortcuts are off, pressed through the OS or by a test', async () => {
    await app.routes.engine('call', ringing);
    expect(app.desktopSettings.get().settings.shortcutsEnabled).toBe(false);
    osShortcut('answer');
    app.pressShortcut('answer');
    expect(answered()).toBe(0);

    await app.routes.ui('setDesktopSettings', { shortcutsEnabled: true });
    osShortcut('answer');
    expect(commands.at(-1)).toEqual({ command: 'answer', payload: { callId: 'c1' } });
  });

  it('a shortcut with no call to act on does nothing', async () => {
    await app.routes.ui('setDesktopSettings', { shortcutsEnabled: true });
    expect(() => app.pressShortcut('hangUp')).not.toThrow();
    expect(commands.some((c) => c.command === 'hangup' || c.command === 'decline')).toBe(false);
  });

  it('a call ringing while the main window is away opens the small call window with a notification', async () => {
    await app.routes.engine('call', ringing);
    await vi.waitFor(() => expect(popup).toEqual(['notify: Incoming call from 1002', 'open']));
    await app.routes.engine('call', { ...ringing, phase: 'connected', answeredAt: 2 });
    await vi.waitFor(() => expect(popup.slice(2)).toEqual(['close', 'show main window']));
  });

  it('with the main window in front, the call rings there and no small window opens', async () => {
    mainWindowInFront = true;
    await app.routes.engine('call', ringing);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(popup).toEqual([]);
  });

  it('the log tells sign-in, registration and the call, and never the password', async () => {
    await app.routes.engine('call', ringing);
    await app.routes.engine('call', {
      ...ringing,
      phase: 'ended',
      endedAt: 3,
      outcome: 'missed',
      endReason: 'Canceled',
    });
    const messages = log.lines.map((line) => line.message);
    expect(messages).toEqual(expect.arrayContaining(['sign-in', 'registration', 'call']));
    expect(log.lines.find((line) => line.message === 'sign-in')?.fields).toMatchObject({
      user: '1001',
      server: '127.0.0.1:5066',
      way: 'sip-account',
    });
    expect(log.lines.filter((line) => line.message === 'call').map((line) => line.fields)).toEqual([
      expect.objectContaining({ callId: 'c1', direction: 'incoming', phase: 'incoming' }),
      expect.objectContaining({ callId: 'c1', phase: 'ended', outcome: 'missed', endReason: 'Canceled' }),
    ]);
    expect(JSON.stringify(log.lines)).not.toContain(account.password);
  });

  it('the same lines reach main.log under the data directory, without the password', async () => {
    await app.routes.engine('call', ringing);
    await app.diagnostics.flush();
    const file = readFileSync(join(temp.dir, 'logs', 'main.log'), 'utf8');
    expect(file).toContain('"msg":"registration"');
    expect(file).toContain('"callId":"c1"');
    expect(file).not.toContain(account.password);
  });
});
