/**
 * Service records (服务记录) and agent-started chats (issue 16): a signed shop user chats from the real
 * customer chat page in Chromium, the agent ends it, finds it in the records by nickname, reads it, and
 * starts it again (重新会话): the customer's next chat from the site joins it and shows the agent's
 * message. Then the agent contacts the customer by user id (an unknown user id is refused in words), and at a
 * wide window sees list, chat and the customer's orders side by side and sends one as a text card.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../electron/host/chromium.ts';
import { setVisitorSigningSecret } from '../../switchboard/provisioning/chat/chat-settings.ts';
import { signVisitor } from '../../switchboard/provisioning/chat/visitor-identity.ts';
import { openProvisioningDb } from '../../switchboard/provisioning/db.ts';
import { demoMobile } from '../../switchboard/provisioning/demo-data.ts';
import { provisioningPaths } from '../../switchboard/provisioning/paths.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const SECRET = 'e2e-records-signing-secret-0123456789';
const PHONE = { width: 375, height: 667 };

describe('service records: find an ended chat, read it, chat again, contact by user id', () => {
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

  /** The shop's link for its signed-in user 小明 (shop-user-42), as the shop's server would make it. */
  const shopLink = () => {
    const url = switchboard().chatPageUrl!;
    const companyId = Number(new URL(url).searchParams.get('company'));
    const db = openProvisioningDb(provisioningPaths(switchboard().runDir).db);
    try {
      setVisitorSigningSecret(db, companyId, SECRET);
    } finally {
      db.close();
    }
    const user = { userId: 'shop-user-42', nickname: '小明 Xiaoming', expiresAt: Math.floor(Date.now() / 1000) + 3600 };
    return `${url}&lang=en&${new URLSearchParams({
      user: user.userId,
      nickname: user.nickname,
      expires: String(user.expiresAt),
      sig: signVisitor(SECRET, companyId, user),
    })}`;
  };
  const agentLines = (page: Page) => page.locator('.line.agent .bubble');

  it('the agent re-opens an ended chat from the records, and the customer coming back sees his message', async () => {
    const ui = apps.wang.ui();
    await ui.locator('[data-testid="status-button"][data-status="available"]').waitFor();
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(shopLink());

    // A chat as usual: accepted, one line each way, ended by the agent.
    await ui.getByTestId('chat-offer').getByTestId('chat-accept').click();
    await ui.getByTestId('chat-conversation').waitFor();
    await page.locator('#text').fill('Where is my parcel?');
    await page.locator('#text').press('Enter');
    const composer = ui.getByTestId('chat-composer');
    await composer.pressSequentially('I am looking into it');
    await composer.press('Enter');
    await expect.poll(() => agentLines(page).allTextContents()).toEqual(['I am looking into it']);
    await ui.getByTestId('chat-end').click();
    await ui.getByTestId('chat-end-confirm-button').click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('The chat has ended');
    // Hidden from the list (不显示): the records still have it.
    await ui.getByTestId('chat-hide').click();
    await ui.getByTestId('chat-list').waitFor();
    expect(await ui.getByTestId('chat-row').count()).toBe(0);

    // 服务记录: a search by part of the nickname finds it; another name finds nothing.
    await ui.getByTestId('chat-records-open').click();
    await ui.getByTestId('chat-records-text').fill('nobody-like-this');
    await ui.getByTestId('chat-records-search').click();
    await ui.getByTestId('chat-records-none').waitFor();
    await ui.getByTestId('chat-records-text').fill('Xiaoming');
    await ui.getByTestId('chat-records-search').click();
    const record = ui.getByTestId('chat-record');
    await expect.poll(() => record.count()).toBe(1);
    expect(await record.innerText()).toContain('小明 Xiaoming');
    expect(await record.innerText()).toContain('User ID shop-user-42');
    await apps.wang.screenshot('chat-records');

    // Read: the whole transcript, no composer; then 重新会话.
    await record.click();
    await ui.locator('[data-testid="chat-conversation"][data-state="ended"]').waitFor();
    await expect
      .poll(() => ui.locator('[data-testid="chat-line"][data-sender="visitor"] .chat-bubble').allInnerTexts())
      .toEqual(['Where is my parcel?']);
    expect(await ui.getByTestId('chat-composer').count()).toBe(0);
    await ui.getByTestId('chat-reopen').click();
    await ui.locator('[data-testid="chat-conversation"][data-state="open"]').waitFor();
    expect(await ui.getByTestId('chat-visitor-name').innerText()).toBe('小明 Xiaoming');
    await ui.getByTestId('chat-composer').pressSequentially('Your parcel is on its way');
    await ui.getByTestId('chat-composer').press('Enter');

    // The customer starts a chat from the site again: it is the agent's, with his message.
    await page.locator('#new-chat').click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('王小明 Wang Xiaoming');
    await expect.poll(() => agentLines(page).allTextContents()).toContain('Your parcel is on its way');
    await page.locator('#text').fill('Thank you!');
    await page.locator('#text').press('Enter');
    await expect
      .poll(() => ui.locator('[data-testid="chat-line"][data-sender="visitor"] .chat-bubble').allInnerTexts())
      .toEqual(['Thank you!']);
    await ui.getByTestId('chat-end').click();
    await ui.getByTestId('chat-end-confirm-button').click();
    await ui.locator('[data-testid="chat-conversation"][data-state="ended"]').waitFor();
    await context.close();
  });

  it('contacts a customer by user id; an unknown one is refused with the reason', async () => {
    const ui = apps.wang.ui();
    await ui.getByTestId('chat-back').click();
    await ui.getByTestId('chat-records-open').click();
    await ui.getByTestId('chat-contact-user').fill('shop-user-404');
    await ui.getByTestId('chat-contact-start').click();
    await expect.poll(() => ui.getByTestId('chat-contact-error').innerText()).toContain('shop-user-404');

    await ui.getByTestId('chat-contact-user').fill('shop-user-42');
    await ui.getByTestId('chat-contact-start').click();
    await ui.locator('[data-testid="chat-conversation"][data-state="open"]').waitFor();
    expect(await ui.getByTestId('chat-visitor-name').innerText()).toBe('小明 Xiaoming');
    await ui.getByTestId('chat-back').click();
    await expect.poll(() => ui.locator('[data-testid="chat-row"][data-state="open"]').count()).toBe(1);
  });

  it('a window 900 px wide or more shows the list, the chat and the customer with his orders side by side; an order sent is a text card he sees; narrow again, one at a time', async () => {
    const ui = apps.wang.ui();
    await ui.setViewportSize({ width: 1100, height: 700 });
    const desk = ui.getByTestId('chat-desk-wide');
    await desk.waitFor();
    expect(await ui.getByTestId('chat-desk-pick').isVisible()).toBe(true);
    const row = ui.locator('[data-testid="chat-row"][data-state="open"]');
    await row.click();
    // All three at once: the list still there, the chat beside it, the customer's facts beside that.
    await ui.getByTestId('chat-conversation').waitFor();
    expect(await row.isVisible()).toBe(true);
    expect(await row.getAttribute('aria-current')).toBe('true');
    expect(await ui.getByTestId('chat-customer-user-id').innerText()).toBe('shop-user-42');
    expect(await ui.getByTestId('chat-customer-nickname').innerText()).toBe('小明 Xiaoming');
    expect(await ui.getByTestId('chat-customer-channel').innerText()).toBe('Web page');
    const [list, chat, customer] = await Promise.all(
      [row, ui.getByTestId('chat-conversation'), ui.getByTestId('chat-customer')].map((l) => l.boundingBox()),
    );
    expect(list!.x + list!.width).toBeLessThanOrEqual(chat!.x + 1);
    expect(chat!.x + chat!.width).toBeLessThanOrEqual(customer!.x + 1);
    await apps.wang.screenshot('chat-desk-wide');

    // Customer context: the shop's orders (the reference switchboard's demo endpoint), 5 then 5 more.
    const orders = ui.getByTestId('chat-order');
    await expect.poll(() => orders.count()).toBe(5);
    await ui.getByTestId('chat-orders-more').click();
    await expect.poll(() => orders.count()).toBe(10);
    const firstId = (await orders.first().getAttribute('data-id'))!;
    await orders.first().locator('.chat-order-open').click();
    expect(await ui.getByTestId('chat-order-id').innerText()).toBe(firstId);
    expect(await ui.getByTestId('chat-order-address').innerText()).toContain('Beijing');
    await ui.getByTestId('chat-order-detail').getByTestId('chat-order-send').click();
    // The card is text in the chat: on the agent's side, and on the customer's page when he comes back.
    const card = `🧾 Order ${firstId}`;
    await expect
      .poll(() => ui.locator('[data-testid="chat-line"][data-sender="agent"] .chat-bubble').last().innerText())
      .toContain(card);
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(shopLink());
    await expect.poll(() => agentLines(page).last().textContent()).toContain(card);
    expect(await page.locator('.line.agent .bubble').last().locator('*').count()).toBe(0);
    await context.close();

    await ui.setViewportSize({ width: 380, height: 640 });
    await expect.poll(() => desk.count()).toBe(0);
    expect(await ui.getByTestId('chat-conversation').isVisible()).toBe(true);
    expect(await ui.getByTestId('chat-row').count()).toBe(0);
    expect(await ui.getByTestId('chat-customer').count()).toBe(0);
  });
});
