/**
 * A damaged credentials or settings file (a disk hiccup, a half-synced profile) must lead to a
 * clear "please sign in again", not a crash loop: the app starts, says so, and signing in works.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, startSwitchboard, type RunningSwitchboard } from '../../switchboard/index.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';

const [alice] = demoUsers as [(typeof demoUsers)[0]];

describe('damaged local data at start-up', () => {
  let switchboard: RunningSwitchboard;
  let app: AppDriver;

  beforeAll(async () => {
    switchboard = await startSwitchboard();
  });
  afterAll(async () => {
    await app?.stop();
    await switchboard?.stop();
  });

  it('a corrupt credentials file and settings file: the app asks to sign in again, and signing in works', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-damaged-'));
    writeFileSync(join(dataDir, 'account.bin'), Buffer.from('\x00\xffnot an account, half a block of zeros'));
    writeFileSync(join(dataDir, 'settings.json'), '{"languagePreference": "en", "historyRet');
    app = await startApp({ switchboard, dataDir, numberSignIn: true });
    const notice = app.ui().getByTestId('account-lost');
    expect(await notice.innerText()).toBe('Your saved sign-in could not be read. Please sign in again.');
    await app.screenshot('en-account-lost');
    await app.signIn(alice);
    await app.waitForRegistration('registered');
    expect(await notice.count()).toBe(0);
  });
});
