/**
 * Auto-update end to end in the browser host: the reference switchboard serves an
 * update feed (latest.yml + installer); the user opens About and clicks "Check for
 * updates". An equal or older version says "latest"; a newer one is offered,
 * downloads with progress and is verified; a tampered file is refused with a reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, startUpdateFeed } from '../../switchboard/index.ts';
import type { RunningUpdateFeed } from '../../switchboard/update-feed.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

describe('updates from the switchboard’s feed', () => {
  let feed: RunningUpdateFeed;
  const installed: string[] = [];
  // Stopped after the apps (after-all hooks run in reverse order).
  beforeAll(async () => {
    feed = await startUpdateFeed();
  });
  afterAll(() => feed?.stop());

  const { apps, phones } = useSignedInApps({
    apps: {
      alice: () => ({
        signIn: { sipAccount: demoUsers[0]! },
        updateFeedUrl: feed.url,
        appVersion: '0.1.0',
        onInstallUpdate: (file) => installed.push(file),
      }),
    },
    phones: { desk: { user: demoUsers[2]!, autoAnswer: true } },
  });
  const about = () => apps.alice.ui().getByTestId('about-dialog');
  const updateStatus = () => about().getByTestId('update-status');

  beforeAll(async () => {
    await apps.alice.ui().getByRole('tab', { name: apps.alice.strings.tabs.settings }).click();
    await apps.alice.ui().getByTestId('open-about').click();
    await about().getByTestId('about-version').getByText('Version 0.1.0').waitFor();
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
    expect(readdirSync(join(apps.alice.dataDir, 'updates'))).toEqual([]);
    await saveScreenshot(apps.alice.ui(), 'update-tampered-refused');
  });

  it('a newer version is offered, downloads with progress, is verified, waits out a call, and "Restart now" installs it', async () => {
    const fileName = await feed.publish({ version: '0.2.0' });
    await checkForUpdates(); // "Try again" after the failure
    await expect.poll(() => updateStatus().textContent()).toContain('Version 0.2.0 is available.');
    await saveScreenshot(apps.alice.ui(), 'update-available');
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
    await saveScreenshot(apps.alice.ui(), 'update-ready');
    const kept = join(apps.alice.dataDir, 'updates', fileName);
    expect(readFileSync(kept)).toEqual(readFileSync(join(feed.dir, fileName)));

    // During a call "Restart now" waits: the tray's About shows the update over the call, and nothing installs.
    await about().getByTestId('about-close').click();
    await apps.alice.ui().getByRole('tab', { name: apps.alice.strings.tabs.dialpad }).click();
    await apps.alice.dial(demoUsers[2]!.user);
    await apps.alice.waitForCallPhase('connected');
    apps.alice.host.showAbout();
    await expect.poll(() => updateStatus().textContent()).toContain('Restarting waits until your call is over.');
    expect(await about().getByTestId('restart-now').isDisabled()).toBe(true);
    await saveScreenshot(apps.alice.ui(), 'update-ready-during-call');
    const refused = await apps.alice.ui().evaluate(() => window.switchboard!.installUpdate({}));
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'failed',
        message: 'An update cannot restart Switchboard during a call. It will install when you quit.',
      },
    });
    expect(installed).toEqual([]);
    await about().getByTestId('about-close').click();
    await apps.alice.hangup();
    await phones.desk.waitForEvent('CALL_CLOSED', 15_000);

    // After the call: "Restart now" installs the verified file.
    await apps.alice.ui().getByRole('tab', { name: apps.alice.strings.tabs.settings }).click();
    await apps.alice.ui().getByTestId('open-about').click();
    await about().getByTestId('restart-now').click();
    await expect.poll(() => installed).toEqual([kept]);
    console.log(`progress the UI showed: ${JSON.stringify(seenPercents)}`);
  });
});
