import { describe, expect, it } from 'vitest';
import { StreamRegistry } from './presence-streams.ts';
import { ProvisioningError } from './service.ts';

function registry(maxStreamsPerDevice = 2, maxStreamsPerCompany = 5) {
  const streams = new StreamRegistry<string>({ maxStreamsPerDevice, maxStreamsPerCompany });
  const ended: string[] = [];
  const seen: string[] = [];
  const open = (name: string, device: string, company = 1) =>
    streams.add(
      company,
      device,
      (event) => seen.push(`${name}:${event}`),
      () => ended.push(name),
    );
  return { streams, ended, seen, open };
}

describe('StreamRegistry', () => {
  it("closes a device's oldest stream when it opens one past its cap; the newest ones keep getting events", () => {
    const { streams, ended, seen, open } = registry(2);
    open('a1', 'A');
    open('a2', 'A');
    open('b1', 'B');
    open('a3', 'A');
    expect(ended).toEqual(['a1']);
    streams.emit(1, 'x');
    expect(seen).toEqual(['a2:x', 'b1:x', 'a3:x']);
    expect(streams.counts()).toEqual({ open: 3, evicted: 1, refused: 0, dropped: 0 });
  });

  it('refuses a stream past the company cap with 429 and Retry-After, and other companies are not affected', () => {
    const { streams, open } = registry(2, 3);
    open('a', 'A');
    open('b', 'B');
    open('c', 'C');
    let refusal: unknown;
    try {
      open('d', 'D');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ProvisioningError);
    expect(refusal).toMatchObject({ code: 'rate-limited', status: 429, retryAfterSec: 30 });
    open('other', 'Z', 2);
    expect(streams.counts()).toMatchObject({ open: 4, refused: 1 });
  });

  it('lets a device at its own cap reconnect in a full company: its oldest stream makes room', () => {
    const { streams, ended, open } = registry(2, 3);
    open('a1', 'A');
    open('a2', 'A');
    open('b1', 'B');
    open('a3', 'A');
    expect(ended).toEqual(['a1']);
    expect(streams.counts()).toMatchObject({ open: 3, refused: 0 });
  });

  it('counts a stream dropped for falling behind once, and it gets no more events', () => {
    const { streams, seen, open } = registry();
    const slow = open('slow', 'A');
    open('fast', 'B');
    slow.drop();
    slow.drop();
    slow.remove();
    streams.emit(1, 'x');
    expect(seen).toEqual(['fast:x']);
    expect(streams.counts()).toEqual({ open: 1, evicted: 0, refused: 0, dropped: 1 });
  });

  it("ends one device's streams on sign-out, and every stream on stop", () => {
    const { streams, ended, open } = registry();
    open('a1', 'A');
    open('b1', 'B', 2);
    open('a2', 'A');
    streams.endDevice('A');
    expect(ended).toEqual(['a1', 'a2']);
    streams.endAll();
    expect(ended).toEqual(['a1', 'a2', 'b1']);
    expect(streams.counts().open).toBe(0);
  });
});
