/**
 * What every group of preview shots shares: the shot itself and the clicks that work in every language
 * (scripts/ui-preview-shots.ts lists the shots; ui-preview.ts and the e2e files take them).
 */
import type { Page } from 'playwright-core';
import type { Language } from '../src/shared/domain.ts';
import { wordsFor, type Dictionary } from '../src/shared/locales/dictionaries.ts';

export type Shot = {
  name: string;
  scenario: string;
  act?: (page: Page, lang: Language) => Promise<void>;
  /** The small incoming-call window (340×150) instead of the main window. */
  callWindow?: boolean;
  /** A window of this size instead of the 380×640 one (the wide chat desk). */
  viewport?: { width: number; height: number };
};

/** The words the UI shows in `lang`, from the same translation files, so a shot's clicks work in every language. */
export const label = (lang: Language, pick: (words: Dictionary) => string) => pick(wordsFor(lang));
/** Clicks a tab and waits for its screen: tabs load lazily, and a shot taken before would show an empty panel. */
export const openTab = (pick: (words: Dictionary) => string) => async (page: Page, lang: Language) => {
  await page.getByRole('tab', { name: label(lang, pick) }).click();
  await page.locator('.tab-panel > *').first().waitFor();
};
/** Sign-in starts with the mobile number; the SIP-account form is one link away. */
export const toSipForm = (page: Page) => page.getByTestId('use-sip-account').click();
export const fillSignIn = async (page: Page) => {
  await toSipForm(page);
  const form = page.getByTestId('signin-form');
  await form.getByRole('textbox').nth(0).fill('wss://pbx.example.cn:7443');
  await form.getByRole('textbox').nth(1).fill('8001');
  await form.locator('input[type=password]').fill('wrong-password');
  await form.locator('input[type=password]').press('Enter');
};
