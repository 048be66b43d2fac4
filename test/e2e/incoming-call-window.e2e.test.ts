/**
 * A call rings while Switchboard's window is closed to the tray: a small call window
 * (Electron: always on top; here a page the browser host opens) shows who calls, and
 * Answer in it connects the call and brings the main window back with it. Decline
 * there ends the call; with the main window open, its own overlay is enough.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoUsers,
  startBaresip,
  startSwitchboard,
  type BaresipPhone,
  type RunningSwitchboard,
} from '../../switchboard/index.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';
import { saveScreenshot } from '../support/screenshots.ts';

const [alice, , deskPhone] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0], (typeof demoUsers)[0]];

describe('the incoming-call window', () => {
  let switchboard: RunningSwitchboard;
  let app: AppDriver;
  let phone: BaresipPhone;

  const callWindow = async () => {
    await expect.poll(() => app.host.callWindow(), { timeout: 15_000 }).not.toBeNull();
    return app.host.callWindow()!;
  };
  const activeCalls = () => app.host.core.state.get().calls.filter((call) => call.phase !== 'ended');

  beforeAll(async () => {
    switchboard = await startSwitchboard();
    [app, phone] = await Promise.all([startApp({ switchboard }), startBaresip({ switchboard, user: deskPhone })]);
    await app.signIn(alice);
    await Promise.all([phone.waitForRegistered(), app.waitForRegistration('registered')]);
  });

  afterAll(async () => {
    await Promise.allSettled([app?.stop(), phone?.stop()]);
    await switchboard?.stop();
  });

  it('with the window closed to the tray, Answer in the call window connects the call and brings the window back', async () => {
    await app.ui().close();
    expect(app.host.uiPage).toBeNull();
    await phone.dial(alice.user);

    const page = await callWindow();
    await expect.poll(() => page.getByTestId('call-window-caller').textContent()).toBe('Desk Phone 1003');
    expect(await page.getByTestId('call-window').textContent()).toContain('1003');
    expect(app.host.notifications.at(-1)).toEqual({ title: 'Incoming call from Desk Phone 1003', body: '1003' });
    await saveScreenshot(page, 'incoming-call-window');

    await page.getByTestId('call-window-answer').click();
    await phone.waitForEvent('CALL_ESTABLISHED', 15_000);
    await expect.poll(() => activeCalls().map((call) => call.phase), { timeout: 15_000 }).toEqual(['connected']);
    // The small window goes; the main window comes back showing the call.
    await expect.poll(() => app.host.callWindow(), { timeout: 10_000 }).toBeNull();
    await expect.poll(() => app.host.uiPage !== null, { timeout: 10_000 }).toBe(true);
    await app.waitForCallPhase('connected');

    await app.hangup();
    await phone.waitForEvent('CALL_CLOSED', 15_000);
  });

  it('Decline in the call window ends the call without opening the main window', async () => {
    await expect.poll(() => activeCalls().length, { timeout: 10_000 }).toBe(0);
    await app.ui().close();
    await phone.dial(alice.user);
    const page = await callWindow();
    await page.getByTestId('call-window-decline').click();
    await phone.waitForEvent('CALL_CLOSED', 15_000);
    await expect.poll(() => app.host.callWindow(), { timeout: 10_000 }).toBeNull();
    expect(app.host.uiPage).toBeNull();
    expect(activeCalls()).toEqual([]);
  });

  it('with the main window open, its own overlay shows the call and no call window opens', async () => {
    await app.host.openUiWindow();
    await app.ui().getByTestId('registration-status').waitFor();
    const shown = app.host.notifications.length;
    await phone.dial(alice.user);
    await app.ui().getByTestId('incoming-call').waitFor({ timeout: 15_000 });
    expect(app.host.callWindow()).toBeNull();
    expect(app.host.notifications.length).toBe(shown);
    await app.decline();
    await phone.waitForEvent('CALL_CLOSED', 15_000);
  });

  it('Settings › Desktop: start at login and the global shortcuts reach the OS, and the answer shortcut picks up a call', async () => {
    await app.ui().getByRole('tab', { name: app.strings.tabs.settings }).click();
    const card = app.ui().getByTestId('desktop-settings');
    await card.getByTestId('desktop-startAtLogin').check();
    await card.getByTestId('desktop-shortcutsEnabled').check();
    await expect.poll(() => card.textContent()).toContain('Answer Ctrl+Shift+A · Hang up Ctrl+Shift+H');
    expect(app.host.osRequests.slice(-2)).toEqual([
      'start-at-login:true',
      'shortcuts:answer=CommandOrControl+Shift+A,hangUp=CommandOrControl+Shift+H',
    ]);
    await saveScreenshot(app.ui(), 'settings-desktop');

    await app.ui().close();
    await phone.dial(alice.user);
    await callWindow();
    app.host.pressShortcut('answer');
    await phone.waitForEvent('CALL_ESTABLISHED', 15_000);
    await expect.poll(() => activeCalls().map((call) => call.phase), { timeout: 15_000 }).toEqual(['connected']);
    app.host.pressShortcut('hangUp');
    await phone.waitForEvent('CALL_CLOSED', 15_000);
    await expect.poll(() => activeCalls(), { timeout: 10_000 }).toEqual([]);
  });
});
