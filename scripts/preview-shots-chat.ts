/** The Chats tab's preview shots (issue 16). */
import type { Page } from 'playwright-core';
import type { Language } from '../src/shared/domain.ts';
import { openTab, type Shot } from './preview-shot-kit.ts';

/** The agent's desk at a wide window (list, chat and customer side by side from 900 px). */
const WIDE = { width: 1100, height: 700 };

/** The Chats tab (issue 16): the list, an offer ringing, a chat, End chat's question, Transfer, the service records. */
export function chatShots(): Shot[] {
  const openChats = openTab((w) => w.tabs.chats);
  const openChat = (index: number) => async (page: Page, lang: Language) => {
    await openChats(page, lang);
    await page.getByTestId('chat-row').nth(index).click();
    await page.getByTestId('chat-conversation').waitFor();
  };
  return [
    { name: 'chat-list', scenario: 'chat-list', act: openChats },
    { name: 'chat-offer', scenario: 'chat-offer' },
    // The window hidden in the tray: the small offer window (the incoming-call window's).
    { name: 'chat-offer-window', scenario: 'chat-offer', callWindow: true },
    { name: 'chat-conversation', scenario: 'chat-list', act: openChat(0) },
    { name: 'chat-conversation-html', scenario: 'chat-list', act: openChat(1) },
    { name: 'chat-ended', scenario: 'chat-list', act: openChat(2) },
    {
      name: 'chat-end-confirm',
      scenario: 'chat-list',
      act: async (page, lang) => {
        await openChat(0)(page, lang);
        await page.getByTestId('chat-end').click();
      },
    },
    {
      name: 'chat-emoji',
      scenario: 'chat-list',
      act: async (page, lang) => {
        await openChat(0)(page, lang);
        await page.getByTestId('emoji-button').click();
        await page.getByTestId('emoji-choice').first().waitFor();
      },
    },
    { name: 'chat-image', scenario: 'chat-media', act: openChat(0) },
    {
      name: 'chat-image-full',
      scenario: 'chat-media',
      act: async (page, lang) => {
        await openChat(0)(page, lang);
        await page.getByTestId('chat-image').first().click();
        await page.getByTestId('chat-image-full').waitFor();
      },
    },
    {
      name: 'chat-image-preview',
      scenario: 'chat-media',
      act: async (page, lang) => {
        await openChat(0)(page, lang);
        const picture = await page.evaluate(() => {
          const canvas = document.createElement('canvas');
          canvas.width = 400;
          canvas.height = 260;
          const g = canvas.getContext('2d')!;
          g.fillStyle = '#3c8d5a';
          g.fillRect(0, 0, 400, 260);
          g.fillStyle = '#f3d36b';
          g.beginPath();
          g.arc(300, 80, 40, 0, Math.PI * 2);
          g.fill();
          return canvas.toDataURL('image/png').split(',')[1]!;
        });
        await page
          .getByTestId('chat-image-input')
          .setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: Buffer.from(picture, 'base64') });
        await page.getByTestId('chat-image-preview').waitFor();
      },
    },
    { name: 'chat-survey-answered', scenario: 'chat-media', act: openChat(2) },
    {
      name: 'chat-font-large',
      scenario: 'chat-media',
      act: async (page, lang) => {
        await openChat(0)(page, lang);
        await page.getByTestId('chat-font-button').click();
        await page.locator('[data-testid="chat-font-choice"][data-size="large"]').click();
        await page.locator('html[data-chat-font="large"]').waitFor({ state: 'attached' });
        await page.getByTestId('chat-font-button').click();
      },
    },
    {
      name: 'chat-transfer',
      scenario: 'chat-list',
      act: async (page, lang) => {
        await openChat(0)(page, lang);
        await page.getByTestId('chat-transfer').click();
        await page.getByTestId('chat-transfer-search').fill('20');
      },
    },
    {
      name: 'chat-records',
      scenario: 'chat-list',
      act: async (page, lang) => {
        await openChats(page, lang);
        await page.getByTestId('chat-records-open').click();
        await page.getByTestId('chat-record').first().waitFor();
      },
    },
    {
      name: 'chat-record',
      scenario: 'chat-list',
      act: async (page, lang) => {
        await openChats(page, lang);
        await page.getByTestId('chat-records-open').click();
        await page.getByTestId('chat-record').first().click();
        await page.getByTestId('chat-reopen').waitFor();
      },
    },
    {
      name: 'chat-records-more',
      scenario: 'chat-records-many',
      act: async (page, lang) => {
        await openChats(page, lang);
        await page.getByTestId('chat-records-open').click();
        await page.getByTestId('chat-record').nth(29).waitFor();
        await page.getByTestId('chat-records-more').scrollIntoViewIfNeeded();
        // Scrolled to the end, the next page came; the list shows the last records.
        await page.getByTestId('chat-record').nth(40).waitFor();
        await page.getByTestId('chat-record').last().scrollIntoViewIfNeeded();
      },
    },
    { name: 'chat-desk-wide', scenario: 'chat-list', viewport: WIDE, act: openChat(0) },
    { name: 'chat-desk-wide-no-context', scenario: 'chat-no-context', viewport: WIDE, act: openChat(0) },
    {
      name: 'chat-desk-wide-order',
      scenario: 'chat-list',
      viewport: WIDE,
      act: async (page, lang) => {
        await openChat(0)(page, lang);
        await page.getByTestId('chat-order').first().locator('.chat-order-open').click();
        await page.getByTestId('chat-order-detail').waitFor();
      },
    },
    { name: 'chat-desk-wide-empty', scenario: 'chat-list', viewport: WIDE, act: openChats },
    {
      name: 'chat-desk-wide-record',
      scenario: 'chat-list',
      viewport: WIDE,
      act: async (page, lang) => {
        await openChats(page, lang);
        await page.getByTestId('chat-records-open').click();
        await page.getByTestId('chat-record').first().click();
        await page.getByTestId('chat-reopen').waitFor();
      },
    },
    ...internalChatShots(openChats),
  ];
}

/** Internal chats with colleagues (issue 17): their section, a chat with marks, New chat, search, Message from the directory. */
function internalChatShots(openChats: (page: Page, lang: Language) => Promise<void>): Shot[] {
  const openInternal = (index: number) => async (page: Page, lang: Language) => {
    await openChats(page, lang);
    await page.getByTestId('internal-row').nth(index).click();
    await page.getByTestId('internal-conversation').waitFor();
  };
  const openDirectory = openTab((w) => w.tabs.directory);
  return [
    {
      name: 'chat-internal-list',
      scenario: 'chat-list',
      act: async (page, lang) => {
        await openChats(page, lang);
        await page.getByTestId('internal-chats').scrollIntoViewIfNeeded();
      },
    },
    { name: 'chat-internal-conversation', scenario: 'chat-list', act: openInternal(0) },
    { name: 'chat-internal-image', scenario: 'chat-list', act: openInternal(2) },
    {
      name: 'chat-internal-new',
      scenario: 'chat-list',
      act: async (page, lang) => {
        await openChats(page, lang);
        await page.getByTestId('internal-new').click();
        await page.getByTestId('internal-new-search').fill('21');
        await page.getByTestId('internal-new-pick').first().waitFor();
      },
    },
    {
      name: 'chat-internal-search',
      scenario: 'chat-list',
      act: async (page, lang) => {
        await openChats(page, lang);
        await page.getByTestId('internal-search-open').click();
        await page.getByTestId('internal-search-input').fill('物流');
        await page.getByTestId('internal-search-hit').first().waitFor();
      },
    },
    { name: 'chat-internal-wide', scenario: 'chat-list', viewport: WIDE, act: openInternal(0) },
    {
      name: 'chat-internal-directory',
      scenario: 'chat-list',
      act: async (page, lang) => {
        await openDirectory(page, lang);
        await page.getByTestId('directory-search').fill('20');
        await page.getByTestId('dir-message').first().waitFor();
      },
    },
  ];
}
