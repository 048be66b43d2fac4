/**
 * The screens `node scripts/ui-preview.ts` takes: each a preview scenario (src/ui/preview/) and
 * what to click before the screenshot. The runner (build, serve, Chromium) is in ui-preview.ts.
 */ import type { Page } from 'playwright-core';
import type { Language } from '../src/shared/domain.ts';
import { fillSignIn, label, openTab, toSipForm, type Shot } from './preview-shot-kit.ts';
import { chatShots } from './preview-shots-chat.ts';
import { teamShots } from './preview-shots-team.ts';
import { numberSignInShots, passwordSignInShots } from './preview-shots-sign-in.ts';

export type { Shot } from './preview-shot-kit.ts';

/** Every screen to take, in both languages; ui-preview.ts takes them. */
export const shots: Shot[] = [
  { name: 'signin-number', scenario: 'signin' },
  {
    name: 'signin-number-code',
    scenario: 'signin',
    act: async (page) => {
      await page.getByTestId('mobile-input').fill('138 0013 8000');
      await page.getByTestId('check-number').click();
      await page.getByTestId('get-code').click();
      await page.getByTestId('code-input').fill('1111');
      await page.getByTestId('number-signin-error').waitFor();
    },
  },
  { name: 'signin', scenario: 'signin', act: toSipForm },
  {
    name: 'signin-validation',
    scenario: 'signin',
    act: async (page) => {
      await toSipForm(page);
      await page.getByTestId('signin-form').getByRole('textbox').nth(0).fill('https://pbx');
      await page.locator('summary').click();
      await page.getByTestId('signin-form').getByRole('textbox').last().fill('bad domain!');
      await page.locator('button[type=submit]').click();
    },
  },
  {
    name: 'signin-auth-failed',
    scenario: 'signin-auth-failed',
    act: async (page) => {
      await fillSignIn(page);
      await page.getByTestId('signin-error').waitFor();
    },
  },
  { name: 'signin-connecting', scenario: 'signin-connecting', act: fillSignIn },
  {
    name: 'dialpad',
    scenario: 'main',
    act: async (page) => {
      await page.keyboard.type('13800138000');
    },
  },
  { name: 'dialpad-connecting', scenario: 'main-connecting' },
  { name: 'dialpad-error', scenario: 'main-error' },
  {
    name: 'dialpad-dial-failed',
    scenario: 'dial-failed',
    act: async (page) => {
      await page.getByTestId('dial-input').fill('8002');
      await page.getByTestId('dial-input').press('Enter');
      await page.getByTestId('dial-error').waitFor();
    },
  },
  { name: 'incoming', scenario: 'incoming' },
  { name: 'incoming-unknown', scenario: 'incoming-unknown' },
  { name: 'dialing', scenario: 'dialing' },
  { name: 'ringing', scenario: 'ringing' },
  { name: 'connected', scenario: 'connected' },
  { name: 'connected-long', scenario: 'connected-long' },
  {
    name: 'transfer-picker',
    scenario: 'connected',
    act: async (page) => {
      await page.getByTestId('transfer-button').click();
      await page.getByTestId('transfer-target').fill('8002');
    },
  },
  {
    name: 'add-call-picker',
    scenario: 'connected',
    act: async (page) => {
      await page.getByTestId('add-call-button').click();
    },
  },
  { name: 'transferring', scenario: 'transferring' },
  { name: 'transfer-failed', scenario: 'transfer-failed' },
  { name: 'consulting', scenario: 'consulting' },
  { name: 'two-calls', scenario: 'two-calls' },
  { name: 'call-waiting', scenario: 'call-waiting' },
  { name: 'calls', scenario: 'main', act: openTab((w) => w.tabs.calls) },
  {
    name: 'calls-more',
    scenario: 'main',
    act: async (page, lang) => {
      await openTab((w) => w.tabs.calls)(page, lang);
      // Scrolled into view, "Load more" loads by itself (MoreSentinel): clicking it raced that load and
      // sometimes found the button gone.
      await page.getByRole('button', { name: label(lang, (w) => w.callLog.loadMore) }).scrollIntoViewIfNeeded();
      await page.getByTestId('call-log-row').nth(40).scrollIntoViewIfNeeded();
    },
  },
  { name: 'calls-empty', scenario: 'calls-empty', act: openTab((w) => w.tabs.calls) },
  {
    name: 'calls-missed',
    scenario: 'main',
    act: async (page, lang) => {
      await openTab((w) => w.tabs.calls)(page, lang);
      await page.getByRole('radio', { name: label(lang, (w) => w.callLog.filter.missed) }).click();
    },
  },
  {
    name: 'calls-search',
    scenario: 'main',
    act: async (page, lang) => {
      await openTab((w) => w.tabs.calls)(page, lang);
      await page.getByTestId('call-log-search').fill('10');
      await page.waitForTimeout(400);
    },
  },
  {
    name: 'calls-detail',
    scenario: 'main',
    act: async (page, lang) => {
      await openTab((w) => w.tabs.calls)(page, lang);
      await page.getByTestId('call-log-row').first().getByRole('button').nth(1).click();
    },
  },
  {
    name: 'calls-export',
    scenario: 'main',
    act: async (page, lang) => {
      await openTab((w) => w.tabs.calls)(page, lang);
      await page.getByTestId('call-log-export').click();
    },
  },
  {
    name: 'calls-clear',
    scenario: 'main',
    act: async (page, lang) => {
      await openTab((w) => w.tabs.calls)(page, lang);
      await page.getByRole('button', { name: label(lang, (w) => w.callLog.clear) }).click();
    },
  },
  { name: 'settings', scenario: 'main', act: openTab((w) => w.tabs.settings) },
  {
    name: 'settings-log-out-confirm',
    scenario: 'main',
    act: async (page, lang) => {
      await openTab((w) => w.tabs.settings)(page, lang);
      await page.getByTestId('log-out').click();
      await page.getByRole('alertdialog').scrollIntoViewIfNeeded();
    },
  },
  ...numberSignInShots(),
  ...passwordSignInShots(),
  { name: 'pwsign-5-remember-weak', scenario: 'email-account' },
  {
    name: 'pwsign-6-settings-change-password',
    scenario: 'email-account',
    act: async (page, lang) => {
      await openTab((w) => w.tabs.settings)(page, lang);
      await page.getByTestId('change-password').click();
      await page.getByTestId('current-password').fill('Tide#2027x');
      await page.getByTestId('new-password').fill('Beacon9');
      await page.getByTestId('change-password-card').evaluate((card) => card.scrollIntoView({ block: 'start' }));
    },
  },
  { name: 'settings-en-account', scenario: 'english-account', act: openTab((w) => w.tabs.settings) },
  ...aboutShots(),
  ...agentShots(),
  ...chatShots(),
  ...teamShots(),
  { name: 'connected-quality-good', scenario: 'connected-quality-good' },
  { name: 'connected-quality-poor', scenario: 'connected-quality-poor' },
  { name: 'connected-device-missing', scenario: 'connected-device-missing' },
  { name: 'connected-listening-hold', scenario: 'connected-listening-hold' },
  {
    name: 'settings-audio',
    scenario: 'audio-devices',
    act: async (page, lang) => {
      await openTab((w) => w.tabs.settings)(page, lang);
      await page.getByTestId('audio-settings').evaluate((card) => card.scrollIntoView({ block: 'start' }));
    },
  },
  {
    name: 'settings-listening-hold',
    scenario: 'audio-devices',
    act: async (page, lang) => {
      await openTab((w) => w.tabs.settings)(page, lang);
      await page.getByTestId('toggle-listeningHold').evaluate((box) => box.scrollIntoView({ block: 'center' }));
    },
  },
  {
    name: 'settings-listening-hold-company',
    scenario: 'audio-company-hold',
    act: async (page, lang) => {
      await openTab((w) => w.tabs.settings)(page, lang);
      await page.getByTestId('toggle-listeningHold').evaluate((box) => box.scrollIntoView({ block: 'center' }));
    },
  },
  {
    name: 'settings-precall',
    scenario: 'audio-devices',
    act: async (page, lang) => {
      await openTab((w) => w.tabs.settings)(page, lang);
      await page.getByTestId('precall-check').evaluate((card) => card.scrollIntoView({ block: 'end' }));
    },
  },
  { name: 'main-reconnecting', scenario: 'main-reconnecting' },
  { name: 'main-offline', scenario: 'main-offline' },
  { name: 'connected-reconnecting', scenario: 'connected-reconnecting' },
  { name: 'call-ended-no-audio', scenario: 'call-ended-no-audio' },
  { name: 'signin-account-lost', scenario: 'signin-account-lost' },
];

/** Working status and presence (issue 10). */
function agentShots(): Shot[] {
  const openDirectory = openTab((w) => w.tabs.directory);
  return [
    { name: 'agent-header', scenario: 'agent-available' },
    {
      name: 'agent-status-menu',
      scenario: 'agent-available',
      act: (page) => page.getByTestId('status-button').click(),
    },
    {
      name: 'agent-status-menu-break',
      scenario: 'agent-break',
      act: async (page) => {
        await page.getByTestId('status-button').click();
        await page.getByTestId('status-option-break').click();
      },
    },
    { name: 'agent-acw', scenario: 'agent-acw' },
    {
      name: 'agent-acw-wrap-up',
      scenario: 'agent-acw-wrap-up-picked',
      act: async (page) => {
        await page.getByTestId('acw-wrap-up-note').fill('Wants the repair picked up on Friday / 周五上门取件');
      },
    },
    {
      name: 'agent-acw-wrap-up-required',
      scenario: 'agent-acw-wrap-up-required',
      act: async (page) => {
        await page.getByTestId('acw-ready-now').click();
        await page.getByTestId('acw-error').waitFor();
      },
    },
    { name: 'agent-on-call', scenario: 'agent-on-call' },
    { name: 'agent-not-responding', scenario: 'agent-not-responding' },
    {
      name: 'agent-directory',
      scenario: 'agent-available',
      act: async (page, lang) => {
        await openDirectory(page, lang);
        await page.getByTestId('directory-department').first().click();
        await page.locator('[data-extension="2005"]').first().waitFor();
      },
    },
    {
      name: 'agent-search',
      scenario: 'agent-available',
      act: async (page, lang) => {
        await openDirectory(page, lang);
        await page.getByTestId('directory-search').fill('20');
      },
    },
    {
      name: 'agent-call-mobile-instead',
      scenario: 'agent-available',
      act: async (page, lang) => {
        await openDirectory(page, lang);
        await page.getByTestId('directory-search').fill('2101');
        await page.locator('[data-extension="2101"]').first().click();
        await page.getByTestId('call-mobile-instead').waitFor();
      },
    },
    {
      name: 'agent-offline-dial-refused',
      scenario: 'agent-offline',
      act: async (page) => {
        await page.getByTestId('dial-input').fill('2101');
        await page.getByTestId('dial-input').press('Enter');
        await page.getByTestId('dial-error').waitFor();
      },
    },
    {
      name: 'agent-dial-offline-colleague',
      scenario: 'agent-available',
      act: async (page) => {
        await page.getByTestId('dial-input').fill('2101');
        await page.getByTestId('call-mobile-instead').waitFor();
      },
    },
    {
      name: 'agent-transfer-picker',
      scenario: 'agent-on-call',
      act: async (page) => {
        await page.getByTestId('transfer-button').click();
        await page.getByTestId('transfer-target').fill('2');
        await page.getByTestId('picker-person').first().waitFor();
      },
    },
    ...(['groups', 'desk', 'departments', 'outside'] as const).map((tab) => ({
      name: `agent-transfer-picker-${tab}`,
      scenario: 'agent-on-call',
      act: async (page: Page) => {
        await page.getByTestId('transfer-button').click();
        await page.getByTestId(`transfer-tab-${tab}`).click();
        if (tab === 'departments') await page.getByTestId('picker-department').first().click();
        if (tab === 'outside') await page.getByTestId('transfer-outside-number').fill('+86 139 1234 5678');
        else await page.getByTestId(`transfer-panel-${tab}`).locator('button').first().waitFor();
      },
    })),
    { name: 'agent-incoming-group', scenario: 'agent-incoming-group' },
    { name: 'agent-call-window-group', scenario: 'agent-incoming-group', callWindow: true },
    {
      name: 'agent-settings-mobile',
      scenario: 'agent-mobile-mode',
      act: async (page, lang) => {
        await openTab((w) => w.tabs.settings)(page, lang);
        await page.getByTestId('agent-settings').scrollIntoViewIfNeeded();
      },
    },
    {
      name: 'agent-settings-station-number',
      scenario: 'agent-station-number',
      act: async (page, lang) => {
        await openTab((w) => w.tabs.settings)(page, lang);
        await page.getByTestId('agent-settings').scrollIntoViewIfNeeded();
      },
    },
    {
      name: 'agent-sip-account',
      scenario: 'agent-sip-account',
      act: (page) => page.getByTestId('status-button').click(),
    },
  ];
}

/** The About dialog, each update prompt, the incoming-call window and Settings › Desktop (issue 7). */
function aboutShots(): Shot[] {
  const openAbout = async (page: Page, lang: Language) => {
    await openTab((w) => w.tabs.settings)(page, lang);
    await page.getByTestId('open-about').click();
    await page.getByTestId('about-version').getByText('0.1.0').waitFor();
  };
  const checkThen = (phase: string, more?: (page: Page) => Promise<void>) => async (page: Page, lang: Language) => {
    await openAbout(page, lang);
    await page.getByTestId('check-updates').click();
    await more?.(page);
    await page.locator(`[data-testid="update-status"][data-phase="${phase}"]`).waitFor();
  };
  const updateNow = (page: Page) => page.getByTestId('update-now').click();
  const exportDiagnostics = (outcome: string) => async (page: Page, lang: Language) => {
    await openAbout(page, lang);
    await page.getByTestId('export-diagnostics').click();
    await page.getByTestId(outcome).scrollIntoViewIfNeeded();
  };
  return [
    { name: 'about', scenario: 'about', act: openAbout },
    { name: 'about-latest', scenario: 'about-latest', act: checkThen('latest') },
    { name: 'about-available', scenario: 'about', act: checkThen('available') },
    { name: 'about-downloading', scenario: 'about-downloading', act: openAbout },
    { name: 'about-ready', scenario: 'about', act: checkThen('ready', updateNow) },
    { name: 'about-tampered', scenario: 'about-tampered', act: checkThen('failed', updateNow) },
    { name: 'about-diagnostics-saved', scenario: 'about', act: exportDiagnostics('diagnostics-saved') },
    {
      name: 'about-diagnostics-failed',
      scenario: 'about-diagnostics-failed',
      act: exportDiagnostics('diagnostics-failed'),
    },
    { name: 'call-window', scenario: 'incoming', callWindow: true },
    { name: 'call-window-unknown', scenario: 'incoming-unknown', callWindow: true },
    {
      name: 'settings-desktop',
      scenario: 'main',
      act: async (page, lang) => {
        await openTab((w) => w.tabs.settings)(page, lang);
        await page.getByTestId('desktop-settings').scrollIntoViewIfNeeded();
      },
    },
  ];
}
