/**
 * Accessibility of every screen the preview harness draws (scripts/ui-preview-shots.ts): sign-in steps,
 * dial pad, incoming, in call, transfer, history, directory, card, settings, the agent views and the small
 * incoming-call window. axe-core (WCAG 2.1 A/AA) finds no serious or critical violation, in the light and
 * the dark theme (the OS's colour scheme, emulated); by keyboard every control shows its focus; a ringing
 * call is announced and the ticking call timer is not.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../electron/host/chromium.ts';
import { startPreviewSite, type PreviewOptions, type PreviewSite } from '../../scripts/preview-site.ts';
import { shots, type Shot } from '../../scripts/ui-preview-shots.ts';
import { wordsFor } from '../../src/shared/locales/dictionaries.ts';
import { axeViolations, isBlocking, type AxeViolation } from '../support/axe.ts';

const en = wordsFor('en');

describe('accessibility of every screen (axe-core, WCAG 2.1 A/AA)', () => {
  let site: PreviewSite;
  let browser: Browser;
  let siteDir: string;
  let context: BrowserContext;

  beforeAll(async () => {
    siteDir = await mkdtemp(join(tmpdir(), 'preview-site-'));
    site = await startPreviewSite(siteDir);
    browser = await launchChromium({ headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    site?.close();
    await rm(siteDir, { recursive: true, force: true });
  });

  const newContext = (colorScheme: 'light' | 'dark') =>
    browser.newContext({ locale: 'en', colorScheme, reducedMotion: 'reduce' });

  /** Opens `shot` in a new page: of its own context, or of `shared` (whose cache then serves the bundle again). */
  async function open(
    shot: Shot,
    colorScheme: 'light' | 'dark' = 'light',
    options: PreviewOptions = {},
    shared?: BrowserContext,
  ) {
    if (!shared) context = await newContext(colorScheme);
    const page = await (shared ?? context).newPage();
    // The wide chat desk's shots are drawn at their own window size (1100×700), the rest at the phone window's.
    await page.setViewportSize(
      shot.callWindow ? { width: 340, height: 150 } : (shot.viewport ?? { width: 380, height: 640 }),
    );
    await page.goto(site.url(shot.scenario, 'en', { ...options, callWindow: Boolean(shot.callWindow) }));
    await page.locator('#root > *').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.splash'));
    await shot.act?.(page, 'en');
    return page;
  }
  const shot = (name: string) => shots.find((candidate) => candidate.name === name)!;

  /**
   * Every WCAG 2.1 A/AA rule in the light theme; in the dark theme colour contrast, the one rule whose answer
   * a theme can change (the markup is the same). Two screens at a time, one per core.
   */
  it(
    'shows no serious or critical violation on any screen the preview draws, in the light and the dark theme',
    { timeout: 400_000 },
    async () => {
      const problems: string[] = [];
      const checked = { light: 0, dark: 0 };
      const report = (theme: string, name: string, violations: AxeViolation[]) => {
        for (const violation of violations.filter(isBlocking)) {
          problems.push(
            `${name} (${theme}): ${violation.impact} ${violation.rule} (${violation.help}) on ${violation.targets.join(', ')}`,
          );
        }
      };
      const queue = [...shots];
      const check = async () => {
        const light = await newContext('light');
        const dark = await newContext('dark');
        for (let each = queue.shift(); each; each = queue.shift()) {
          const page = await open(each, 'light', {}, light);
          report('light', each.name, await axeViolations(page));
          checked.light++;
          await page.close();
          // Drawn afresh in a dark context: a page switched in place kept light colours in axe's eyes.
          const darkPage = await open(each, 'dark', {}, dark);
          report('dark', each.name, await axeViolations(darkPage, ['color-contrast']));
          checked.dark++;
          await darkPage.close();
        }
        await Promise.all([light.close(), dark.close()]);
      };
      await Promise.all([check(), check()]);
      if (process.env.AXE_REPORT) console.log(`${JSON.stringify(checked)} screens\n${problems.join('\n')}`);
      // A preview that stopped drawing its screens would pass vacuously.
      expect(checked.light).toBeGreaterThanOrEqual(80);
      expect(checked.dark).toBe(checked.light);
      expect(problems.sort()).toEqual([]);
    },
  );

  it('draws the dark theme when the OS asks for it, and when Settings says Dark on a light OS', async () => {
    const background = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const light = await background(await open(shot('dialpad'), 'light'));
    await context.close();
    const osDark = await background(await open(shot('dialpad'), 'dark'));
    await context.close();
    const chosenDark = await background(await open(shot('dialpad'), 'light', { theme: 'dark' }));
    await context.close();
    const chosenLight = await background(await open(shot('dialpad'), 'dark', { theme: 'light' }));
    await context.close();
    expect(light).toBe('rgb(244, 246, 249)');
    expect(osDark).not.toBe(light);
    expect(chosenDark).toBe(osDark);
    expect(chosenLight).toBe(light);
  });

  it('shows a focus ring on every control Tab reaches: dial pad, incoming call, in call, directory', async () => {
    const unringed: string[] = [];
    let reached = 0;
    for (const name of ['dialpad', 'incoming', 'connected', 'agent-directory', 'settings']) {
      const page = await open(shot(name));
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const seen = new Set<string>();
      for (let step = 0; step < 60; step++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          if (!element || element === document.body) return null;
          const style = getComputedStyle(element);
          const ring =
            (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
          const what =
            element.getAttribute('aria-label') ?? element.getAttribute('data-testid') ?? element.textContent ?? '';
          return { what: `${element.tagName.toLowerCase()} "${what.trim().slice(0, 40)}"`, ring };
        });
        if (!focused || seen.has(focused.what)) break;
        seen.add(focused.what);
        reached++;
        if (!focused.ring) unringed.push(`${name}: ${focused.what}`);
      }
      await context.close();
    }
    expect(reached).toBeGreaterThanOrEqual(30);
    expect(unringed).toEqual([]);
  });

  it('reaches each directory row’s Call button with Tab, after the row itself', async () => {
    const page = await open(shot('agent-directory'));
    const row = page.locator('[data-testid="directory-person"][data-extension="2001"]');
    await row.locator('.dir-row-open').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('dir-row-call');
    expect(
      await page.evaluate(() => document.activeElement?.closest('[data-extension]')?.getAttribute('data-extension')),
    ).toBe('2001');
    await context.close();
  });

  it('announces a ringing call in a live region, and keeps the ticking call timer out of every live region', async () => {
    const ringing = await open(shot('incoming'));
    const announcer = ringing.getByTestId('call-announcer');
    expect(await announcer.getAttribute('aria-live')).toBe('assertive');
    expect(await announcer.textContent()).toBe(en.a11y.incomingCall.replace('{{caller}}', '张伟'));
    await context.close();

    const inCall = await open(shot('connected'));
    const timer = inCall.getByTestId('call-timer');
    await timer.waitFor();
    const liveAround = await timer.evaluate((element) => {
      const live = element.closest('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]');
      return live ? live.outerHTML.slice(0, 80) : null;
    });
    expect(liveAround).toBeNull();
    expect(await timer.getAttribute('aria-live')).toBe('off');
    await context.close();
  });

  it('announces a chat offer in a live region once, and keeps its ticking countdown out of every live region', async () => {
    const page = await open(shot('chat-offer'));
    const announcer = page.getByTestId('chat-offer-announcer');
    expect(await announcer.getAttribute('aria-live')).toBe('assertive');
    const title = await page.getByTestId('chat-offer').first().locator('.chat-offer-title').textContent();
    expect(title).toBeTruthy();
    expect(await announcer.textContent()).toBe(title);
    const countdown = page.getByTestId('chat-offer-countdown').first();
    const liveAround = await countdown.evaluate((element) => {
      const live = element.closest('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]');
      return live ? live.outerHTML.slice(0, 80) : null;
    });
    expect(liveAround).toBeNull();
    await context.close();
  });

  it('tells, on the incoming call, how to answer from any app with the global shortcut', async () => {
    const page = await open(shot('incoming'));
    expect(await page.getByTestId('answer-shortcut-hint').textContent()).toBe(en.call.answerShortcutOff);
    await context.close();
  });
});
