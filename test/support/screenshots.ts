/**
 * Screenshots of the UI for people to look at (not compared by tests):
 * test-results/screenshots/NAME.png, git-ignored.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots');

/** Saves the page as it looks now, with animations frozen so pulsing avatars don't blur. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}
