/**
 * The screens `node scripts/ui-preview.ts` takes: each a preview scenario (src/ui/preview/) and
 * what to click before the screenshot. The runner (build, serve, Chromium) is in ui-preview.ts.
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
};

/** The words the UI shows in `lang`, from the same translation files, so a shot's clicks work in every language. */
const label = (lang: Language, pick: (words: Dictionary) => string) => pick(wordsFor(lang));
/** Clicks a tab and waits for its screen: tabs load lazily, and a shot taken before would show an empty panel. */
const openTab = (pick: (words: Dictionary) => string) => async (page: Page, lang: Language) => {
  await page.getByRole('tab', { name: label(lang, pick) }).click();
  await page.locator('.tab-panel > *').first().waitFor();
};
/** Sign-in starts with the mobile number; the SIP-account form is one link away. */
const toSipForm = (page: Page) => page.getByTestId('use-sip-account').click();
const fillSignIn = async (page: Page) => {
  await toSipForm(page);
  const form = page.getByTestId('signin-form');
  await form.getByRole('textbox').nth(0).fill('wss://pbx.example.cn:7443');
  await form.getByRole('textbox').nth(1).fill('8001');
  await form.locator('input[type=password]').fill('wrong-password');
  await form.locator('input[type=password]').press('Enter');
};

/** Sign-in by number: each step, and each error the service (or the number check) can answer. */
function numberSignInShots(): Shot[] {
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
  ];
}

/** Sign-in by e-mail and password (issue 18): each step, the rules as typed, and the refusals with trace ids. */
function passwordSignInShots(): Shot[] {
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
  ];
}

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
  { name: 'connected-quality-good', scenario: 'connected-quality-good' },
  { name: 'connected-quality-poor', scenario: 'connected-quality-poor' },
  { name: 'connected-device-missing', scenario: 'connected-device-missing' },
  {
    name: 'settings-audio',
    scenario: 'audio-devices',
    act: async (page, lang) => {
      await openTab((w) => w.tabs.settings)(page, lang);
      await page.getByTestId('audio-settings').evaluate((card) => card.scrollIntoView({ block: 'start' }));
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

/** The Chats tab (issue 16): the list, an offer ringing, a chat, End chat's question, Transfer. */
function chatShots(): Shot[] {
  const openChats = openTab((w) => w.tabs.chats);
  const openChat = (index: number) => async (page: Page, lang: Language) => {
    await openChats(page, lang);
    await page.getByTestId('chat-row').nth(index).click();
    await page.getByTestId('chat-conversation').waitFor();
  };
  return [
    { name: 'chat-list', scenario: 'chat-list', act: openChats },
    { name: 'chat-offer', scenario: 'chat-offer' },
    { name: 'chat-conversation', scenario: 'chat-list', act: openChat(0) },
    { name: 'chat-conversation-html', scenario: 'chat-list', act: openChat(1) },
    { name: 'chat-ended', scenario: 'chat-list', act: openChat(2) },
    {
      name: 'chat-end-confirm',
      scenario: 'chat-list',
      act: async (page, lang) => {
        await openChat(0)(page, lang);
        await page.getByTestId('chat-end').click();
      },
    },
    {
      name: 'chat-emoji',
      scenario: 'chat-list',
      act: async (page, lang) => {
        await openChat(0)(page, lang);
        await page.getByTestId('emoji-button').click();
        await page.getByTestId('emoji-choice').first().waitFor();
      },
    },
    {
      name: 'chat-transfer',
      scenario: 'chat-list',
      act: async (page, lang) => {
        await openChat(0)(page, lang);
        await page.getByTestId('chat-transfer').click();
        await page.getByTestId('chat-transfer-search').fill('20');
      },
    },
  ];
}
