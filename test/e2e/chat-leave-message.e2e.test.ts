/**
 * 留言 (issue 16): past the company's queue limit the real customer chat page tells the visitor to come
 * back later or leave a message, in zh-CN and en. The message (HTML in it stays text) lands in the chat
 * group's service records: the agent finds it by its text's visitor, sees it marked as a left message,
 * and reads it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../electron/host/chromium.ts';
import { setChatSettings } from '../../switchboard/provisioning/chat/chat-settings.ts';
import { openProvisioningDb } from '../../switchboard/provisioning/db.ts';
import { demoMobile } from '../../switchboard/provisioning/demo-data.ts';
import { provisioningPaths } from '../../switchboard/provisioning/paths.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const PHONE = { width: 375, height: 667 };
const HTML = '<img src=x onerror=alert(1)> 包裹没到';

describe('leaving a message when the queue is full', () => {
  const { apps, switchboard } = useSignedInApps({
    switchboard: { provisioning: { chatPage: 'build', sweepIntervalMs: 100 } },
    apps: { wang: { signIn: { mobile: demoMobile } } },
  });
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium({ headless: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const fullQueue = () => {
    const db = openProvisioningDb(provisioningPaths(switchboard().runDir).db);
    try {
      // No visitor may wait: every new one finds the queue full.
      setChatSettings(db, Number(new URL(switchboard().chatPageUrl!).searchParams.get('company')), { queueLimit: 0 });
    } finally {
      db.close();
    }
  };
  const page = async (lang: 'en' | 'zh-CN'): Promise<Page> => {
    const context = await browser.newContext({ viewport: PHONE, locale: lang === 'en' ? 'en-US' : 'zh-CN' });
    const visitor = await context.newPage();
    await visitor.goto(`${switchboard().chatPageUrl}&lang=${lang}`);
    return visitor;
  };

  it('the page offers a message form; the message lands in the group’s records, marked and readable', async () => {
    fullQueue();
    const zh = await page('zh-CN');
    await zh.locator('#leave-text').waitFor();
    expect(await zh.locator('#notice').innerText()).toBe('当前咨询人数较多，客服全忙，请稍后再来');
    expect(await zh.locator('.leave-title').innerText()).toBe('给我们留言');
    await saveScreenshot(zh, 'chat-leave-message.zh-CN');

    const en = await page('en');
    await en.locator('#leave-text').waitFor();
    expect(await en.locator('#notice').innerText()).toBe(
      'All agents are busy and the line is full. Please come back later',
    );
    // Nothing written: said so, and nothing is sent.
    await en.locator('#leave-submit').click();
    expect(await en.locator('.leave-error').innerText()).toBe('Please write your message');
    await en.locator('#leave-text').fill(HTML);
    await en.locator('#leave-contact').fill('138 0013 8000');
    await saveScreenshot(en, 'chat-leave-message.en');
    await en.locator('#leave-submit').click();
    await expect
      .poll(() => en.locator('#leave-sent').textContent())
      .toBe('Your message has been left. An agent will get back to you soon.');
    await saveScreenshot(en, 'chat-leave-message-sent.en');

    // Wang is in the group: the message is in his service records, marked as left, and reads as text.
    const ui = apps.wang.ui();
    await ui.getByRole('tab', { name: apps.wang.strings.tabs.chats }).click();
    await ui.getByTestId('chat-records-open').click();
    const record = ui.locator('[data-testid="chat-record"][data-left-message="true"]');
    await record.waitFor({ timeout: 15_000 });
    expect(await record.innerText()).toContain('Left message');
    await apps.wang.screenshot('chat-records-left-message');
    await record.click();
    const visitorLine = ui.locator('[data-testid="chat-line"][data-sender="visitor"] .chat-bubble');
    await expect.poll(() => visitorLine.allInnerTexts()).toEqual([`${HTML}\n\n138 0013 8000`]);
    expect(await ui.locator('[data-testid="chat-messages"] img').count()).toBe(0);
  });
});
