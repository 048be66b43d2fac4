/**
 * Hostile: the switchboard as a relay. Requests dressed as part of a dialog (a To tag and a Route
 * naming the switchboard) that no call ever set up, and new requests from a signed-in user to an
 * address that is not one of ours, must be refused; nothing may reach the address they name. The
 * "anywhere" is a UDP socket of the test that records what arrives.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSwitchboard, type RunningSwitchboard } from '../switchboard.ts';
import type { SwitchboardUser } from '../users.ts';
import {
  connectSip,
  header,
  headerLines,
  registerOver,
  sipRequest,
  statusOf,
  token,
  udpRecorder,
  type SipWebSocket,
  type UdpRecorder,
} from './test-support/sip-wire.ts';
import { sippSend } from './test-support/sipp.ts';

const alice: SwitchboardUser = { user: '3001', password: 'alice-pw-1', displayName: 'Alice' };
const bob: SwitchboardUser = { user: '3002', password: 'bob-pw-2', displayName: 'Bob' };
const carol: SwitchboardUser = { user: '3003', password: 'carol-pw-3', displayName: 'Carol' };

type Forgery = { name: string; uri: string; route: string };

/** Route sets a forger would try, each aiming the request at the recorder on port `target`. */
function forgeries(ports: { udp: number; ws: number; target: number }): Forgery[] {
  const us = `127.0.0.1:${ports.udp}`;
  const elsewhere = `127.0.0.1:${ports.target}`;
  return [
    { name: 'one Route naming us', uri: `sip:victim@${elsewhere}`, route: `<sip:${us};lr>` },
    {
      name: 'our double Record-Route, copied',
      uri: `sip:victim@${elsewhere}`,
      route: `<sip:${us};r2=on;lr;ftag=f00>, <sip:127.0.0.1:${ports.ws};transport=ws;r2=on;lr;ftag=f00>`,
    },
    {
      name: 'a Route chain through us',
      uri: `sip:${bob.user}@127.0.0.1`,
      route: `<sip:${us};lr>, <sip:${elsewhere};lr>`,
    },
    { name: 'a made-up dialog cookie', uri: `sip:victim@${elsewhere}`, route: `<sip:${us};lr;ftag=f00;did=a1b.c2d>` },
    {
      name: 'a WebSocket alias pointing at it',
      uri: `sip:${bob.user}@x.invalid;transport=ws;alias=127.0.0.1~${ports.target}~1`,
      route: `<sip:${us};lr>`,
    },
    { name: 'a host name', uri: `sip:victim@localhost:${ports.target}`, route: `<sip:${us};lr>` },
    { name: "a user's number at its port", uri: `sip:${bob.user}@${elsewhere}`, route: `<sip:${us};lr>` },
    { name: 'a strict-router Request-URI naming us', uri: `sip:${us}`, route: `<sip:${elsewhere};lr>` },
  ];
}

const inDialogMethods = ['BYE', 'INVITE', 'MESSAGE', 'OPTIONS', 'NOTIFY', 'REFER', 'INFO'];

/** A user's or a stranger's new request to somewhere that is not one of ours: open relay and toll fraud. */
function relayTargets(target: number): string[] {
  return [
    `sip:anyone@127.0.0.1:${target}`,
    `sip:+8613800138000@127.0.0.1:${target};user=phone`,
    `sip:anyone@localhost:${target}`,
    `sip:anyone@LOCALHOST:${target}`,
    `sip:anyone@127.1:${target}`,
    `sip:${bob.user}@127.0.0.1:${target}`,
    `sip:anyone@127.0.0.1:${target};transport=udp`,
    'sip:anyone@example.com',
    'sip:+14155550100@pstn.example.net;user=phone',
  ];
}

describe('the switchboard relays only what it routed', () => {
  let switchboard: RunningSwitchboard;
  let recorder: UdpRecorder;
  let alicePhone: SipWebSocket;
  let bobPhone: SipWebSocket;
  let stranger: SipWebSocket;
  let scratch: string;
  let wsPort: number;

  beforeAll(async () => {
    switchboard = await startSwitchboard({ users: [alice, bob, carol] });
    wsPort = Number(new URL(switchboard.wsUrl).port);
    scratch = await mkdtemp(join(tmpdir(), 'forged-dialog-'));
    recorder = await udpRecorder();
    alicePhone = await connectSip(switchboard.wsUrl);
    await registerOver(alicePhone, alice, switchboard.domain);
    bobPhone = await connectSip(switchboard.wsUrl);
    await registerOver(bobPhone, bob, switchboard.domain);
    stranger = await connectSip(switchboard.wsUrl);
  });

  afterAll(async () => {
    await Promise.all([alicePhone?.close(), bobPhone?.close(), stranger?.close(), recorder?.close()]);
    await switchboard?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  const arrived = (callId: string) =>
    recorder.received.filter((m) => header(m, 'Call-ID') === callId).length +
    bobPhone.requests.filter((m) => header(m, 'Call-ID') === callId).length;

  const inDialog = (forgery: Forgery, method: string, from: string, callId: string, viaHost?: string) =>
    sipRequest({
      method,
      uri: forgery.uri,
      from,
      to: `<sip:${bob.user}@127.0.0.1>;tag=${token()}`,
      callId,
      cseq: 2,
      ...(viaHost ? { viaHost, viaTransport: 'UDP' as const } : {}),
      headers: [`Route: ${forgery.route}`, ...(method === 'REFER' ? ['Refer-To: <sip:1@127.0.0.1>'] : [])],
    });

  for (const who of ['a stranger', 'a signed-in user'] as const) {
    it(`over a WebSocket, ${who}: in-dialog requests of no dialog are refused and reach nobody`, async () => {
      const phone = who === 'a stranger' ? stranger : alicePhone;
      const from = who === 'a stranger' ? '<sip:stranger@example.com>' : `<sip:${alice.user}@127.0.0.1>`;
      const outcomes: string[] = [];
      for (const forgery of forgeries({ udp: switchboard.udpPort, ws: wsPort, target: recorder.port })) {
        for (const method of inDialogMethods) {
          const callId = token();
          phone.send(inDialog(forgery, method, from, callId));
          const status = statusOf(await phone.final(method, 3000).catch((error: Error) => error.message));
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (status < 400 || status >= 500 || arrived(callId) > 0)
            outcomes.push(`${forgery.name}, ${method}: answered ${status}, arrived ${arrived(callId)}`);
        }
      }
      expect(outcomes).toEqual([]);
    });
  }

  it('over UDP (SIPp): in-dialog requests of no dialog are refused and reach nobody', async () => {
    const outcomes: string[] = [];
    for (const forgery of forgeries({ udp: switchboard.udpPort, ws: wsPort, target: recorder.port })) {
      for (const method of inDialogMethods) {
        const callId = token();
        const request = inDialog(forgery, method, '<sip:stranger@example.com>', callId, '[local_ip]:[local_port]');
        const sent = await sippSend({
          target: `127.0.0.1:${switchboard.udpPort}`,
          request,
          expect: [403, 404, 481],
          dir: scratch,
          timeoutMs: 3000,
        });
        if (!sent.passed || arrived(callId) > 0)
          outcomes.push(`${forgery.name}, ${method}: SIPp exit ${sent.exitCode}, arrived ${arrived(callId)}`);
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('a signed-in user cannot use the switchboard to reach an address that is not one of ours', async () => {
    const outcomes: string[] = [];
    for (const uri of relayTargets(recorder.port)) {
      for (const method of ['INVITE', 'MESSAGE', 'OPTIONS', 'SUBSCRIBE']) {
        const callId = token();
        alicePhone.send(sipRequest({ method, uri, from: `<sip:${alice.user}@127.0.0.1>`, callId }));
        const status = statusOf(await alicePhone.final(method, 3000).catch((error: Error) => error.message));
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (status !== 403 || arrived(callId) > 0)
          outcomes.push(`${method} ${uri}: answered ${status}, arrived ${arrived(callId)}`);
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('over UDP (SIPp): a stranger cannot use the switchboard to reach an address that is not one of ours', async () => {
    const outcomes: string[] = [];
    for (const uri of relayTargets(recorder.port)) {
      for (const from of [`<sip:${alice.user}@127.0.0.1>`, '<sip:stranger@example.com>']) {
        const callId = token();
        const request = sipRequest({
          method: 'INVITE',
          uri,
          from,
          callId,
          viaHost: '[local_ip]:[local_port]',
          viaTransport: 'UDP',
        });
        const sent = await sippSend({
          target: `127.0.0.1:${switchboard.udpPort}`,
          request,
          expect: [403, 407],
          dir: scratch,
          timeoutMs: 3000,
        });
        if (!sent.passed || arrived(callId) > 0)
          outcomes.push(`INVITE ${uri} from ${from}: SIPp exit ${sent.exitCode}, arrived ${arrived(callId)}`);
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('inside a real call, each side reaches the other party whatever its Request-URI names', async () => {
    const carolPhone = await connectSip(switchboard.wsUrl, { answerCalls: true });
    try {
      await registerOver(carolPhone, carol, switchboard.domain);
      const callId = token();
      const aliceTag = token();
      const aliceFrom = `<sip:${alice.user}@127.0.0.1>`;
      alicePhone.send(
        sipRequest({
          method: 'INVITE',
          uri: `sip:${carol.user}@127.0.0.1`,
          from: aliceFrom,
          fromTag: aliceTag,
          callId,
        }),
      );
      const ok = await alicePhone.final('INVITE');
      expect(statusOf(ok)).toBe(200);
      const carolTo = header(ok, 'To')!;
      const carolTag = /;tag=([^;>\s]+)/.exec(carolTo)![1]!;
      const recordRoute = headerLines(ok, 'Record-Route').flatMap((line) =>
        line.replace(/^Record-Route:\s*/i, '').split(/,\s*(?=<)/),
      );
      const elsewhere = `sip:victim@127.0.0.1:${recorder.port}`;

      // RFC 3261 12.1.2: the caller's route set is the 2xx's Record-Route reversed; the callee's, as it came.
      const fromAlice = (method: string, uri: string, cseq: number) =>
        sipRequest({
          method,
          uri,
          from: aliceFrom,
          fromTag: aliceTag,
          to: carolTo,
          callId,
          cseq,
          headers: [...recordRoute].reverse().map((route) => `Route: ${route}`),
        });
      alicePhone.send(fromAlice('ACK', /<([^>]+)>/.exec(header(ok, 'Contact')!)![1]!, 1));
      alicePhone.send(fromAlice('MESSAGE', elsewhere, 2));
      expect(statusOf(await alicePhone.final('MESSAGE'))).toBe(200);
      expect(
        carolPhone.requests.filter((m) => m.startsWith('MESSAGE ') && header(m, 'Call-ID') === callId),
      ).toHaveLength(1);

      carolPhone.send(
        sipRequest({
          method: 'INFO',
          uri: elsewhere,
          from: `<sip:${carol.user}@127.0.0.1>`,
          fromTag: carolTag,
          to: `${aliceFrom};tag=${aliceTag}`,
          callId,
          headers: recordRoute.map((route) => `Route: ${route}`),
        }),
      );
      expect(statusOf(await carolPhone.final('INFO'))).toBe(200);
      expect(alicePhone.requests.filter((m) => m.startsWith('INFO ') && header(m, 'Call-ID') === callId)).toHaveLength(
        1,
      );
      expect(recorder.received.filter((m) => header(m, 'Call-ID') === callId)).toEqual([]);

      alicePhone.send(fromAlice('BYE', elsewhere, 3));
      expect(statusOf(await alicePhone.final('BYE'))).toBe(200);
    } finally {
      await carolPhone.close();
    }
  });
});
