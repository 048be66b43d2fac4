/**
 * Auto-update end to end in the browser host: the reference switchboard serves an
 * update feed (latest.yml + installer); the user opens About and clicks "Check for
 * updates". An equal or older version says "latest"; a newer one is offered,
 * downloads with progress and is verified; a tampered file is refused with a reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoUsers,
  startBaresip,
  startSwitchboard,
  startUpdateFeed,
  type BaresipPhone,
  type RunningSwitchboard,
} from '../../switchboard/index.ts';
import type { RunningUpdateFeed } from '../../switchboard/update-feed.ts';
import { startApp, type AppDriver } from '../support/app-driver.ts';
import { saveScreenshot } from '../support/screenshots.ts';

describe('updates from the switchboard’s feed', () => {
  let switchboard: RunningSwitchboard;
  let feed: RunningUpdateFeed;
  let app: AppDriver;
  let phone: BaresipPhone;
  const installed: string[] = [];
  const about = () => app.ui().getByTestId('about-dialog');
  const updateStatus = () => about().getByTestId('update-status');

  beforeAll(async () => {
    switchboard = await startSwitchboard();
    feed = await startUpdateFeed();
    app = await startApp({
      switchboard,
      updateFeedUrl: feed.url,
      appVersion: '0.1.0',
      onInstallUpdate: (file) => installed.push(file),
    });
    phone = await startBaresip({ switchboard, user: demoUsers[2]!, autoAnswer: true });
    await app.signIn(demoUsers[0]!);
    await Promise.all([app.waitForRegistration('registered'), phone.waitForRegistered()]);
    await app.ui().getByRole('tab', { name: app.strings.tabs.settings }).click();
    await app.ui().getByTestId('open-about').click();
    await about().getByTestId('about-version').getByText('Version 0.1.0').waitFor();
  });

  afterAll(async () => {
    await Promise.allSettled([app?.stop(), phone?.stop()]);
    await feed?.stop();
    await switchboard?.stop();
  });

  const checkForUpdates = () => about().getByTestId('check-updates').click();

  it('the same version published: "You’re on the latest version"', async () => {
    await feed.publish({ version: '0.1.0' });
    await checkForUpdates();
    await expect.poll(() => updateStatus().textContent()).toContain('You’re on the latest version (0.1.0).');
    expect(await about().getByTestId('update-now').count()).toBe(0);
  });

  it('an older version published: still "latest", nothing downloaded', async () => {
    await feed.publish({ version: '0.0.9' });
    await checkForUpdates();
    await expect.poll(() => feed.requests.filter((path) => path === '/latest.yml').length).toBe(2);
    await expect.poll(() => updateStatus().textContent()).toContain('You’re on the latest version (0.1.0).');
    expect(feed.requests.some((path) => path.endsWith('.exe'))).toBe(false);
  });

  it('a tampered installer is refused with a clear message and nothing is kept', async () => {
    await feed.publish({ version: '0.3.0', tamper: true });
    await checkForUpdates();
    await expect.poll(() => updateStatus().textContent()).toContain('Version 0.3.0 is available.');
    await about().getByTestId('update-now').click();
    const failure = about().getByTestId('update-failed');
    await failure.waitFor();
    expect(await failure.textContent()).toContain(
      'The downloaded file did not match its published checksum (sha512), so it was deleted and not installed.',
    );
    expect(await failure.textContent()).toContain('sha512 mismatch');
    expect(await about().getByTestId('restart-now').count()).toBe(0);
    expect(readdirSync(join(app.dataDir, 'updates'))).toEqual([]);
    await saveScreenshot(app.ui(), 'update-tampered-refused');
  });

  it('a newer version is offered, downloads with progress, is verified, waits out a call, and "Restart now" installs it', async () => {
    const fileName = await feed.publish({ version: '0.2.0' });
    await checkForUpdates(); // "Try again" after the failure
    await expect.poll(() => updateStatus().textContent()).toContain('Version 0.2.0 is available.');
    await saveScreenshot(app.ui(), 'update-available');
    // Progress pushes arrive as the download runs; the last one the UI saw is recorded. Phase and bar are
    // read in one look, because the bar leaves the page the moment the download is verified.
    const seenPercents: number[] = [];
    await about().getByTestId('update-now').click();
    await expect
      .poll(
        async () => {
          const { phase, percent } = await updateStatus().evaluate((panel) => ({
            phase: panel.getAttribute('data-phase'),
            percent: panel.querySelector('[data-testid="update-progress"]')?.getAttribute('aria-valuenow') ?? null,
          }));
          if (phase === 'downloading' && percent !== null) seenPercents.push(Number(percent));
          return phase;
        },
        { interval: 20, timeout: 15_000 },
      )
      .toBe('ready');
    expect(await updateStatus().textContent()).toContain('Version 0.2.0 is downloaded and verified.');
    await saveScreenshot(app.ui(), 'update-ready');
    const kept = join(app.dataDir, 'updates', fileName);
    expect(readFileSync(kept)).toEqual(readFileSync(join(feed.dir, fileName)));

    // During a call "Restart now" waits: the tray's About shows the update over the call, and nothing installs.
    await about().getByTestId('about-close').click();
    await app.ui().getByRole('tab', { name: app.strings.tabs.dialpad }).click();
    await app.dial(demoUsers[2]!.user);
    await app.waitForCallPhase('connected');
    app.host.showAbout();
    await expect.poll(() => updateStatus().textContent()).toContain('Restarting waits until your call is over.');
    expect(await about().getByTestId('restart-now').isDisabled()).toBe(true);
    await saveScreenshot(app.ui(), 'update-ready-during-call');
    const refused = await app.ui().evaluate(() => window.switchboard!.installUpdate({}));
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'failed',
        message: 'An update cannot restart Switchboard during a call. It will install when you quit.',
      },
    });
    expect(installed).toEqual([]);
    await about().getByTestId('about-close').click();
    await app.hangup();
    await phone.waitForEvent('CALL_CLOSED', 15_000);

    // After the call: "Restart now" installs the verified file.
    await app.ui().getByRole('tab', { name: app.strings.tabs.settings }).click();
    await app.ui().getByTestId('open-about').click();
    await about().getByTestId('restart-now').click();
    await expect.poll(() => installed).toEqual([kept]);
    console.log(`progress the UI showed: ${JSON.stringify(seenPercents)}`);
  });
});
