import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// The real JsSIP transport: the supervisor replaces its private recovery schedule.
import TransportModule from 'jssip/lib/Transport.js';
import { ConnectionSupervisor } from './connection-supervisor.ts';
import type { WebSocketLike } from './keepalive-socket.ts';

type Fake = WebSocketLike & { url: string };

function harness(urls: string[], refuse: (url: string) => boolean) {
  const opened: Fake[] = [];
  let clock = 0;
  const supervisor = new ConnectionSupervisor(
    urls.map((url, index) => ({ url, weight: urls.length - index })),
    {
      now: () => clock,
      open: (url) => {
        const ws: Fake = {
          url,
          readyState: 0,
          binaryType: 'blob',
          send: () => {},
          close: () => void (ws.readyState = 3),
          onopen: null,
          onclose: null,
          onmessage: null,
          onerror: null,
        };
        opened.push(ws);
        queueMicrotask(() => {
          if (refuse(url)) {
            ws.readyState = 3;
            ws.onclose?.({ wasClean: false, code: 1006, reason: '' } as CloseEvent);
          } else {
            ws.readyState = 1;
            ws.onopen?.(new Event('open'));
          }
        });
        return ws;
      },
    },
  );
  const Transport = TransportModule as unknown as new (
    sockets: never,
    recovery: object,
  ) => {
    connect(): void;
    onconnecting: () => void;
    onconnect: () => void;
    ondisconnect: () => void;
  };
  const transport = new Transport(supervisor.sockets as never, { min_interval: 2, max_interval: 30 });
  const events: string[] = [];
  transport.onconnecting = () => events.push('connecting');
  transport.onconnect = () => events.push('connected');
  transport.ondisconnect = () => events.push('disconnected');
  const retries: number[] = [];
  supervisor.attach({ transport }, (retryAt) => retries.push(retryAt - clock));
  const advance = async (ms: number) => {
    clock += ms;
    await vi.advanceTimersByTimeAsync(ms);
  };
  return { supervisor, transport, opened, events, retries, advance };
}

describe('connection supervisor', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('with the first address down, the second is tried at once, with no backoff', async () => {
    const h = harness(['ws://first.invalid:1', 'ws://second.invalid:2'], (url) => url.includes('first'));
    h.transport.connect();
    await h.advance(1);
    expect(h.opened.map((ws) => ws.url)).toEqual(['ws://first.invalid:1', 'ws://second.invalid:2']);
    expect(h.events).toEqual(['connecting', 'disconnected', 'connecting', 'connected']);
    expect(h.retries).toEqual([]);
  });

  it('after a drop, retries come at most 2 s apart (JsSIP alone would wait up to its max) and are announced', async () => {
    let down = false;
    const h = harness(['ws://only.invalid:1'], () => down);
    h.transport.connect();
    await h.advance(1);
    down = true;
    h.opened[0]!.readyState = 3;
    h.opened[0]!.onclose?.({ wasClean: false, code: 1006, reason: '' } as CloseEvent);
    await h.advance(20_000);
    expect(h.retries.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...h.retries)).toBeLessThanOrEqual(2000);
    down = false;
    await h.advance(2_000);
    expect(h.events.at(-1)).toBe('connected');
  });

  it('reconnectNow drops the held connection and connects again without waiting', async () => {
    const h = harness(['ws://only.invalid:1'], () => false);
    h.transport.connect();
    await h.advance(1);
    h.supervisor.reconnectNow('resume');
    await h.advance(1);
    expect(h.opened).toHaveLength(2);
    expect(h.opened[0]!.readyState).toBe(3);
    expect(h.events).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
    expect(h.retries).toEqual([]);
  });
});
