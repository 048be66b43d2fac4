/**
 * The switchboard skips the digest challenge for calls made on the WebSocket a user
 * registered over (that connection was authenticated by the REGISTER). These tests
 * make sure that is all it skips: any other connection claiming the same user is
 * challenged, including a new one from the local port of a connection that is gone.
 * Raw SIP over WebSocket, so nothing in between can hide a mistake.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';
import { provisioningPaths } from './provisioning/paths.ts';
import { startSwitchboard, type RunningSwitchboard } from './switchboard.ts';
import type { SwitchboardUser } from './users.ts';
import { connectSip, registerOver, sipRequest, statusOf, type SipWebSocket } from './kamailio/test-support/sip-wire.ts';

const alice: SwitchboardUser = { user: '3001', password: 'alice-pw', displayName: 'Alice' };
const bob: SwitchboardUser = { user: '3002', password: 'bob-pw', displayName: 'Bob' };

describe('calls on a registered WebSocket', () => {
  let switchboard: RunningSwitchboard;
  const open: SipWebSocket[] = [];

  const connect = async (localPort?: number) => {
    const sip = await connectSip(switchboard.wsUrl, localPort ? { localPort } : {});
    open.push(sip);
    return sip;
  };
  /** Alice calls Bob (who is not registered): 404 means the switchboard routed it unchallenged. */
  const aliceCallsBob = async (sip: SipWebSocket) => {
    const from = `<sip:${alice.user}@${switchboard.domain}>`;
    sip.send(sipRequest({ method: 'INVITE', uri: `sip:${bob.user}@${switchboard.domain}`, from }));
    return statusOf(await sip.final('INVITE'));
  };

  beforeAll(async () => {
    // With the provisioning service: Kamailio then has its ctl socket, for an administrator's `kamcmd ul.rm`.
    switchboard = await startSwitchboard({ users: [alice, bob], provisioning: true });
  });

  afterAll(async () => {
    await Promise.all(open.map((sip) => sip.close().catch(() => {})));
    await switchboard?.stop();
  });

  it('are not challenged again on the connection that registered', async () => {
    const registered = await connect();
    await registerOver(registered, alice, switchboard.domain);
    expect(await aliceCallsBob(registered)).toBe(404);
  });

  it('are challenged on any other connection that claims the same user', async () => {
    const stranger = await connect();
    expect(await aliceCallsBob(stranger)).toBe(407);
  });

  for (const ending of ['closes (WebSocket close, TCP FIN)', 'dies (TCP reset)'] as const) {
    it(`when the connection ${ending}, a new connection from its very local port is challenged`, async () => {
      // Bound explicitly (so with SO_REUSEADDR): after a clean close its port sits in TIME_WAIT, which a
      // new socket may then reuse, as a client's next connection from the same port would.
      const first = await connect(await freePort());
      await registerOver(first, alice, switchboard.domain);
      expect(await aliceCallsBob(first)).toBe(404);
      const port = first.localPort;
      if (ending.startsWith('closes')) await first.close();
      else await first.reset();

      // Alice's registration outlives the connection (it expires in 10 minutes); its trust must not.
      const reused = await connect(port);
      expect(reused.localPort).toBe(port);
      expect(await aliceCallsBob(reused)).toBe(407);
    });
  }

  it('a new connection from the same local port that registers again is trusted again', async () => {
    const first = await connect();
    await registerOver(first, alice, switchboard.domain);
    const port = first.localPort;
    await first.reset();
    const again = await connect(port);
    await registerOver(again, alice, switchboard.domain);
    expect(await aliceCallsBob(again)).toBe(404);
  });

  it('a connection that registered as Alice is challenged when it names Bob', async () => {
    const registered = await connect();
    await registerOver(registered, alice, switchboard.domain);
    const from = `<sip:${bob.user}@${switchboard.domain}>`;
    registered.send(sipRequest({ method: 'MESSAGE', uri: `sip:${alice.user}@${switchboard.domain}`, from }));
    expect(statusOf(await registered.final('MESSAGE'))).toBe(407);
  });

  it("an administrator's removal of her registrations ends the trust of the connection, still open", async () => {
    const registered = await connect();
    await registerOver(registered, alice, switchboard.domain);
    expect(await aliceCallsBob(registered)).toBe(404);
    const ctl = `unix:${provisioningPaths(switchboard.runDir).ctlSocket}`;
    await promisify(execFile)('kamcmd', ['-s', ctl, 'ul.rm', 'location', `s:${alice.user}`]);
    expect(await aliceCallsBob(registered)).toBe(407);
  });
});
