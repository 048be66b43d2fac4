/** The plain-Node updater against the reference switchboard's update feed: real HTTP, real files, real sha512. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpdateFeed, type RunningUpdateFeed } from '../../../switchboard/update-feed.ts';
import { UpdateIntegrityError } from './update-decision.ts';
import { nodeUpdater } from './node-updater.ts';

describe('nodeUpdater against the switchboard update feed', () => {
  let feed: RunningUpdateFeed;
  beforeAll(async () => {
    feed = await startUpdateFeed();
  });
  afterAll(async () => {
    await feed?.stop();
  });

  it('reads latest.yml, downloads the installer with progress and keeps it once verified', async () => {
    const fileName = await feed.publish({ version: '0.2.0' });
    const downloadDir = mkdtempSync(join(tmpdir(), 'updates-'));
    const installed: string[] = [];
    const updater = nodeUpdater({ feedUrl: feed.url, downloadDir, onInstall: (file) => installed.push(file) });
    const checked = await updater.check();
    expect(checked).toMatchObject({ ok: true, offer: { version: '0.2.0', file: { url: fileName } } });
    if (!checked.ok) return;
    const progress: number[] = [];
    await updater.download(checked.offer, (percent) => progress.push(percent));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(100);
    expect(readFileSync(join(downloadDir, fileName))).toEqual(readFileSync(join(feed.dir, fileName)));
    updater.installNow();
    expect(installed).toEqual([join(downloadDir, fileName)]);
  });

  it('refuses a tampered installer and leaves nothing behind', async () => {
    await feed.publish({ version: '0.3.0', tamper: true });
    const downloadDir = mkdtempSync(join(tmpdir(), 'updates-'));
    const updater = nodeUpdater({ feedUrl: feed.url, downloadDir });
    const checked = await updater.check();
    if (!checked.ok) throw new Error(checked.detail);
    await expect(updater.download(checked.offer, () => {})).rejects.toThrow(UpdateIntegrityError);
    expect(readdirSync(downloadDir)).toEqual([]);
  });

  it('says the feed is unreachable when nothing answers, and invalid when it is not a feed', async () => {
    const gone = nodeUpdater({ feedUrl: 'http://127.0.0.1:9/', downloadDir: tmpdir(), timeoutMs: 2000 });
    expect(await gone.check()).toMatchObject({ ok: false, reason: 'feed-unreachable' });
    const wrong = nodeUpdater({ feedUrl: feed.url, downloadDir: tmpdir(), channelFile: 'latest-mac.yml' });
    expect(await wrong.check()).toEqual({ ok: false, reason: 'feed-unreachable', detail: 'HTTP 404' });
  });
});
