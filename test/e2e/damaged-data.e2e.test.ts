/**
 * A damaged credentials or settings file (a disk hiccup, a half-synced profile) must lead to a
 * clear "please sign in again", not a crash loop: the app starts, says so, signing in works, and
 * Settings shows the defaults rather than anything half-read from the damaged file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import type { AppDriver } from '../support/app-driver.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice] = demoUsers as [(typeof demoUsers)[0]];

/** The choice a Settings radio group shows as checked, as the user reads it. */
const chosen = (app: AppDriver, group: string) =>
  app.ui().getByRole('radiogroup', { name: group }).getByRole('radio', { checked: true }).innerText();

describe('damaged local data at start-up', () => {
  const { startApp } = useSignedInApps({});

  it('a corrupt credentials file and settings file: the app asks to sign in again, signing in works, Settings are the defaults', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-damaged-'));
    writeFileSync(join(dataDir, 'account.bin'), Buffer.from('\x00\xffnot an account, half a block of zeros'));
    // Cut off mid-write; had any of it been read, the app would be in Chinese and keep calls 90 days.
    writeFileSync(join(dataDir, 'settings.json'), '{"languagePreference": "zh-CN", "historyRetention": "90d", "hist');
    const app = await startApp({ dataDir, numberScreen: true });
    const notice = app.ui().getByTestId('account-lost');
    expect(await notice.innerText()).toBe('Your saved sign-in could not be read. Please sign in again.');
    await app.screenshot('en-account-lost');
    await app.signIn(alice);
    await app.waitForRegistration('registered');
    expect(await notice.count()).toBe(0);

    await app.openTab('settings');
    const words = app.strings.settings;
    expect(await chosen(app, words.language)).toBe(words.languageSystem);
    expect(await chosen(app, words.retention)).toBe(words.retentionForever);
    expect(await app.ui().getByText(words.retentionHint).count()).toBe(0);
  });
});
