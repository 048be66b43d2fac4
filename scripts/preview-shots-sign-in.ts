/** The sign-in screens of the preview shots: by mobile number and by e-mail and password. */
import type { Page } from 'playwright-core';
import type { Shot } from './preview-shot-kit.ts';

/** Sign-in by number: each step, and each error the service (or the number check) can answer. */
export function numberSignInShots(): Shot[] {
  const typeNumber = (number: string) => async (page: Page) => {
    await page.getByTestId('mobile-input').fill(number);
    await page.getByTestId('check-number').click();
  };
  const toCode = async (page: Page) => {
    await typeNumber('138 0013 8000')(page);
    await page.getByTestId('get-code').click();
    await page.getByTestId('code-input').waitFor();
  };
  const showsError = async (page: Page) => {
    await page.getByTestId('number-signin-error').waitFor();
  };
  const failures: { at: 'lookup' | 'code' | 'verify'; code: string }[] = [
    { at: 'lookup', code: 'server-unreachable' },
    { at: 'lookup', code: 'rate-limited' },
    { at: 'code', code: 'code-call-failed' },
    { at: 'code', code: 'resend-too-early' },
    { at: 'code', code: 'too-many-tries' },
    { at: 'code', code: 'other-device-active' },
    { at: 'verify', code: 'code-wrong' },
    { at: 'verify', code: 'code-expired' },
    { at: 'verify', code: 'code-not-requested' },
    { at: 'verify', code: 'too-many-tries' },
    { at: 'verify', code: 'failed' },
  ];
  return [
    {
      name: 'numsign-1-number',
      scenario: 'signin',
      act: (page) => page.getByTestId('mobile-input').fill('138 0013 8000'),
    },
    {
      name: 'numsign-1-invalid',
      scenario: 'signin',
      act: async (page) => {
        await typeNumber('12345')(page);
        await page.locator('.field-error').waitFor();
      },
    },
    {
      name: 'numsign-1-not-registered',
      scenario: 'signin',
      act: async (page) => {
        await typeNumber('137 1111 2222')(page);
        await showsError(page);
      },
    },
    { name: 'numsign-2-company', scenario: 'signin', act: typeNumber('139 0013 9000') },
    { name: 'numsign-2-company-one', scenario: 'signin', act: typeNumber('138 0013 8000') },
    {
      name: 'numsign-3-ringing',
      scenario: 'signin-ringing',
      act: async (page) => {
        await typeNumber('138 0013 8000')(page);
        await page.getByTestId('get-code').click();
        await page.getByTestId('code-status').waitFor();
      },
    },
    { name: 'numsign-3-calling', scenario: 'signin', act: toCode },
    ...failures.map(({ at, code }): Shot => ({
      name: `numsign-error-${at}-${code}`,
      scenario: `signin-fail-${at}-${code}`,
      act: async (page) => {
        if (at === 'lookup') await typeNumber('138 0013 8000')(page);
        else if (at === 'code') {
          await typeNumber('138 0013 8000')(page);
          await page.getByTestId('get-code').click();
        } else {
          await toCode(page);
          await page.getByTestId('code-input').fill('1111');
        }
        await showsError(page);
      },
    })),
    { name: 'numsign-signed-in-elsewhere', scenario: 'signed-in-elsewhere' },
    { name: 'numsign-signed-out-by-admin', scenario: 'signed-out-by-admin' },
    { name: 'pwsign-signed-out-password-changed', scenario: 'password-changed' },
  ];
}

/** Sign-in by e-mail and password (issue 18): each step, the rules as typed, and the refusals with trace ids. */
export function passwordSignInShots(): Shot[] {
  const toPassword = async (page: Page) => {
    await page.getByTestId('use-email').click();
    await page.getByTestId('email-input').fill('anna.li@harbor.example');
    await page.getByTestId('email-next').click();
  };
  const signInWith = (password: string) => async (page: Page) => {
    await toPassword(page);
    await page.getByTestId('password-input').fill(password);
    await page.getByTestId('password-sign-in').click();
  };
  const toStation = async (page: Page) => {
    await signInWith('Harbor7!tide')(page);
    await page.getByTestId('station-step').waitFor();
  };
  const toChange = async (page: Page) => {
    await signInWith('first-Pass1!')(page);
    await page.getByTestId('new-password').waitFor();
  };
  return [
    { name: 'pwsign-1-email', scenario: 'signin', act: (page) => page.getByTestId('use-email').click() },
    {
      name: 'pwsign-2-password-shown',
      scenario: 'signin',
      act: async (page) => {
        await toPassword(page);
        await page.getByTestId('password-input').fill('Harbor7!tide');
        await page.getByTestId('password-input-toggle').click();
      },
    },
    {
      name: 'pwsign-2-wrong-password',
      scenario: 'signin',
      act: async (page) => {
        await signInWith('wrong')(page);
        await page.getByTestId('trace-id').waitFor();
      },
    },
    {
      name: 'pwsign-2-locked',
      scenario: 'signin-password-fail-too-many-tries',
      act: async (page) => {
        await signInWith('Harbor7!tide')(page);
        await page.getByTestId('password-error').waitFor();
      },
    },
    {
      name: 'pwsign-3-change-typing',
      scenario: 'signin',
      act: async (page) => {
        await toChange(page);
        await page.getByTestId('new-password').fill('harbor7');
      },
    },
    {
      name: 'pwsign-3-change-violations',
      scenario: 'signin',
      act: async (page) => {
        await toChange(page);
        await page.getByTestId('new-password').fill('Harbor7!tide');
        await page.getByTestId('repeat-password').fill('Harbor7!tide');
        await page.getByTestId('save-new-password').click();
        await page.getByTestId('password-violations').waitFor();
      },
    },
    {
      name: 'pwsign-4-forgot',
      scenario: 'signin',
      act: async (page) => {
        await toPassword(page);
        await page.getByTestId('forgot-password').click();
        await page.getByTestId('reset-code').fill('123456');
        await page.getByTestId('new-password').fill('Tide#2027x');
      },
    },
    { name: 'pwsign-7-station', scenario: 'signin', act: toStation },
    {
      name: 'pwsign-7-station-team-search',
      scenario: 'signin',
      act: async (page) => {
        await toStation(page);
        await page.getByTestId('station-team-search').fill('support');
      },
    },
    {
      name: 'pwsign-7-station-number-invalid',
      scenario: 'signin',
      act: async (page) => {
        await toStation(page);
        await page.getByTestId('station-role').selectOption('agent');
        await page.getByTestId('station-ring-number').check();
        await page.getByTestId('station-number').fill('12345');
        await page.getByTestId('station-submit').click();
      },
    },
    {
      name: 'pwsign-7-station-refused',
      scenario: 'signin-station-fail-no-desk-phone',
      act: async (page) => {
        await toStation(page);
        await page.getByTestId('station-ring-desk').check();
        await page.getByTestId('station-submit').click();
        await page.getByTestId('trace-id').waitFor();
      },
    },
  ];
}
