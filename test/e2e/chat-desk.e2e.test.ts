/**
 * Online customer service in the app (issue 16), the agent's side: the real customer chat page in
 * Chromium and two agents' apps signed in by mobile number against the reference switchboard. An offer
 * rings with its countdown and is accepted; text goes both ways (HTML stays text; Shift+Enter is a new
 * line); End chat asks first and the visitor sees the end; an offer nobody accepts moves to the other agent.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../electron/host/chromium.ts';
import { setChatSettings } from '../../switchboard/provisioning/chat/chat-settings.ts';
import { openProvisioningDb } from '../../switchboard/provisioning/db.ts';
import { demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import { provisioningPaths } from '../../switchboard/provisioning/paths.ts';
import { pngImage } from '../../switchboard/provisioning/test-support/test-images.ts';
import type { AppDriver } from '../support/app-driver.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const liNa = demoPeople[1]!;
const HTML = '<img src=x onerror=alert(1)>';
const FIRST = 'Hello, my order has not arrived: https://shop.example/orders/42 javascript:alert(1)';
const PHONE = { width: 375, height: 667 };

describe('the Chats tab answers the customer chat page', () => {
  const { apps, switchboard } = useSignedInApps({
    switchboard: { provisioning: { chatPage: 'build', sweepIntervalMs: 100 } },
    apps: {
      wang: { signIn: { mobile: demoMobile } },
      liNa: { signIn: { mobile: liNa.mobile }, locale: 'zh-CN' },
    },
  });
  let browser: Browser;
  const dialogs: string[] = [];
  beforeAll(async () => {
    browser = await launchChromium({ headless: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The company's chat settings, changed as an administrator would, beside the running service. */
  const chatSettings = (change: Parameters<typeof setChatSettings>[2]) => {
    const url = switchboard().chatPageUrl!;
    const db = openProvisioningDb(provisioningPaths(switchboard().runDir).db);
    try {
      setChatSettings(db, Number(new URL(url).searchParams.get('company')), change);
    } finally {
      db.close();
    }
  };
  const visitor = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await page.goto(`${switchboard().chatPageUrl}&lang=en`);
    return page;
  };
  const setStatus = async (app: AppDriver, status: 'available' | 'busy') => {
    const ui = app.ui();
    await ui.getByTestId('status-button').click();
    await ui.getByTestId(`status-option-${status}`).click();
    await ui.locator(`[data-testid="status-button"][data-status="${status}"]`).waitFor();
  };
  const offerOf = (app: AppDriver) => app.ui().getByTestId('chat-offer');
  const lines = (app: AppDriver, sender: string) =>
    app.ui().locator(`[data-testid="chat-line"][data-sender="${sender}"] .chat-bubble`);

  it('an offer rings with its countdown; accepted, the chat opens and text goes both ways, as text', async () => {
    await apps.wang.ui().locator('[data-testid="status-button"][data-status="available"]').waitFor();
    await setStatus(apps.liNa, 'busy');
    const page = await visitor();

    // Only Wang is Available: the offer rings on his window, on whatever tab, counting down from 30 s.
    const offer = offerOf(apps.wang);
    await offer.waitFor();
    const countdown = offer.getByTestId('chat-offer-countdown');
    const first = Number(await countdown.getAttribute('data-seconds'));
    expect(first).toBeGreaterThan(20);
    expect(first).toBeLessThanOrEqual(30);
    await expect.poll(async () => Number(await countdown.getAttribute('data-seconds'))).toBeLessThan(first);
    expect(await offer.innerText()).toContain('New chat: Visitor');
    await apps.wang.screenshot('chat-offer');

    await offer.getByTestId('chat-accept').click();
    const ui = apps.wang.ui();
    await ui.getByTestId('chat-conversation').waitFor();
    expect(await offerOf(apps.wang).count()).toBe(0);
    await expect.poll(() => page.locator('#status').textContent()).toContain('王小明 Wang Xiaoming');
    await expect
      .poll(() => ui.locator('[data-testid="chat-line"][data-sender="system"]').first().innerText())
      .toBe('王小明 Wang Xiaoming joined the chat');

    // The visitor writes, HTML included: the agent sees the very text, no element made of it; only an http(s)
    // address becomes a link (opened in the system browser), a javascript: one stays text.
    const box = page.locator('#text');
    await box.fill(FIRST);
    await box.press('Enter');
    await box.fill(HTML);
    await box.press('Enter');
    await expect.poll(() => lines(apps.wang, 'visitor').allInnerTexts()).toEqual([FIRST, HTML]);
    expect(await ui.locator('[data-testid="chat-messages"] img').count()).toBe(0);
    const links = lines(apps.wang, 'visitor').locator('a');
    expect(await links.evaluateAll((found) => found.map((a) => a.getAttribute('href')))).toEqual([
      'https://shop.example/orders/42',
    ]);

    // The agent answers: Enter sends, Shift+Enter is a new line; each message arrives once.
    const composer = ui.getByTestId('chat-composer');
    await composer.pressSequentially('Let me check that');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('for you');
    await composer.press('Enter');
    await composer.pressSequentially('One moment please');
    await composer.press('Enter');
    await expect
      .poll(() => page.locator('.line.agent .bubble').allTextContents())
      .toEqual(['Let me check that\nfor you', 'One moment please']);
    await expect
      .poll(() => lines(apps.wang, 'agent').allInnerTexts())
      .toEqual(['Let me check that\nfor you', 'One moment please']);
    expect(await lines(apps.wang, 'pending').count()).toBe(0);

    // An emoji from the picker goes where the caret is, and arrives as the character it is.
    await composer.pressSequentially('Thanks ');
    await ui.getByTestId('emoji-button').click();
    await ui.getByTestId('emoji-search').fill('thumbs up');
    const thumbs = ui.getByTestId('emoji-choice').first();
    const emoji = (await thumbs.getAttribute('data-emoji'))!;
    await thumbs.click();
    expect(await ui.getByTestId('emoji-panel').count()).toBe(0);
    await composer.press('Enter');
    await expect.poll(() => page.locator('.line.agent .bubble').last().textContent()).toBe(`Thanks ${emoji}`);
    await apps.wang.screenshot('chat-conversation');

    // Back to the list: the chat with its last line; the visitor writes again and it counts as unread.
    await ui.getByTestId('chat-back').click();
    const row = ui.getByTestId('chat-row').first();
    await expect.poll(() => row.getByTestId('chat-row-last').innerText()).toBe(`You: Thanks ${emoji}`);
    await box.fill('Thanks');
    await box.press('Enter');
    await expect.poll(() => row.getByTestId('chat-unread').innerText()).toBe('1');
    await expect.poll(() => ui.getByTestId('chats-badge').innerText()).toBe('1');
    await row.click();
    await expect.poll(() => lines(apps.wang, 'visitor').last().innerText()).toBe('Thanks');
    await ui.getByTestId('chat-back').click();
    expect(await row.getByTestId('chat-unread').count()).toBe(0);
    await row.click();

    // End chat asks first: "Keep chatting" keeps it; confirmed, the visitor sees the end.
    await ui.getByTestId('chat-end').click();
    await ui.getByTestId('chat-end-cancel').click();
    expect(await ui.getByTestId('chat-composer').isVisible()).toBe(true);
    await ui.getByTestId('chat-end').click();
    await ui.getByTestId('chat-end-confirm-button').click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('The chat has ended');
    await expect.poll(() => page.locator('.line.system').last().textContent()).toBe('The agent ended the chat');
    await ui.locator('[data-testid="chat-conversation"][data-state="ended"]').waitFor();
    expect(await ui.getByTestId('chat-composer').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('an offer not accepted in time goes to the other agent; the one who let it lapse is set Busy', async () => {
    chatSettings({ offerTimeoutSec: 5 });
    // Li Na is still Busy: the chat is offered to Wang, and Li Na comes back while it rings.
    const page = await visitor();
    await offerOf(apps.wang).waitFor();
    await setStatus(apps.liNa, 'available');
    await offerOf(apps.liNa).waitFor({ timeout: 15_000 });
    expect(await offerOf(apps.wang).count()).toBe(0);
    await apps.wang.ui().locator('[data-testid="status-button"][data-status="busy"]').waitFor();
    // Li Na's countdown is short too: accept at once, then look.
    await offerOf(apps.liNa).getByTestId('chat-accept').click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('李娜 Li Na');
    await apps.liNa.ui().getByTestId('chat-conversation').waitFor();
    expect(await apps.liNa.ui().getByTestId('chat-visitor-name').innerText()).toMatch(/^访客 /);
    await apps.liNa.screenshot('zh-CN-chat-conversation');
    await page.context().close();
  });

  it('transfers the chat to a colleague with a note, and on to the chat group, the visitor seeing each hand-over', async () => {
    chatSettings({ offerTimeoutSec: 30 });
    const page = await visitor();
    // Li Na is the only one Available (Wang was set Busy for letting the offer lapse).
    const offer = offerOf(apps.liNa);
    await offer.waitFor();
    await offer.getByTestId('chat-accept').click();
    const li = apps.liNa.ui();
    await li.getByTestId('chat-conversation').waitFor();
    const id = (await li.getByTestId('chat-conversation').getAttribute('data-id'))!;
    await page.locator('#text').fill('I would like to change my address');
    await page.locator('#text').press('Enter');
    await expect.poll(() => lines(apps.liNa, 'visitor').last().innerText()).toBe('I would like to change my address');

    // To Wang (Busy but signed in), found in the directory, with a note: the chat is his at once, note and all.
    await li.getByTestId('chat-transfer').click();
    await li.getByTestId('chat-transfer-search').fill('8001');
    await li.getByTestId('chat-transfer-note-input').fill('老客户 VIP');
    await li.locator('[data-testid="chat-transfer-person"][data-extension="8001"]').click();
    await expect.poll(() => li.locator(`[data-testid="chat-row"][data-id="${id}"]`).count()).toBe(0);
    const wang = apps.wang.ui();
    await apps.wang.openTab('chats');
    // Wang still shows the chat he ended in the first test: back to his list.
    await wang.getByTestId('chat-back').click();
    const row = wang.locator(`[data-testid="chat-row"][data-id="${id}"]`);
    await row.click();
    expect(await wang.getByTestId('chat-transfer-note').innerText()).toContain('老客户 VIP');
    await expect.poll(() => lines(apps.wang, 'visitor').last().innerText()).toBe('I would like to change my address');
    await expect.poll(() => page.locator('.line.system').last().textContent()).toMatch(/transferred/i);

    // On to the chat group: never offered back to Wang; Li Na, Available, is offered it again.
    await wang.getByTestId('chat-transfer').click();
    await wang.getByTestId('chat-transfer-group').first().click();
    await expect.poll(() => wang.locator(`[data-testid="chat-row"][data-id="${id}"]`).count()).toBe(0);
    await offerOf(apps.liNa).waitFor();
    await offerOf(apps.liNa).getByTestId('chat-accept').click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('李娜 Li Na');
    expect(await offerOf(apps.wang).count()).toBe(0);
    await page.context().close();
  });

  it('an image goes each way with the very bytes sent, and the visitor’s satisfaction rating shows in the agent’s chat', async () => {
    const li = apps.liNa.ui();
    const before = await li.getByTestId('chat-conversation').getAttribute('data-id');
    const page = await visitor();
    // Li Na is Available (Wang still Busy): she takes it.
    await offerOf(apps.liNa).waitFor();
    await offerOf(apps.liNa).getByTestId('chat-accept').click();
    const chat = li.locator(`[data-testid="chat-conversation"]:not([data-id="${before}"])`);
    await chat.waitFor();
    await expect.poll(() => page.locator('#status').textContent()).toContain('李娜 Li Na');

    // The visitor picks a photo, sees it before sending, sends it.
    const photo = pngImage(40, 30, [200, 90, 20]);
    await page.locator('#image-file').setInputFiles({ name: 'parcel.png', mimeType: 'image/png', buffer: photo });
    const preview = page.locator('#image-preview');
    await preview.locator('img').waitFor();
    await page.screenshot({ path: '/tmp/visitor-page-image-preview.png' });
    await preview.locator('button.primary').click();
    // The agent's app shows it from a data: URL made in main: its bytes are the file's.
    const received = li.locator('[data-testid="chat-line"][data-sender="visitor"] img.chat-image-thumb');
    await received.waitFor();
    const shown = (await received.getAttribute('src'))!;
    expect(shown.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(shown.split(',')[1]!, 'base64').equals(photo)).toBe(true);
    await li.getByTestId('chat-image').click();
    await li.getByTestId('chat-image-full').waitFor();
    await apps.liNa.screenshot('zh-CN-chat-image-full');
    await li.keyboard.press('Escape');
    expect(await li.getByTestId('chat-image-viewer').count()).toBe(0);

    // The agent sends one back through the picker and its preview; the visitor gets the same bytes.
    const reply = pngImage(24, 24, [20, 60, 220]);
    // The page fetches images with its token (its CSP lets it show blob: images, not read them back): the
    // bytes it is given are taken on the way, as they pass.
    const images: Buffer[] = [];
    await page.route(/\/images\/[A-Za-z0-9_-]{22}$/, async (route) => {
      const response = await route.fetch();
      if (response.ok()) images.push(await response.body());
      await route.fulfill({ response });
    });
    await li.getByTestId('chat-image-input').setInputFiles({ name: 'label.png', mimeType: 'image/png', buffer: reply });
    await li.getByTestId('chat-image-send').click();
    const back = page.locator('.line.agent img.image-thumb');
    await back.waitFor();
    await expect.poll(() => images.some((body) => body.equals(reply))).toBe(true);
    expect(await back.getAttribute('src')).toMatch(/^blob:/);
    await expect.poll(() => back.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(24);
    // A refused kind is said on the page, nothing sent.
    await page
      .locator('#image-file')
      .setInputFiles({ name: 'x.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg/>') });
    await expect
      .poll(() => page.locator('#notice').textContent())
      .toBe('Only PNG, JPEG, GIF and WebP images can be sent');

    // 满意度评价: sent once; the visitor rates 4 with a comment; the agent sees both, as text.
    await li.getByTestId('chat-survey-send').click();
    await expect.poll(() => li.getByTestId('chat-survey').getAttribute('data-state')).toBe('sent');
    const card = page.locator('#survey .survey-card');
    await card.waitFor();
    await page.screenshot({ path: '/tmp/visitor-page-survey.png' });
    await card.locator('input[value="4"]').check();
    await card.locator('.survey-comment').fill('Quick help <b>thanks</b>');
    await card.locator('.survey-submit').click();
    await expect
      .poll(() => page.locator('#survey .survey-thanks').textContent())
      .toBe('Thank you for your rating (4 of 5)!');
    expect(await page.locator('#survey .survey-card').count()).toBe(0);
    await expect.poll(() => li.getByTestId('chat-survey-score').innerText()).toContain('满意度：4 分（满意）');
    expect(await li.getByTestId('chat-survey-comment').innerText()).toBe('评价内容：Quick help <b>thanks</b>');
    await apps.liNa.screenshot('zh-CN-chat-survey');
    await page.screenshot({ path: '/tmp/visitor-page-survey-answered.png' });

    // Ended, the chat keeps the rating in its view.
    await li.getByTestId('chat-end').click();
    await li.getByTestId('chat-end-confirm-button').click();
    await expect.poll(() => chat.getAttribute('data-state')).toBe('ended');
    expect(await li.getByTestId('chat-survey-score').innerText()).toContain('4');
    await page.context().close();
  });

  it('the chat’s font size (字体) is chosen beside the composer and remembered after the window reloads', async () => {
    const li = apps.liNa.ui();
    // An open chat has the composer: Li Na still has the one transferred to her earlier.
    await li.getByTestId('chat-back').click();
    await li.locator('[data-testid="chat-row"][data-state="open"]').first().click();
    await li.getByTestId('chat-composer').fill('Font check');
    await li.getByTestId('chat-composer').press('Enter');
    const bubble = li.locator('[data-testid="chat-line"][data-sender="agent"] .chat-bubble').last();
    const size = () => bubble.evaluate((element) => getComputedStyle(element).fontSize);
    const normal = await size();
    await li.getByTestId('chat-font-button').click();
    await li.locator('[data-testid="chat-font-choice"][data-size="large"]').click();
    await expect.poll(size).toBe('18px');
    expect(normal).not.toBe('18px');
    await apps.liNa.reloadUi();
    await expect.poll(() => li.evaluate(() => document.documentElement.dataset['chatFont'])).toBe('large');
  });
});
