/**
 * Whatever the call screen shows (a quality warning, a missing headset, another call, a transfer, the
 * keypad) and in every language, Answer, Decline and Hang up stay inside the window without scrolling.
 * A warning banner once pushed Hang up below the bottom edge of the 380×640 window. Every screen the
 * preview harness draws (scripts/ui-preview-shots.ts) is measured, at the default text size and at 150 %.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../electron/host/chromium.ts';
import { startPreviewSite, type PreviewSite } from '../../scripts/preview-site.ts';
import { shots, type Shot } from '../../scripts/ui-preview-shots.ts';
import { LanguageSchema } from '../../src/shared/domain.ts';
import { callWindowSize } from '../../src/shared/display.ts';
import { previewScenario } from '../../src/ui/preview/scenarios.ts';

const LOCALES = LanguageSchema.options;
const MUST_SEE = ['answer-button', 'decline-button', 'hangup-button', 'call-window-answer', 'call-window-decline'];

/** The screens that show a call: a call not yet ended in the scenario's state (the acts only add to it). */
const isCallScreen = (shot: Shot) =>
  previewScenario(shot.scenario, 'en').state.calls.some((call) => call.phase !== 'ended');

/** The buttons of MUST_SEE on the page that are not wholly inside the window, with where they are. */
async function buttonsOutside(page: Page): Promise<string[]> {
  return page.evaluate((testIds) => {
    const outside: string[] = [];
    for (const testId of testIds) {
      for (const element of document.querySelectorAll(`[data-testid="${testId}"]`)) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        const inside =
          box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
        if (!inside) outside.push(`${testId} at ${Math.round(box.top)}–${Math.round(box.bottom)} px`);
      }
    }
    return outside;
  }, MUST_SEE);
}

describe('the call screen fits its window', () => {
  let site: PreviewSite;
  let browser: Browser;
  let siteDir: string;

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

  // 150 %: the largest text size Settings offers (issue 21); the whole UI zooms, so it must still fit.
  for (const textSize of [100, 150]) {
    it(`keeps Answer, Decline and Hang up inside the window on every screen the preview draws, in every language, at ${textSize} % text`, async () => {
      const problems: string[] = [];
      let measuredCallScreens = 0;
      for (const language of LOCALES) {
        const context = await browser.newContext({ viewport: { width: 380, height: 640 }, locale: language });
        const page = await context.newPage();
        for (const shot of shots) {
          if (!isCallScreen(shot)) continue;
          // The small call window grows with the text size, as main opens it (callWindowSize).
          await page.setViewportSize(shot.callWindow ? callWindowSize(textSize) : { width: 380, height: 640 });
          await page.goto(site.url(shot.scenario, language, { callWindow: Boolean(shot.callWindow), textSize }));
          await page.locator('#root > *').first().waitFor();
          await page.waitForFunction(() => !document.querySelector('.splash'));
          await shot.act?.(page, language);
          measuredCallScreens++;
          if ((await page.locator(MUST_SEE.map((id) => `[data-testid="${id}"]`).join(',')).count()) === 0) {
            problems.push(`${shot.name}.${language}: shows a call but none of ${MUST_SEE.join(', ')}`);
          }
          for (const where of await buttonsOutside(page)) problems.push(`${shot.name}.${language}: ${where}`);
        }
        await context.close();
      }
      // The harness draws the call screen in many states; a preview that stopped drawing them would pass vacuously.
      expect(measuredCallScreens).toBeGreaterThanOrEqual(20 * LOCALES.length);
      expect(problems).toEqual([]);
    });
  }
});
