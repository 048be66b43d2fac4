/**
 * A chat offered while Switchboard's window is closed to the tray (issue 16): it rings with the call
 * ring, the OS notification names the visitor, and the small incoming-call window shows the offer with
 * its countdown. Accept there opens the chat in the main window; an offer left to lapse closes the
 * window by itself and the ring stops. With the main window open, its ringing bar is enough.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../electron/host/chromium.ts';
import { setChatSettings } from '../../switchboard/provisioning/chat/chat-settings.ts';
import { openProvisioningDb } from '../../switchboard/provisioning/db.ts';
import { demoMobile } from '../../switchboard/provisioning/demo-data.ts';
import { provisioningPaths } from '../../switchboard/provisioning/paths.ts';
import type { AppDriver } from '../support/app-driver.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

describe('a chat offered with the window in the tray', () => {
  const { apps, switchboard } = useSignedInApps({
    switchboard: { provisioning: { chatPage: 'build', sweepIntervalMs: 100 } },
    apps: { wang: { signIn: { mobile: demoMobile } } },
  });
  let browser: Browser;
  const visitors: Page[] = [];
  beforeAll(async () => {
    browser = await launchChromium({ headless: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const chatSettings = (change: Parameters<typeof setChatSettings>[2]) => {
    const db = openProvisioningDb(provisioningPaths(switchboard().runDir).db);
    try {
      setChatSettings(db, Number(new URL(switchboard().chatPageUrl!).searchParams.get('company')), change);
    } finally {
      db.close();
    }
  };
  const visitor = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${switchboard().chatPageUrl}&lang=en`);
    visitors.push(page);
    return page;
  };
  /** The tone the engine page plays now: 'ring' while an offer rings, null when quiet. */
  const tone = (app: AppDriver) =>
    app.host
      .enginePage()!
      .evaluate(
        () =>
          (
            window as unknown as { switchboardEngine: { audioRoute(): { tone: string | null } } }
          ).switchboardEngine.audioRoute().tone,
      );
  const offerWindow = async (app: AppDriver) => {
    await expect.poll(() => app.host.callWindow(), { timeout: 15_000 }).not.toBeNull();
    return app.host.callWindow()!;
  };
  const offers = (app: AppDriver) => app.host.core.state.get().chat?.offers ?? [];

  it('rings, notifies and opens the small window; Accept there opens the chat in the main window', async () => {
    const wang = apps.wang;
    await wang.ui().locator('[data-testid="status-button"][data-status="available"]').waitFor();
    await wang.ui().close();
    expect(wang.host.uiPage).toBeNull();
    const page = await visitor();

    const window = await offerWindow(wang);
    const name = await window.getByTestId('chat-offer-window-name').innerText();
    expect(name).toMatch(/^Visitor [0-9A-Za-z_-]{6}$/);
    expect(await window.getByTestId('chat-offer-window').innerText()).toContain('Chat offered · Web page');
    const countdown = window.getByTestId('chat-offer-window-countdown');
    const first = Number(await countdown.getAttribute('data-seconds'));
    expect(first).toBeGreaterThan(20);
    expect(first).toBeLessThanOrEqual(30);
    await expect.poll(async () => Number(await countdown.getAttribute('data-seconds'))).toBeLessThan(first);
    await expect.poll(() => tone(wang)).toBe('ring');
    expect(wang.host.notifications.at(-1)).toEqual({ title: `New chat: ${name}`, body: 'Web page' });
    await saveScreenshot(window, 'chat-offer-window');

    const closed = window.waitForEvent('close', { timeout: 15_000 });
    await window
      .getByTestId('chat-offer-window-accept')
      .click()
      .catch((error: unknown) => {
        if (!window.isClosed()) throw error;
      });
    await closed;
    // The main window comes up on the chat; the ring stops; the visitor sees who answers.
    await expect.poll(() => wang.host.uiPage !== null, { timeout: 10_000 }).toBe(true);
    const conversation = wang.ui().getByTestId('chat-conversation');
    await conversation.waitFor({ timeout: 15_000 });
    expect(await conversation.innerText()).toContain(name);
    await expect.poll(() => tone(wang)).toBeNull();
    await expect.poll(() => page.locator('#status').textContent()).toContain('王小明 Wang Xiaoming');
    // Opened, the request to show it is done: a later reload does not jump to it again.
    await expect.poll(() => wang.host.core.state.get().chat?.show).toBeUndefined();

    await wang.ui().getByTestId('chat-end').click();
    await wang.ui().getByTestId('chat-end-confirm-button').click();
    await expect.poll(() => wang.host.core.state.get().chat?.open.length).toBe(0);
  });

  it('an offer left to lapse closes the window by itself and the ring stops', async () => {
    const wang = apps.wang;
    chatSettings({ offerTimeoutSec: 5 });
    await wang.ui().locator('[data-testid="status-button"][data-status="available"]').waitFor();
    await wang.ui().close();
    await visitor();
    await offerWindow(wang);
    await expect.poll(() => tone(wang)).toBe('ring');
    await expect.poll(() => wang.host.callWindow(), { timeout: 15_000 }).toBeNull();
    expect(offers(wang)).toEqual([]);
    await expect.poll(() => tone(wang)).toBeNull();
    expect(wang.host.uiPage).toBeNull();
  });

  it('with the main window open, the offer rings in its bar and no small window opens', async () => {
    const wang = apps.wang;
    chatSettings({ offerTimeoutSec: 30 });
    await wang.openUiWindow();
    // Letting the last offer lapse made Wang not ready, as a call's ring-out does: back to work.
    await wang.ui().getByTestId('status-button').click();
    await wang.ui().getByTestId('status-option-available').click();
    await wang.ui().locator('[data-testid="status-button"][data-status="available"]').waitFor();
    // The visitor whose offer lapsed waits at the front of the queue: back at work, Wang is offered it.
    await wang.ui().getByTestId('chat-offer').waitFor({ timeout: 15_000 });
    expect(await wang.ui().getByTestId('chat-offer').count()).toBe(1);
    await expect.poll(() => tone(wang)).toBe('ring');
    expect(wang.host.callWindow()).toBeNull();
    await wang.ui().getByTestId('chat-accept').click();
    await expect.poll(() => tone(wang)).toBeNull();
  });
});
