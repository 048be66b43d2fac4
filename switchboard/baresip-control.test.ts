import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../test/support/http-fuzz.ts';
import { BaresipControl } from './baresip-control.ts';
import { recordingLog } from './log.ts';
import { encodeNetstring, NetstringDecoder, NetstringError } from './netstring.ts';

/** A stand-in for baresip's ctrl_tcp end: the test writes whatever it likes to our side. */
async function controlPair() {
  let far: Socket | null = null;
  const server: Server = createServer((socket) => (far = socket));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  const near = await new Promise<Socket>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
  });
  await expect.poll(() => far).not.toBeNull();
  const events: unknown[] = [];
  const broken: string[] = [];
  const log = recordingLog();
  const control = new BaresipControl(near, {
    name: 'baresip test',
    log,
    onEvent: (event) => void events.push(event),
    onBroken: (reason) => void broken.push(reason),
  });
  return { far: far! as Socket, control, events, broken, log, close: () => server.close() };
}

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

describe('a line control connection fed hostile bytes', () => {
  it('skips payloads that are not JSON objects and goes on delivering events and answers', async () => {
    const pair = await controlPair();
    cleanup = pair.close;
    const answer = pair.control.command('dial', '1001');
    for (const junk of [
      '{nope',
      '[1,2]',
      'null',
      '"x"',
      '\u0000\u00ff',
      '{"event":true,"type":7}',
      '{"response":true}',
    ]) {
      pair.far.write(encodeNetstring(junk));
    }
    pair.far.write(encodeNetstring('{"event":true,"type":"CALL_ESTABLISHED","id":"a"}'));
    pair.far.write(encodeNetstring('{"response":true,"ok":true,"data":"done","token":"1"}'));
    expect(await answer).toBe('done');
    await expect.poll(() => pair.events).toEqual([{ event: true, type: 'CALL_ESTABLISHED', id: 'a' }]);
    expect(pair.broken).toEqual([]);
  });

  it.each(['99999999999:', 'abc', ' 5:hello,', '0x5:hello,', '5:hello;', '-1:', `${'9'.repeat(40)}`, '2:{}x'])(
    'drops the connection on broken framing %j and says why, without throwing',
    async (bytes) => {
      const pair = await controlPair();
      cleanup = pair.close;
      const pending = pair.control.command('hangup').catch((error: unknown) => error);
      pair.far.write(bytes);
      await expect.poll(() => pair.broken.length).toBe(1);
      expect(String(await pending)).toMatch(/baresip: unreadable control stream/);
      expect(pair.log.lines.some((line) => line.message.includes('unreadable control stream'))).toBe(true);
    },
  );

  it('a closed connection rejects what was waiting and reports the phone broken once', async () => {
    const pair = await controlPair();
    cleanup = pair.close;
    const pending = pair.control.command('accept').catch((error: unknown) => error);
    pair.far.destroy();
    expect(String(await pending)).toMatch(/closed/);
    await expect.poll(() => pair.broken).toEqual(['the control connection closed']);
  });

  it('survives 300 seeded streams of random and mutated netstrings', async () => {
    const random = seededRandom(31);
    for (let run = 0; run < 300; run++) {
      const decoder = new NetstringDecoder();
      const good = encodeNetstring('{"event":true,"type":"CALL_CLOSED","param":"486 Busy"}');
      const bytes = Buffer.from(good);
      for (let edit = 0; edit < 1 + Math.floor(random() * 4); edit++) {
        bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      }
      const noise = Buffer.from(Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256)));
      for (const chunk of [bytes, noise]) {
        try {
          decoder.push(chunk);
        } catch (error) {
          expect(error).toBeInstanceOf(NetstringError);
          break;
        }
      }
    }
  });
});
