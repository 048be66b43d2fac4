import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DROPPED_CLOSE_CODE, KeepaliveSocket, type WebSocketLike } from './keepalive-socket.ts';

class FakeWebSocket implements WebSocketLike {
  readyState = 0;
  binaryType: BinaryType = 'blob';
  sent: unknown[] = [];
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  send(data: unknown) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  serverOpens() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  serverSays(data: string) {
    this.onmessage?.({ data } as MessageEvent);
  }
}

function socketWithFake(options = {}) {
  const made: FakeWebSocket[] = [];
  const socket = new KeepaliveSocket('ws://127.0.0.1:5066', options, () => {
    const ws = new FakeWebSocket();
    made.push(ws);
    return ws;
  });
  const events: string[] = [];
  socket.onconnect = () => events.push('connect');
  socket.ondisconnect = (error, code, reason) => events.push(`disconnect ${error} ${code} ${reason}`);
  socket.ondata = (data) => events.push(`data ${JSON.stringify(data)}`);
  return { socket, made, events };
}

describe('keepalive socket', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('looks like a JsSIP socket for the given address', () => {
    const { socket } = socketWithFake();
    expect(socket.sip_uri).toBe('sip:127.0.0.1:5066;transport=ws');
    expect(socket.via_transport).toBe('WS');
    expect(new KeepaliveSocket('wss://sip.example.com').via_transport).toBe('WSS');
    expect(() => new KeepaliveSocket('https://sip.example.com')).toThrow(/Not a WebSocket URL/);
  });

  it('pings after 10 s of silence and drops a connection that does not answer within 4 s', () => {
    const { socket, made, events } = socketWithFake();
    socket.connect();
    made[0]!.serverOpens();
    vi.advanceTimersByTime(9_999);
    expect(made[0]!.sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(made[0]!.sent).toEqual(['\r\n\r\n']);
    vi.advanceTimersByTime(3_999);
    expect(events).toEqual(['connect']);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['connect', `disconnect true ${DROPPED_CLOSE_CODE} keepalive unanswered`]);
    expect(made[0]!.closed).toBe(true);
    expect(socket.isConnected()).toBe(false);
  });

  it('an answered ping, or any SIP traffic, keeps the connection', () => {
    const { socket, made, events } = socketWithFake();
    socket.connect();
    made[0]!.serverOpens();
    for (let round = 0; round < 5; round++) {
      vi.advanceTimersByTime(10_000);
      made[0]!.serverSays('\r\n');
    }
    vi.advanceTimersByTime(9_000);
    made[0]!.serverSays(
      'SIP/2.0 200 OK\r\nVia: SIP/2.0/WS h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:a@h>;tag=2\r\n' +
        'Call-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n',
    );
    vi.advanceTimersByTime(9_000);
    expect(made[0]!.sent).toHaveLength(5);
    expect(events.filter((event) => event.startsWith('disconnect'))).toEqual([]);
    expect(socket.isConnected()).toBe(true);
  });

  it('gives up on a connection attempt that hangs', () => {
    const { socket, made, events } = socketWithFake();
    socket.connect();
    vi.advanceTimersByTime(4_000);
    expect(events).toEqual([`disconnect true ${DROPPED_CLOSE_CODE} connect timeout`]);
    expect(made[0]!.closed).toBe(true);
  });

  it('disconnect() is quiet (JsSIP reports its own), a server close is reported once', () => {
    const { socket, made, events } = socketWithFake();
    socket.connect();
    made[0]!.serverOpens();
    socket.disconnect();
    expect(events).toEqual(['connect']);
    socket.connect();
    made[1]!.serverOpens();
    made[1]!.onclose?.({ wasClean: false, code: 1006, reason: '' } as CloseEvent);
    vi.advanceTimersByTime(60_000);
    expect(events).toEqual(['connect', 'connect', 'disconnect true 1006 ']);
  });

  it('probe() asks for a sign of life at once', () => {
    const { socket, made, events } = socketWithFake();
    socket.connect();
    made[0]!.serverOpens();
    socket.probe();
    expect(made[0]!.sent).toEqual(['\r\n\r\n']);
    vi.advanceTimersByTime(4_000);
    expect(events.at(-1)).toMatch(/keepalive unanswered/);
  });
});
