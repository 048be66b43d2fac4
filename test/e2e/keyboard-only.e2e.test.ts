/**
 * Someone who uses no mouse does a day's calls with the keyboard alone (issue 21): signs in by mobile
 * number, calls a colleague found in the directory, hangs up, answers a colleague's call, transfers it to
 * a desk phone, and reads the history. Every action here is page.keyboard (Tab, Enter, typing); the
 * test only reads the page to know where focus is and what is shown. The other parties (张三's app and a
 * desk phone) are driven as usual.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import { waitForValue } from '../support/app-driver.ts';
import { loggedCodeCount, waitForLoggedCode } from '../support/code-log.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const zhangSan = demoPeople.find((person) => person.name === '张三')!;
const deskPhone = demoUsers[2]!;
/** The extension the demo mobile number signs in as (the directory e2e rings 张三 from it). */
const MY_EXTENSION = '8001';

/** What has focus: its test id, else its role and name, for the messages of a failed walk. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'nothing';
    return (
      element.getAttribute('data-testid') ??
      element.id ??
      `${element.tagName.toLowerCase()} ${element.getAttribute('aria-label') ?? ''}`
    );
  });

/** Presses Tab until the element matching `selector` has focus (as a person tabs until they reach it). */
async function tabTo(page: Page, selector: string, most = 60): Promise<void> {
  const walked: string[] = [];
  for (let presses = 0; presses <= most; presses++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
    walked.push(await focused(page));
  }
  throw new Error(`Tab never reached ${selector}; focus went ${walked.join(' → ')}`);
}

describe('keyboard only', () => {
  const { apps, switchboard } = useSignedInApps({
    switchboard: { provisioning: true },
    apps: {
      me: { numberScreen: true, locale: 'en-US' },
      zhangSan: { signIn: { mobile: zhangSan.mobile } },
    },
    phones: { desk: () => ({ user: deskPhone, autoAnswer: true }) },
  });
  const ui = () => apps.me.ui();

  it('signs in by mobile number with Tab, typing and Enter', async () => {
    const page = ui();
    await page.getByTestId('mobile-input').waitFor();
    await tabTo(page, '[data-testid="mobile-input"]');
    await page.keyboard.type(demoMobile);
    await tabTo(page, '[data-testid="check-number"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('get-code').waitFor();
    const codesBefore = loggedCodeCount(switchboard(), demoMobile);
    await tabTo(page, '[data-testid="get-code"]');
    await page.keyboard.press('Enter');
    const code = await waitForLoggedCode(switchboard(), demoMobile, codesBefore + 1);
    await page.getByTestId('code-input').waitFor();
    await tabTo(page, '[data-testid="code-input"]');
    await page.keyboard.type(code);
    await apps.me.waitForRegistration('registered', 20_000);
  });

  it('finds 张三 in the directory, calls with Enter, and hangs up with the keyboard', async () => {
    const page = ui();
    await tabTo(page, '#tab-directory');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="directory-search"]');
    await page.keyboard.type('zs');
    await page.locator('[data-testid="search-results"][data-query="zs"]').waitFor();
    // Enter in the box moves to the best match; Enter there calls.
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-extension'))).toBe(zhangSan.extension);
    await page.keyboard.press('Enter');
    expect(await apps.zhangSan.waitForIncomingCall()).toContain(MY_EXTENSION);
    await apps.zhangSan.answer();
    await apps.me.waitForCallPhase('connected');
    // The call screen names whom we called, from the directory.
    expect(await page.locator('#incall-name').innerText()).toBe(zhangSan.name);
    await tabTo(page, '[data-testid="hangup-button"]');
    await page.keyboard.press('Enter');
    await apps.me.waitForCallPhase(null);
    await apps.zhangSan.waitForCallPhase(null);
  });

  it('answers 张三’s call and transfers it to the desk phone with the keyboard', async () => {
    const page = ui();
    await apps.zhangSan.dial(MY_EXTENSION);
    await apps.me.waitForIncomingCall();
    // The ringing call takes focus (its screen, not Answer: a stray Enter must not pick up); Tab reaches Answer.
    await tabTo(page, '[data-testid="answer-button"]', 10);
    await page.keyboard.press('Enter');
    await apps.me.waitForCallPhase('connected');

    await tabTo(page, '[data-testid="transfer-button"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('transfer-picker').waitFor();
    await tabTo(page, '[data-testid="transfer-target"]', 5);
    await page.keyboard.type(deskPhone.user);
    await tabTo(page, '[data-testid="transfer-blind"]', 10);
    await page.keyboard.press('Enter');
    // Handed on: my leg ends, 张三 talks with the desk phone.
    await apps.me.waitForCallPhase(null);
    await waitForValue('张三 connected to the desk phone', () => apps.zhangSan.callPhase(), 'connected', 15_000);
    await apps.zhangSan.hangup();
    await apps.zhangSan.waitForCallPhase(null);
  });

  it('reads the history by keyboard: both calls with 张三, newest first, each row named for a screen reader', async () => {
    const page = ui();
    await tabTo(page, '#tab-calls');
    await page.keyboard.press('Enter');
    await page.getByTestId('call-log-row').first().waitFor();
    await tabTo(page, '[data-testid="call-log-row"]');
    const rows = await page.getByTestId('call-log-row').evaluateAll((elements) =>
      elements.map((element) => ({
        direction: element.getAttribute('data-direction'),
        text: element.getAttribute('aria-label') ?? element.textContent ?? '',
      })),
    );
    expect(rows.map((row) => row.direction)).toEqual(['incoming', 'outgoing']);
    // Both named: the incoming call by its caller's name, the one dialled from the directory by the directory's.
    const zhang = /张三/;
    for (const row of rows) expect(row.text).toMatch(zhang);
    // The focused row is the newest, and a screen reader hears who it was.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(zhang);
  });
});
