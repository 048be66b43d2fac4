import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../src/shared/update.ts';
import { CHECK_INTERVAL_MS, sha512MismatchMessage, UpdateIntegrityError } from './update-decision.ts';
import type { UpdateOffer } from './update-feed.ts';
import { UserFacingError } from '../user-facing-error.ts';
import { UpdateService } from './update-service.ts';
import type { CheckResult, UpdaterPort } from './updater-port.ts';

const SHA = 'A'.repeat(86) + '==';
const offer = (version: string): UpdateOffer => ({ version, file: { url: `s-${version}.exe`, sha512: SHA } });

function setup(feed: CheckResult, options: { integrityFails?: boolean } = {}) {
  const published: UpdateStatus[] = [];
  const calls = { checks: 0, downloads: 0, installs: 0 };
  let inCall = false;
  let now = 1_000_000;
  const updater: UpdaterPort = {
    async check() {
      calls.checks++;
      return feed;
    },
    async download(_offer, onProgress) {
      calls.downloads++;
      for (const percent of [0.4, 10.2, 10.7, 55, 100]) onProgress(percent);
      if (options.integrityFails) throw new UpdateIntegrityError(sha512MismatchMessage(SHA, 'B'.repeat(86) + '=='));
    },
    installNow() {
      calls.installs++;
    },
  };
  const service = new UpdateService({
    updater,
    currentVersion: '0.1.0',
    inCall: () => inCall,
    publish: (status) => published.push(status),
    now: () => now,
  });
  return {
    service,
    published,
    calls,
    setInCall: (value: boolean) => (inCall = value),
    advance: (ms: number) => (now += ms),
  };
}

describe('UpdateService', () => {
  it('"Check for updates" finds a newer version, downloads it with progress, and restarts into it', async () => {
    const { service, published, calls } = setup({ ok: true, offer: offer('0.2.0') });
    expect(await service.check()).toEqual({ phase: 'available', version: '0.2.0' });
    await service.download();
    expect(published.map((s) => (s.phase === 'downloading' ? `${s.percent}%` : s.phase))).toEqual([
      'checking',
      'available',
      '0%',
      '10%',
      '55%',
      '100%',
      'ready',
    ]);
    service.installNow();
    expect(calls.installs).toBe(1);
  });

  it('says "latest" for the same or an older version and offers nothing to download', async () => {
    for (const version of ['0.1.0', '0.0.9']) {
      const { service, calls } = setup({ ok: true, offer: offer(version) });
      expect(await service.check()).toEqual({ phase: 'latest', version: '0.1.0' });
      await expect(service.download()).rejects.toThrow(UserFacingError);
      expect(calls.downloads).toBe(0);
    }
  });

  it('refuses a download whose sha512 does not match, with a clear reason, and never installs it', async () => {
    const { service, calls } = setup({ ok: true, offer: offer('0.2.0') }, { integrityFails: true });
    await service.check();
    await service.download();
    expect(service.getStatus()).toMatchObject({ phase: 'failed', reason: 'integrity', version: '0.2.0' });
    expect(() => service.installNow()).toThrow(/No update has been downloaded/);
    expect(calls.installs).toBe(0);
  });

  it('reports an unreachable or broken feed as such', async () => {
    const { service } = setup({ ok: false, reason: 'feed-invalid', detail: 'the feed is not valid YAML' });
    expect(await service.check()).toEqual({
      phase: 'failed',
      reason: 'feed-invalid',
      detail: 'the feed is not valid YAML',
    });
  });

  it('never restarts for an update during a call', async () => {
    const { service, calls, setInCall } = setup({ ok: true, offer: offer('0.2.0') });
    await service.check();
    await service.download();
    setInCall(true);
    expect(() => service.installNow()).toThrow(/during a call/);
    expect(calls.installs).toBe(0);
    setInCall(false);
    service.installNow();
    expect(calls.installs).toBe(1);
  });

  it('checks at start, then once a day, skipping while a call is on, and downloads in the background', async () => {
    const { service, calls, setInCall, advance } = setup({ ok: true, offer: offer('0.1.0') });
    setInCall(true);
    service.startSchedule(60_000_000);
    expect(calls.checks).toBe(0); // a call is on at start: no check yet
    service.stop();
    setInCall(false);
    service.startSchedule(60_000_000);
    await Promise.resolve();
    expect(calls.checks).toBe(1);
    service.stop();
    advance(CHECK_INTERVAL_MS - 1);
    service.startSchedule(60_000_000);
    expect(calls.checks).toBe(1);
    service.stop();
    advance(1);
    service.startSchedule(60_000_000);
    expect(calls.checks).toBe(2);
    service.stop();

    const background = setup({ ok: true, offer: offer('0.3.0') });
    background.service.startSchedule(60_000_000);
    await expect.poll(() => background.service.getStatus()).toEqual({ phase: 'ready', version: '0.3.0' });
    background.service.stop();
  });
});
