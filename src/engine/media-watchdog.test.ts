import { afterEach, describe, expect, it, vi } from 'vitest';
import { MEDIA_CHECK_EVERY_MS, MediaFlowJudge, watchMediaFlow } from './media-watchdog.ts';

describe('media flow judge', () => {
  it('calls the media dead after 15 s without a new byte, not before', () => {
    const judge = new MediaFlowJudge();
    expect(judge.observe(100, 0, false)).toBe(false);
    expect(judge.observe(100, 14_999, false)).toBe(false);
    expect(judge.observe(100, 15_000, false)).toBe(true);
  });

  it('a short outage followed by audio again resets the clock', () => {
    const judge = new MediaFlowJudge();
    judge.observe(100, 0, false);
    expect(judge.observe(100, 10_000, false)).toBe(false);
    expect(judge.observe(250, 11_000, false)).toBe(false);
    expect(judge.observe(250, 25_000, false)).toBe(false);
    expect(judge.observe(250, 26_000, false)).toBe(true);
  });

  it('silence while the call is held by either side does not count', () => {
    const judge = new MediaFlowJudge();
    judge.observe(100, 0, false);
    expect(judge.observe(100, 60_000, true)).toBe(false);
    expect(judge.observe(100, 70_000, false)).toBe(false);
    expect(judge.observe(100, 75_000, false)).toBe(true);
  });
});

describe('media flow watch', () => {
  afterEach(() => vi.useRealTimers());

  it('a connection whose statistics cannot be read (closed under it) ends nothing and throws nothing', async () => {
    vi.useFakeTimers();
    const closedUnderIt = {
      connectionState: 'connected',
      getStats: () => Promise.reject(new DOMException('The peer connection is closed.', 'InvalidStateError')),
    } as unknown as RTCPeerConnection;
    let clock = 0;
    const dead: boolean[] = [];
    const stop = watchMediaFlow(
      closedUnderIt,
      () => false,
      () => dead.push(true),
      () => clock,
    );
    for (let i = 0; i < 20; i++) {
      clock += MEDIA_CHECK_EVERY_MS;
      await vi.advanceTimersByTimeAsync(MEDIA_CHECK_EVERY_MS);
    }
    stop();
    expect(dead).toEqual([]);
  });
});
