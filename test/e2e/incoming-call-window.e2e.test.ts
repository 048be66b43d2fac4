/**
 * A call rings while Switchboard's window is closed to the tray: a small call window
 * (Electron: always on top; here a page the browser host opens) shows who calls, and
 * Answer in it connects the call and brings the main window back with it. Decline
 * there ends the call; with the main window open, its own overlay is enough.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice, , deskPhone] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0], (typeof demoUsers)[0]];

describe('the incoming-call window', () => {
  const { apps, phones } = useSignedInApps({
    apps: { alice: { signIn: { sipAccount: alice } } },
    phones: { desk: { user: deskPhone } },
  });

  const callWindow = async () => {
    await expect.poll(() => apps.alice.host.callWindow(), { timeout: 15_000 }).not.toBeNull();
    return apps.alice.host.callWindow()!;
  };
  /**
   * Answer and Decline close the call window they sit in. Playwright's click can still be
   * finishing when the page goes and then throws "Target page … has been closed", a race
   * that says nothing about the app, so the click counts as done once the page is closed.
   */
  const clickClosingThePage = async (page: Page, testId: string) => {
    const closed = page.waitForEvent('close', { timeout: 15_000 });
    await page
      .getByTestId(testId)
      .click()
      .catch((error: unknown) => {
        if (!page.isClosed()) throw error;
      });
    await closed;
  };
  const activeCalls = () => apps.alice.host.core.state.get().calls.filter((call) => call.phase !== 'ended');

  it('with the window closed to the tray, Answer in the call window connects the call and brings the window back', async () => {
    await apps.alice.ui().close();
    expect(apps.alice.host.uiPage).toBeNull();
    await phones.desk.dial(alice.user);

    const page = await callWindow();
    await expect.poll(() => page.getByTestId('call-window-caller').textContent()).toBe('Desk Phone 1003');
    expect(await page.getByTestId('call-window').textContent()).toContain('1003');
    expect(apps.alice.host.notifications.at(-1)).toEqual({ title: 'Incoming call from Desk Phone 1003', body: '1003' });
    await saveScreenshot(page, 'incoming-call-window');

    await clickClosingThePage(page, 'call-window-answer');
    await phones.desk.waitForEvent('CALL_ESTABLISHED', 15_000);
    await expect.poll(() => activeCalls().map((call) => call.phase), { timeout: 15_000 }).toEqual(['connected']);
    // The small window goes; the main window comes back showing the call.
    await expect.poll(() => apps.alice.host.callWindow(), { timeout: 10_000 }).toBeNull();
    await expect.poll(() => apps.alice.host.uiPage !== null, { timeout: 10_000 }).toBe(true);
    await apps.alice.waitForCallPhase('connected');

    await apps.alice.hangup();
    await phones.desk.waitForEvent('CALL_CLOSED', 15_000);
  });

  it('Decline in the call window ends the call without opening the main window', async () => {
    await expect.poll(() => activeCalls().length, { timeout: 10_000 }).toBe(0);
    await apps.alice.ui().close();
    await phones.desk.dial(alice.user);
    const page = await callWindow();
    await clickClosingThePage(page, 'call-window-decline');
    await phones.desk.waitForEvent('CALL_CLOSED', 15_000);
    await expect.poll(() => apps.alice.host.callWindow(), { timeout: 10_000 }).toBeNull();
    expect(apps.alice.host.uiPage).toBeNull();
    expect(activeCalls()).toEqual([]);
  });

  it('with the main window open, its own overlay shows the call and no call window opens', async () => {
    await apps.alice.host.openUiWindow();
    await apps.alice.ui().getByTestId('registration-status').waitFor();
    const shown = apps.alice.host.notifications.length;
    await phones.desk.dial(alice.user);
    await apps.alice.ui().getByTestId('incoming-call').waitFor({ timeout: 15_000 });
    expect(apps.alice.host.callWindow()).toBeNull();
    expect(apps.alice.host.notifications.length).toBe(shown);
    await apps.alice.decline();
    await phones.desk.waitForEvent('CALL_CLOSED', 15_000);
  });

  it('Settings › Desktop: start at login and the global shortcuts reach the OS, and the answer shortcut picks up a call', async () => {
    await apps.alice.ui().getByRole('tab', { name: apps.alice.strings.tabs.settings }).click();
    const card = apps.alice.ui().getByTestId('desktop-settings');
    await card.getByTestId('desktop-startAtLogin').check();
    await card.getByTestId('desktop-shortcutsEnabled').check();
    await expect.poll(() => card.textContent()).toContain('Answer Ctrl+Shift+A · Hang up Ctrl+Shift+H');
    expect(apps.alice.host.osRequests.slice(-2)).toEqual([
      'start-at-login:true',
      'shortcuts:answer=CommandOrControl+Shift+A,hangUp=CommandOrControl+Shift+H',
    ]);
    await saveScreenshot(apps.alice.ui(), 'settings-desktop');

    await apps.alice.ui().close();
    await phones.desk.dial(alice.user);
    await callWindow();
    apps.alice.host.pressShortcut('answer');
    await phones.desk.waitForEvent('CALL_ESTABLISHED', 15_000);
    await expect.poll(() => activeCalls().map((call) => call.phase), { timeout: 15_000 }).toEqual(['connected']);
    apps.alice.host.pressShortcut('hangUp');
    await phones.desk.waitForEvent('CALL_CLOSED', 15_000);
    await expect.poll(() => activeCalls(), { timeout: 10_000 }).toEqual([]);
  });
});
