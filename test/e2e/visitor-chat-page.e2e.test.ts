/**
 * The customer chat page (switchboard/provisioning/chat/visitor-page/) in Debian Chromium at phone size,
 * against the real provisioning service, with an agent answering over the desk routes: waiting in line,
 * the agent joining, text both ways (HTML stays text), a reload and a dropped connection that lose
 * nothing, and the company's timeout message. No Kamailio: chat needs none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../electron/host/chromium.ts';
import { setChatSettings, setVisitorSigningSecret } from '../../switchboard/provisioning/chat/chat-settings.ts';
import { signVisitor } from '../../switchboard/provisioning/chat/visitor-identity.ts';
import { openProvisioningDb } from '../../switchboard/provisioning/db.ts';
import { demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import { provisioningPaths } from '../../switchboard/provisioning/paths.ts';
import { startProvisioning, type RunningProvisioning } from '../../switchboard/provisioning/start.ts';
import { eventReader } from '../../switchboard/provisioning/test-support/event-reader.ts';
import { ManualClock } from '../../switchboard/provisioning/test-support/manual-clock.ts';
import { RecordingCodeCaller } from '../../switchboard/provisioning/test-support/recording-code-caller.ts';
import { createSubscriberDb } from '../../switchboard/subscriber-db.ts';

type Message = { seq: number; sender: string; body: string };
const PHONE = { width: 375, height: 667 };
const TIMEOUT_MESSAGE = 'Demo Tech closed this chat after a minute without a reply. Thank you!';
const HTML = '<img src=x onerror=alert(1)>';
const SIGNING_SECRET = 'e2e-visitor-signing-secret-0123456789';

describe('the customer chat page, in Chromium at 375×667, through the real service', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'visitor-page-e2e-'));
  // Real sockets and timers; a manual clock for the visitor timeout.
  const clock = new ManualClock(Date.now());
  const caller = new RecordingCodeCaller();
  let running: RunningProvisioning;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  /** The device token of 8002 (李娜 Li Na), the agent who answers every chat here. */
  let agent: string;

  beforeAll(async () => {
    createSubscriberDb(provisioningPaths(runDir).subscriberDb);
    running = await startProvisioning(
      { runDir, domain: '127.0.0.1', wsUrl: 'ws://127.0.0.1:1', udpPort: 1 },
      { codeCaller: caller, clock, sweepIntervalMs: 20, pingIntervalMs: 1000, chatPage: 'build' },
    );
    // The company's settings, written as an admin would, beside the running service.
    const db = openProvisioningDb(provisioningPaths(runDir).db);
    const companyId = Number(new URL(running.chatPageUrl!).searchParams.get('company'));
    setChatSettings(db, companyId, { visitorTimeoutSec: 60, timeoutMessage: TIMEOUT_MESSAGE });
    setVisitorSigningSecret(db, companyId, SIGNING_SECRET);
    db.close();
    agent = await signIn('8002');
    browser = await launchChromium({ headless: true });
    context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    rmSync(runDir, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, bearer?: string, body?: unknown) => {
    const res = await fetch(`${running.url}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const signIn = async (extension: string): Promise<string> => {
    const person = demoPeople.find((p) => p.extension === extension)!;
    const lookup = await call('POST', '/v1/sign-in/lookup', undefined, { mobile: person.mobile });
    const companyId = (lookup.body['companies'] as { id: number }[])[0]!.id;
    await call('POST', '/v1/sign-in/code', undefined, { mobile: person.mobile, companyId });
    const verify = await call('POST', '/v1/sign-in/verify', undefined, {
      mobile: person.mobile,
      companyId,
      code: caller.lastCode(person.mobile),
    });
    return (verify.body['device'] as { token: string }).token;
  };
  const agentSees = async (agent: string, id: string) =>
    ((await call('GET', `/v1/chat/desk/${id}/messages?after=0`, agent)).body['messages'] as Message[]).filter(
      (m) => m.sender === 'visitor',
    );
  const status = () => page.locator('#status');
  const lines = () => page.locator('#transcript li[data-seq]');
  const shoot = (name: string) => page.screenshot({ path: `/tmp/visitor-page-${name}.png` });

  it('waits in line, gets the agent, keeps everything over a reload and a drop, and shows the timeout message', async () => {
    expect((await call('PUT', '/v1/status', agent, { status: 'busy' })).status).toBe(200);

    await page.goto(`${running.chatPageUrl}&lang=en`);
    await expect.poll(() => status().textContent()).toBe('Waiting for an agent: you are number 1 in line');
    await shoot('en-waiting');
    const stored = await page.evaluate(() => Object.values(sessionStorage)[0] ?? '{}');
    const { conversationId: id, visitorToken } = JSON.parse(stored) as { conversationId: string; visitorToken: string };
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);

    // The agent becomes Available, is offered the chat and accepts it.
    expect((await call('PUT', '/v1/status', agent, { status: 'available' })).status).toBe(200);
    expect((await call('POST', `/v1/chat/desk/${id}/accept`, agent)).status).toBe(200);
    await expect.poll(() => status().textContent()).toBe('You are chatting with 李娜 Li Na');
    await expect.poll(() => page.locator('.line.system').first().textContent()).toBe('李娜 Li Na joined the chat');

    // Enter sends, Shift+Enter is a new line.
    const box = page.locator('#text');
    await box.fill('Hello, my order has not arrived');
    await box.press('Enter');
    await box.pressSequentially('line one');
    await box.press('Shift+Enter');
    await box.pressSequentially('line two');
    await box.press('Enter');
    await expect
      .poll(async () => (await agentSees(agent, id)).map((m) => m.body))
      .toEqual(['Hello, my order has not arrived', 'line one\nline two']);

    // The agent's HTML is shown as the very text it is.
    await call('POST', `/v1/chat/desk/${id}/messages`, agent, { clientId: 'a-1', text: HTML });
    await call('POST', `/v1/chat/desk/${id}/messages`, agent, { clientId: 'a-2', text: 'Let me check that for you' });
    await expect
      .poll(() => page.locator('.line.agent .bubble').allTextContents())
      .toEqual([HTML, 'Let me check that for you']);
    expect(await page.locator('#transcript img').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // Over 5,000 characters is refused before sending, saying so.
    await box.fill('x'.repeat(5001));
    await box.press('Enter');
    await expect
      .poll(() => page.locator('#notice').textContent())
      .toBe('The message is too long: 5001 characters, at most 5000');
    expect(await agentSees(agent, id)).toHaveLength(2);
    await box.fill('');
    await shoot('en-open');

    // A reload shows the same transcript, each message once.
    const before = await lines().evaluateAll((all) => all.map((li) => (li as HTMLElement).dataset['seq']));
    await page.reload();
    await expect.poll(() => status().textContent()).toBe('You are chatting with 李娜 Li Na');
    await expect
      .poll(() => lines().evaluateAll((all) => all.map((li) => (li as HTMLElement).dataset['seq'])))
      .toEqual(before);
    expect(new Set(before).size).toBe(before.length);

    // The connection drops: offline, and the service cuts the page's stream (four newer streams end the oldest).
    await context.setOffline(true);
    const kickers = await Promise.all(
      [1, 2, 3, 4].map(async () => {
        const res = await fetch(`${running.url}/v1/chat/visits/${id}/events`, {
          headers: { authorization: `Bearer ${visitorToken}` },
        });
        return eventReader(res);
      }),
    );
    await expect.poll(() => page.locator('#banner').isVisible()).toBe(true);
    expect(await page.locator('#banner').textContent()).toBe('Connection lost. Reconnecting…');
    await box.fill('Sent while offline');
    await box.press('Enter');
    await call('POST', `/v1/chat/desk/${id}/messages`, agent, { clientId: 'a-3', text: 'Are you still there?' });
    await shoot('en-offline');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await page.locator('.line.agent .bubble').allTextContents()).not.toContain('Are you still there?');
    await context.setOffline(false);
    await expect.poll(() => page.locator('.line.agent .bubble').last().textContent()).toBe('Are you still there?');
    await expect.poll(() => page.locator('#banner').isVisible()).toBe(false);
    await expect
      .poll(async () => (await agentSees(agent, id)).filter((m) => m.body === 'Sent while offline').length)
      .toBe(1);
    await expect.poll(() => page.locator('.line.pending').count()).toBe(0);
    const seqs = await lines().evaluateAll((all) => all.map((li) => (li as HTMLElement).dataset['seq']));
    expect(new Set(seqs).size).toBe(seqs.length);
    await Promise.all(kickers.map((k) => k.cancel().catch(() => {})));

    // The same conversation in Chinese (the tab keeps it), for the screenshots.
    await page.goto(`${running.chatPageUrl}&lang=zh-CN`);
    await expect.poll(() => status().textContent()).toBe('客服 李娜 Li Na 为您服务');
    await expect.poll(() => page.locator('.line.system').first().textContent()).toBe('客服 李娜 Li Na 已接入');
    await shoot('zh-CN-open');

    // The visitor stays silent past the company's time after the agent's last message.
    await call('POST', `/v1/chat/desk/${id}/messages`, agent, { clientId: 'a-4', text: '请问还有其他问题吗？' });
    clock.advanceSec(61);
    await expect.poll(() => page.locator('.line.system').last().textContent()).toBe(TIMEOUT_MESSAGE);
    await expect.poll(() => status().textContent()).toBe('会话已结束');
    expect(await page.locator('#composer').isVisible()).toBe(false);
    expect(await page.locator('#new-chat').textContent()).toBe('发起新会话');
    await shoot('zh-CN-ended');

    // The same page on a desktop screen.
    await page.setViewportSize({ width: 1280, height: 800 });
    await shoot('desktop-ended');
  });

  it('in the browser language, shows the wait after a flood refusal, sends once, and ends the chat only when confirmed', async () => {
    const zh = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
    const visitor = await zh.newPage();
    const answers: boolean[] = [];
    visitor.on('dialog', (dialog) => {
      const yes = answers.shift() ?? false;
      void (yes ? dialog.accept() : dialog.dismiss());
    });
    try {
      await visitor.goto(running.chatPageUrl!);
      await expect
        .poll(() => visitor.locator('.waiting-status').textContent())
        .toMatch(/^正在等待客服接入|^客服即将接入/);
      await visitor.screenshot({ path: '/tmp/visitor-page-zh-CN-waiting.png' });

      // 10 at once, then the service slows the visitor down (its clock stands still here).
      const box = visitor.locator('#text');
      for (let n = 1; n <= 11; n++) {
        await box.fill(`消息 ${n}`);
        await box.press('Enter');
      }
      await expect.poll(() => visitor.locator('#notice').textContent()).toMatch(/^发送太频繁，请 \d+ 秒后再发$/);
      expect(await visitor.locator('.line.pending').count()).toBe(1);
      clock.advanceSec(10);
      await expect.poll(() => visitor.locator('.line.pending').count(), { timeout: 15_000 }).toBe(0);
      expect(await visitor.locator('#notice').isVisible()).toBe(false);
      const bodies = await visitor.locator('.line.visitor .bubble').allTextContents();
      expect(bodies).toEqual(Array.from({ length: 11 }, (_, i) => `消息 ${i + 1}`));

      // End chat asks first: "no" keeps the chat, "yes" ends it.
      answers.push(false);
      await visitor.locator('#end').click();
      expect(await visitor.locator('#composer').isVisible()).toBe(true);
      answers.push(true);
      await visitor.locator('#end').click();
      await expect.poll(() => visitor.locator('#status').textContent()).toBe('会话已结束');
      await expect.poll(() => visitor.locator('.line.system').last().textContent()).toBe('您已结束会话');
      expect(await visitor.locator('#new-chat').isVisible()).toBe(true);
    } finally {
      await zh.close();
    }
  });

  it("carries the company's signed site user to the agent, and refuses a forged one with a clear message", async () => {
    const companyId = Number(new URL(running.chatPageUrl!).searchParams.get('company'));
    const user = { userId: 'shop-user-42', nickname: '小明 Xiaoming', expiresAt: Math.floor(clock.now() / 1000) + 600 };
    const link = (signature: string) =>
      `${running.chatPageUrl}&lang=en&${new URLSearchParams({
        user: user.userId,
        nickname: user.nickname,
        expires: String(user.expiresAt),
        sig: signature,
      })}`;
    const signed = await browser.newContext({ viewport: PHONE });
    try {
      const visitor = await signed.newPage();
      await visitor.goto(link('0'.repeat(64)));
      await expect
        .poll(() => visitor.locator('#notice').textContent())
        .toBe('Your sign-in has expired. Go back to the site and open the chat again');
      await visitor.goto(link(signVisitor(SIGNING_SECRET, companyId, user)));
      await expect.poll(() => visitor.locator('.waiting-status').isVisible()).toBe(true);
      await expect
        .poll(async () => {
          const desk = (await call('GET', '/v1/chat/desk', agent)).body as {
            offers: { visitorNickname: string | null; siteUserId: string | null }[];
          };
          return desk.offers.map((o) => [o.siteUserId, o.visitorNickname]);
        })
        .toContainEqual(['shop-user-42', '小明 Xiaoming']);
    } finally {
      await signed.close();
    }
  });
});
