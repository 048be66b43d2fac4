/**
 * The switchboard skips the digest challenge for calls made on the WebSocket a user
 * registered over (that connection was authenticated by the REGISTER). These tests
 * make sure that is all it skips: any other connection claiming the same user is
 * challenged. Raw SIP over WebSocket, so nothing in between can hide a mistake.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startSwitchboard, type RunningSwitchboard } from './switchboard.ts';
import type { SwitchboardUser } from './users.ts';

const alice: SwitchboardUser = { user: '3001', password: 'alice-pw', displayName: 'Alice' };
const bob: SwitchboardUser = { user: '3002', password: 'bob-pw', displayName: 'Bob' };

type SipSocket = { send(message: string): void; next(method: string): Promise<string>; close(): void };

async function connect(url: string): Promise<SipSocket> {
  const ws = new WebSocket(url, 'sip');
  const inbox: string[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    inbox.push(data.toString());
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return {
    send: (message) => ws.send(message),
    async next(cseqMethod) {
      const until = Date.now() + 5000;
      for (;;) {
        const index = inbox.findIndex(
          (m) => m.startsWith('SIP/2.0') && new RegExp(`^CSeq: \\d+ ${cseqMethod}`, 'mi').test(m),
        );
        const found = index >= 0 ? inbox.splice(index, 1)[0] : undefined;
        if (found && !/^SIP\/2.0 1\d\d/.test(found)) return found;
        if (Date.now() > until) throw new Error(`no final ${cseqMethod} response`);
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
    close: () => ws.close(),
  };
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const token = () => randomBytes(6).toString('hex');

function request(method: string, uri: string, from: SwitchboardUser, domain: string, extra: string[] = []): string {
  const host = `${token()}.invalid`;
  return [
    `${method} ${uri} SIP/2.0`,
    `Via: SIP/2.0/WSS ${host};branch=z9hG4bK${token()}`,
    'Max-Forwards: 70',
    `To: <${method === 'REGISTER' ? `sip:${from.user}@${domain}` : uri}>`,
    `From: <sip:${from.user}@${domain}>;tag=${token()}`,
    `Call-ID: ${token()}`,
    `CSeq: 1 ${method}`,
    `Contact: <sip:${from.user}@${host};transport=ws>`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

function authorization(challenge: string, user: SwitchboardUser, method: string, uri: string): string {
  const nonce = /nonce="([^"]+)"/.exec(challenge)![1]!;
  const realm = /realm="([^"]+)"/.exec(challenge)![1]!;
  const response = md5(`${md5(`${user.user}:${realm}:${user.password}`)}:${nonce}:${md5(`${method}:${uri}`)}`);
  return `Authorization: Digest username="${user.user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5`;
}

describe('calls on a registered WebSocket', () => {
  let switchboard: RunningSwitchboard;
  let registered: SipSocket;
  let stranger: SipSocket;

  beforeAll(async () => {
    switchboard = await startSwitchboard({ users: [alice, bob] });
    registered = await connect(switchboard.wsUrl);
    stranger = await connect(switchboard.wsUrl);
    const registrar = `sip:${switchboard.domain}`;
    registered.send(request('REGISTER', registrar, alice, switchboard.domain, ['Expires: 60']));
    const challenge = await registered.next('REGISTER');
    expect(challenge).toMatch(/^SIP\/2.0 401/);
    registered.send(
      request('REGISTER', registrar, alice, switchboard.domain, [
        'Expires: 60',
        authorization(challenge, alice, 'REGISTER', registrar),
      ]),
    );
    expect(await registered.next('REGISTER')).toMatch(/^SIP\/2.0 200/);
  });

  afterAll(async () => {
    registered?.close();
    stranger?.close();
    await switchboard?.stop();
  });

  it('are not challenged again on the connection that registered', async () => {
    registered.send(request('INVITE', `sip:${bob.user}@${switchboard.domain}`, alice, switchboard.domain));
    // Bob is not registered: the switchboard routes the call and answers 404, without a 407 first.
    expect(await registered.next('INVITE')).toMatch(/^SIP\/2.0 404/);
  });

  it('are challenged on any other connection that claims the same user', async () => {
    stranger.send(request('INVITE', `sip:${bob.user}@${switchboard.domain}`, alice, switchboard.domain));
    expect(await stranger.next('INVITE')).toMatch(/^SIP\/2.0 407/);
  });
});
