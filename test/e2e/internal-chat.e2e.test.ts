/**
 * Internal chat between colleagues (issue 17): two apps signed in by mobile number write to each other
 * from the directory (text, emoji, an image each way with its very bytes), with the unread badge and read
 * marks; search finds an old message; a hidden chat comes back with the next message; a colleague who was
 * not signed in gets everything in order when they sign in later; with the window closed a message is an
 * OS notification (sender and first line; with message text in notifications off, only the sender).
 * One sign-in per app for the whole file.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import { pngImage } from '../../switchboard/provisioning/test-support/test-images.ts';
import type { AppDriver } from '../support/app-driver.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const wangXiaoming = demoPeople[0]!;
const liNa = demoPeople[1]!;
const anna = demoPeople[2]!;

describe('internal chat between colleagues', () => {
  const { apps, startApp } = useSignedInApps({
    switchboard: { provisioning: true },
    apps: {
      wang: { signIn: { mobile: demoMobile } },
      liNa: { signIn: { mobile: liNa.mobile }, locale: 'zh-CN' },
    },
  });

  /** "Message" on the colleague's search result in the directory: the chat opens in the Chats tab. */
  const messageFromDirectory = async (app: AppDriver, extension: string) => {
    const ui = app.ui();
    await app.openTab('directory');
    await ui.getByTestId('directory-search').fill(extension);
    await ui.locator(`[data-testid="search-results"][data-query="${extension}"]`).waitFor();
    await ui
      .locator(`[data-testid="search-result"][data-extension="${extension}"] [data-testid="dir-message"]`)
      .click();
    await ui.getByTestId('internal-conversation').waitFor();
  };
  const say = async (ui: Page, text: string) => {
    const composer = ui.getByTestId('chat-composer');
    await composer.fill(text);
    await composer.press('Enter');
  };
  const bubbles = (ui: Page, who: 'me' | 'colleague') =>
    ui.locator(`[data-testid="internal-conversation"] [data-testid="chat-line"][data-sender="${who}"] .chat-bubble`);
  const badge = async (ui: Page) => {
    const element = ui.getByTestId('chats-badge');
    return (await element.count()) === 0 ? 0 : Number(await element.innerText());
  };
  const openRowOf = async (ui: Page, extension: string) => {
    await ui.locator(`[data-testid="internal-row"][data-extension="${extension}"]`).click();
    await ui.getByTestId('internal-conversation').waitFor();
  };
  const imageBytes = async (image: ReturnType<Page['locator']>) => {
    const src = (await image.getAttribute('src'))!;
    expect(src.startsWith('data:image/png;base64,')).toBe(true);
    return Buffer.from(src.split(',')[1]!, 'base64');
  };

  it('a message with emoji goes each way from the directory, with the unread badge and the read mark', async () => {
    const wang = apps.wang.ui();
    const li = apps.liNa.ui();
    await messageFromDirectory(apps.wang, liNa.extension);
    expect(await wang.getByTestId('internal-peer-name').innerText()).toBe(liNa.name);
    await say(wang, '你好 Li Na 👋 <b>not bold</b> https://example.com/help');

    // Li Na is on another tab: the Chats tab counts it, her list shows it unread.
    await expect.poll(() => badge(li)).toBe(1);
    await apps.liNa.openTab('chats');
    const row = li.locator(`[data-testid="internal-row"][data-extension="${wangXiaoming.extension}"]`);
    expect(await row.getByTestId('internal-unread').innerText()).toBe('1');
    await apps.liNa.screenshot('zh-CN-internal-chat-list');
    await openRowOf(li, wangXiaoming.extension);
    expect(await bubbles(li, 'colleague').allInnerTexts()).toEqual([
      '你好 Li Na 👋 <b>not bold</b> https://example.com/help',
    ]);
    expect(await li.locator('[data-testid="internal-conversation"] b').count()).toBe(0);
    expect(await bubbles(li, 'colleague').locator('a').getAttribute('href')).toBe('https://example.com/help');
    await expect.poll(() => badge(li)).toBe(0);

    // Wang's message shows Read once she has it open; her answer reaches him.
    await expect.poll(() => wang.getByTestId('internal-mark').getAttribute('data-mark')).toBe('read');
    await say(li, '收到 🙂');
    await expect.poll(() => bubbles(wang, 'colleague').allInnerTexts()).toEqual(['收到 🙂']);
    await expect.poll(() => li.getByTestId('internal-mark').getAttribute('data-mark')).toBe('read');
    await apps.wang.screenshot('internal-chat-conversation');
  });

  it('an image goes each way with the very bytes sent', async () => {
    const wang = apps.wang.ui();
    const li = apps.liNa.ui();
    const photo = pngImage(32, 20, [200, 90, 20]);
    await wang.getByTestId('chat-image-input').setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: photo });
    await wang.getByTestId('chat-image-send').click();
    const atLi = li.locator('[data-testid="chat-line"][data-sender="colleague"] img.chat-image-thumb');
    await atLi.waitFor();
    expect((await imageBytes(atLi)).equals(photo)).toBe(true);

    const reply = pngImage(16, 16, [20, 60, 220]);
    await li.getByTestId('chat-image-input').setInputFiles({ name: 'b.png', mimeType: 'image/png', buffer: reply });
    await li.getByTestId('chat-image-send').click();
    const atWang = wang.locator('[data-testid="chat-line"][data-sender="colleague"] img.chat-image-thumb');
    await atWang.waitFor();
    expect((await imageBytes(atWang)).equals(reply)).toBe(true);
  });

  it('search finds an old message; a hidden chat comes back with the next message', async () => {
    const wang = apps.wang.ui();
    const li = apps.liNa.ui();
    await li.getByTestId('chat-back').click();
    await li.getByTestId('internal-search-open').click();
    await li.getByTestId('internal-search-input').fill('Li Na 👋');
    const hit = li.getByTestId('internal-search-hit');
    await expect.poll(() => hit.allInnerTexts()).toHaveLength(1);
    expect(await hit.innerText()).toContain('你好 Li Na 👋');
    await hit.click();
    await li.getByTestId('internal-conversation').waitFor();

    await li.getByTestId('internal-hide').click();
    await li.getByTestId('internal-chats').waitFor();
    expect(await li.getByTestId('internal-row').count()).toBe(0);
    await say(wang, 'still there?');
    const row = li.locator(`[data-testid="internal-row"][data-extension="${wangXiaoming.extension}"]`);
    await row.waitFor();
    expect(await row.getByTestId('internal-unread').innerText()).toBe('1');
    expect(await row.getByTestId('internal-row-last').innerText()).toBe('still there?');
  });

  it('a colleague who was not signed in sees every message in order when they sign in', async () => {
    const wang = apps.wang.ui();
    await wang.getByTestId('chat-back').click();
    await messageFromDirectory(apps.wang, anna.extension);
    for (const text of ['one', 'two 🎉', 'three']) await say(wang, text);
    await expect.poll(() => bubbles(wang, 'me').allInnerTexts()).toEqual(['one', 'two 🎉', 'three']);
    expect(await wang.getByTestId('internal-mark').getAttribute('data-mark')).toBe('sent');

    const later = await startApp({ signIn: { mobile: anna.mobile } });
    const ui = later.ui();
    await expect.poll(() => badge(ui)).toBe(3);
    await later.openTab('chats');
    await openRowOf(ui, wangXiaoming.extension);
    await expect.poll(() => bubbles(ui, 'colleague').allInnerTexts()).toEqual(['one', 'two 🎉', 'three']);
    await expect.poll(() => wang.getByTestId('internal-mark').getAttribute('data-mark')).toBe('read');
  });

  it('with her window closed, a message is an OS notification with the sender and first line; previews off, no text', async () => {
    const wang = apps.wang.ui();
    await wang.getByTestId('chat-back').click();
    await openRowOf(wang, liNa.extension);
    await apps.liNa.ui().close();
    expect(apps.liNa.host.uiPage).toBeNull();
    await say(wang, '会议改到三点\n在 3 号会议室');
    await expect
      .poll(() => apps.liNa.host.notifications.at(-1))
      .toEqual({ title: wangXiaoming.name, body: '会议改到三点' });

    // Settings › Desktop in her (Chinese) window: message text off; the next message names only the sender.
    await apps.liNa.host.openUiWindow();
    await apps.liNa.ui().getByRole('tab', { name: apps.liNa.strings.tabs.settings }).click();
    await apps.liNa.ui().getByTestId('desktop-settings').getByTestId('desktop-messagePreviews').uncheck();
    await expect.poll(() => apps.liNa.host.app.desktopSettings.get().settings.messagePreviews).toBe(false);
    await apps.liNa.ui().close();
    const shown = apps.liNa.host.notifications.length;
    await say(wang, '密码是 4411');
    await expect.poll(() => apps.liNa.host.notifications.length).toBe(shown + 1);
    expect(apps.liNa.host.notifications.at(-1)).toEqual({ title: `${wangXiaoming.name} 发来新消息`, body: '' });
  });
});
