/**
 * Hostile: a stranger names a colleague in From, in every spelling of our domain we could think of,
 * over a WebSocket that never authenticated (raw `ws`) and over UDP (SIPp). The switchboard must
 * challenge or refuse each request, and the user it names must never see it: the app would show the
 * call or message as coming from that colleague.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../free-port.ts';
import { startSwitchboard, type RunningSwitchboard } from '../switchboard.ts';
import type { SwitchboardUser } from '../users.ts';
import {
  connectSip,
  header,
  registerOver,
  sipRequest,
  statusOf,
  token,
  type SipWebSocket,
} from './test-support/sip-wire.ts';
import { sippSend } from './test-support/sipp.ts';

const alice: SwitchboardUser = { user: '3001', password: 'alice-pw-1', displayName: 'Alice' };
const bob: SwitchboardUser = { user: '3002', password: 'bob-pw-2', displayName: 'Bob' };

/** Alice's address written every way that still means "Alice at this switchboard" to someone. */
function aliceSpellings(ports: { udp: number; ws: number }): Array<[string, string]> {
  return [
    ['a port', '<sip:3001@127.0.0.1:5999>'],
    ["the switchboard's own UDP port", `<sip:3001@127.0.0.1:${ports.udp}>`],
    ["the switchboard's own WebSocket port", `<sip:3001@127.0.0.1:${ports.ws}>`],
    ['localhost', '<sip:3001@localhost>'],
    ['LOCALHOST', '<sip:3001@LOCALHOST>'],
    ['127.1', '<sip:3001@127.1>'],
    ['0x7f000001', '<sip:3001@0x7f000001>'],
    ['2130706433', '<sip:3001@2130706433>'],
    ['127.000.000.001', '<sip:3001@127.000.000.001>'],
    ['an IPv6-mapped address', '<sip:3001@[::ffff:127.0.0.1]>'],
    ['the IPv6 loopback', '<sip:3001@[::1]>'],
    ['a trailing dot', '<sip:3001@127.0.0.1.>'],
    ['another host name', '<sip:3001@switchboard.example.com>'],
    ['the exact address with her display name', '"Alice" <sip:3001@127.0.0.1>'],
    ['a display name and a port', '"Alice" <sip:3001@127.0.0.1:5060>'],
    ['no angle brackets', 'sip:3001@127.0.0.1:5060'],
    ['sips', '<sips:3001@127.0.0.1>'],
    ['upper-case scheme', '<SIP:3001@127.0.0.1:5060>'],
    ['user=phone', '<sip:3001@127.0.0.1:5060;user=phone>'],
    ['a transport parameter', '<sip:3001@127.0.0.1;transport=udp>'],
    ['an escaped user part', '<sip:%33001@127.0.0.1:5060>'],
  ];
}

const methods = ['INVITE', 'MESSAGE', 'OPTIONS', 'SUBSCRIBE'];
const REFUSED = [401, 403, 407];

describe('a From that names a colleague, from someone who never authenticated', () => {
  let switchboard: RunningSwitchboard;
  let bobPhone: SipWebSocket;
  let alicePhone: SipWebSocket;
  let stranger: SipWebSocket;
  let scratch: string;
  let spellings: Array<[string, string]>;
  /** The company's PSTN gateway: trusted by transport, address and port, and nothing else. */
  let gatewayPort: number;

  beforeAll(async () => {
    gatewayPort = await freePort();
    switchboard = await startSwitchboard({
      users: [alice, bob],
      trustedPeers: [{ transport: 'udp', address: '127.0.0.1', port: gatewayPort }],
    });
    scratch = await mkdtemp(join(tmpdir(), 'spoofed-from-'));
    bobPhone = await connectSip(switchboard.wsUrl);
    await registerOver(bobPhone, bob, switchboard.domain);
    alicePhone = await connectSip(switchboard.wsUrl);
    await registerOver(alicePhone, alice, switchboard.domain);
    stranger = await connectSip(switchboard.wsUrl);
    spellings = aliceSpellings({ udp: switchboard.udpPort, ws: Number(new URL(switchboard.wsUrl).port) });
  });

  afterAll(async () => {
    await Promise.all([bobPhone?.close(), alicePhone?.close(), stranger?.close()]);
    await switchboard?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  /** What reached Bob's phone with this Call-ID (nothing, if the switchboard did its job). */
  const reachedBob = (callId: string) => bobPhone.requests.filter((m) => header(m, 'Call-ID') === callId);

  it.each(methods)(
    'over a WebSocket: %s to a colleague is challenged for every spelling of her address',
    async (method) => {
      const outcomes: string[] = [];
      for (const [spelling, from] of spellings) {
        const callId = token();
        const uri = `sip:${bob.user}@${switchboard.domain}`;
        stranger.send(sipRequest({ method, uri, from, callId }));
        const answer = await stranger.final(method).catch((error: Error) => error.message);
        const status = statusOf(answer);
        if (!REFUSED.includes(status) || reachedBob(callId).length > 0)
          outcomes.push(`${spelling} (${from}): answered ${status || answer}, Bob got ${reachedBob(callId).length}`);
      }
      expect(outcomes).toEqual([]);
    },
  );

  it.each(methods)(
    'over UDP (SIPp): %s to a colleague is challenged for every spelling of her address',
    async (method) => {
      const outcomes: string[] = [];
      for (const [spelling, from] of spellings) {
        const callId = token();
        const request = sipRequest({
          method,
          uri: `sip:${bob.user}@${switchboard.domain}`,
          from,
          callId,
          viaHost: '[local_ip]:[local_port]',
          viaTransport: 'UDP',
        });
        const sent = await sippSend({
          target: `127.0.0.1:${switchboard.udpPort}`,
          request,
          expect: REFUSED,
          dir: scratch,
        });
        if (!sent.passed || reachedBob(callId).length > 0)
          outcomes.push(`${spelling} (${from}): SIPp exit ${sent.exitCode}, Bob got ${reachedBob(callId).length}`);
      }
      expect(outcomes).toEqual([]);
    },
  );

  it('the Request-URI may name Bob in our own address forms; a stranger is still challenged', async () => {
    const ws = Number(new URL(switchboard.wsUrl).port);
    const uris = [
      `sip:${bob.user}@127.0.0.1:${switchboard.udpPort}`,
      `sip:${bob.user}@127.0.0.1:${ws}`,
      `sip:${bob.user}@127.0.0.1;transport=ws`,
    ];
    const outcomes: string[] = [];
    for (const uri of uris) {
      for (const from of ['<sip:3001@127.0.0.1:5999>', '<sip:3001@localhost>', '<sip:stranger@example.com>']) {
        const callId = token();
        stranger.send(sipRequest({ method: 'INVITE', uri, from, callId }));
        const status = statusOf(await stranger.final('INVITE').catch((error: Error) => error.message));
        if (!REFUSED.includes(status) || reachedBob(callId).length > 0)
          outcomes.push(`${uri} from ${from}: ${status}, Bob got ${reachedBob(callId).length}`);
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('a colleague authenticated on her own connection cannot name another colleague in From', async () => {
    const outcomes: string[] = [];
    for (const from of ['<sip:3002@127.0.0.1>', '"Bob" <sip:3002@127.0.0.1:5060>', '<sip:3002@localhost>']) {
      for (const method of methods) {
        const callId = token();
        // To Bob himself: his phone would show a call from himself; to Alice's own number it is the same lie.
        alicePhone.send(sipRequest({ method, uri: `sip:${bob.user}@${switchboard.domain}`, from, callId }));
        const status = statusOf(await alicePhone.final(method).catch((error: Error) => error.message));
        if (!REFUSED.includes(status) || reachedBob(callId).length > 0)
          outcomes.push(`${method} from ${from}: ${status}, Bob got ${reachedBob(callId).length}`);
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('her own calls on the connection she registered over still go through without a second challenge', async () => {
    const callId = token();
    const from = `"Alice" <sip:${alice.user}@${switchboard.domain}>`;
    alicePhone.send(sipRequest({ method: 'INVITE', uri: `sip:${bob.user}@${switchboard.domain}`, from, callId }));
    // Bob's phone answers every INVITE with 486: the call reached him, unchallenged.
    expect(statusOf(await alicePhone.final('INVITE'))).toBe(486);
    const invites = reachedBob(callId).filter((m) => m.startsWith('INVITE '));
    expect(invites).toHaveLength(1);
    expect(header(invites[0]!, 'From')).toContain(`sip:${alice.user}@${switchboard.domain}`);
  });

  it('a configured gateway reaches users without a challenge, with the caller ID it presents', async () => {
    const callId = token();
    const request = sipRequest({
      method: 'INVITE',
      uri: `sip:${bob.user}@${switchboard.domain}`,
      from: '"+86 138 0013 8000" <sip:+8613800138000@pstn.example.net>',
      callId,
      viaHost: '[local_ip]:[local_port]',
      viaTransport: 'UDP',
    });
    const sent = await sippSend({
      target: `127.0.0.1:${switchboard.udpPort}`,
      request,
      expect: [486],
      localPort: gatewayPort,
      dir: scratch,
    });
    expect(sent.errors).toBe('');
    expect(sent.passed).toBe(true);
    expect(reachedBob(callId).filter((m) => m.startsWith('INVITE '))).toHaveLength(1);
  });

  it("the gateway cannot relay, and its port is nobody's credential over another transport", async () => {
    const relay = await sippSend({
      target: `127.0.0.1:${switchboard.udpPort}`,
      request: sipRequest({
        method: 'INVITE',
        uri: 'sip:+14155550100@pstn.example.net',
        from: '<sip:+8613800138000@pstn.example.net>',
        viaHost: '[local_ip]:[local_port]',
        viaTransport: 'UDP',
      }),
      expect: [403],
      localPort: gatewayPort,
      dir: scratch,
    });
    expect(relay.passed).toBe(true);

    const sameTcpPort = await connectSip(switchboard.wsUrl, { localPort: gatewayPort });
    try {
      const callId = token();
      const from = '<sip:+8613800138000@pstn.example.net>';
      sameTcpPort.send(sipRequest({ method: 'INVITE', uri: `sip:${bob.user}@${switchboard.domain}`, from, callId }));
      expect(statusOf(await sameTcpPort.final('INVITE'))).toBe(407);
      expect(reachedBob(callId)).toEqual([]);
    } finally {
      await sameTcpPort.close();
    }
  });
});
