/**
 * JsSIP as the engine runs it: with patches/jssip+3.13.8.patch, applied by `patch-package` on
 * every `npm ci` (package.json's postinstall). Each test is a message or value that made stock
 * JsSIP 3.13.8 throw inside the engine page; if one fails, the patch did not apply (run
 * `npx patch-package` and see docs/upstream/jssip-parser.md).
 */
import { describe, expect, it } from 'vitest';
import * as JsSIP from 'jssip';
import { parseMessage } from 'jssip/lib/Parser.js';
import RTCSessionModule from 'jssip/lib/RTCSession.js';

const { URI } = JsSIP;

const request = (startLine: string, extra = '') =>
  `${startLine}\r\nVia: SIP/2.0/WS 127.0.0.1:5066;branch=z9hG4bK1\r\nTo: <sip:1001@127.0.0.1>\r\n` +
  `From: <sip:1009@127.0.0.1>;tag=1\r\nCall-ID: patched@127.0.0.1\r\nCSeq: 1 OPTIONS\r\n${extra}Content-Length: 0\r\n\r\n`;

/** A started user agent on a socket that records what it sends; `receive` is the server speaking. */
async function userAgent() {
  const sent: string[] = [];
  let connected = false;
  const socket = {
    url: 'ws://127.0.0.1:5066',
    sip_uri: 'sip:127.0.0.1:5066;transport=ws',
    via_transport: 'WS',
    ondata: (_data: string) => {},
    onconnect: () => {},
    connect() {
      connected = true;
      setTimeout(() => this.onconnect(), 0);
    },
    disconnect: () => void (connected = false),
    send: (message: string) => sent.push(message) > 0,
    isConnected: () => connected,
    isConnecting: () => false,
  };
  const ua = new JsSIP.UA({
    sockets: [socket as never],
    uri: 'sip:1001@127.0.0.1',
    password: 'unused',
    register: false,
  });
  ua.start();
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { ua, sent, receive: (text: string) => socket.ondata(text), stop: () => ua.stop() };
}

describe('JsSIP as patched (patches/jssip+3.13.8.patch)', () => {
  it('a response whose CSeq does not parse is dropped by the parser, not thrown', () => {
    const response =
      'SIP/2.0 200 OK\r\nVia: SIP/2.0/WS 127.0.0.1:5066;branch=z9hG4bK1\r\nTo: <sip:a@h>;tag=2\r\n' +
      'From: <sip:b@h>;tag=1\r\nCall-ID: c\r\nCSeq: 3 INVITEA;b=,\r\nContent-Length: 0\r\n\r\n';
    expect(() => parseMessage(response, {})).not.toThrow();
    expect(parseMessage(response, {})).toBeUndefined();
  });

  it('a request for a Request-URI scheme JsSIP has no grammar for is answered 416, not thrown', async () => {
    const ua = await userAgent();
    expect(() => ua.receive(request('OPTIONS nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0'))).not.toThrow();
    expect(ua.sent.map((message) => message.split('\r\n')[0])).toEqual(['SIP/2.0 416 Unsupported URI Scheme']);
    ua.stop();
  });

  it('a body that Content-Length cuts inside a character pair is measured, not thrown on', async () => {
    const ua = await userAgent();
    // 'x📞' is 5 bytes but 3 UTF-16 units: a Content-Length of 2 leaves half of the pair.
    const cut = request('MESSAGE sip:1001@127.0.0.1 SIP/2.0').replace('Content-Length: 0\r\n\r\n', '');
    expect(() => ua.receive(`${cut}Content-Length: 2\r\n\r\nx📞`)).not.toThrow();
    expect(JsSIP.Utils.str_utf8_length('x📞')).toBe(5);
    expect(JsSIP.Utils.str_utf8_length('\uD83D')).toBe(3);
    ua.stop();
  });

  it('a user part escaping bytes that are not UTF-8 does not parse, instead of throwing', () => {
    expect(() => URI.parse('sip:%FF@127.0.0.1')).not.toThrow();
    expect(URI.parse('sip:%FF@127.0.0.1')).toBeUndefined();
    const fromNotUtf8 = request('OPTIONS sip:1001@127.0.0.1 SIP/2.0').replace('<sip:1009@', '<sip:%C3@');
    expect(() => parseMessage(fromNotUtf8, {})).not.toThrow();
    expect(parseMessage(fromNotUtf8, {})).toBeUndefined();
    expect(URI.parse('sip:%C3%A9@127.0.0.1')?.user).toBe('é');
  });

  it('a URI whose user holds a percent sign prints back escaped, instead of throwing', () => {
    const uri = URI.parse('sip:100%25@127.0.0.1');
    expect(uri?.user).toBe('100%');
    expect(uri?.toString()).toBe('sip:100%25@127.0.0.1');
    expect(uri?.toAor()).toBe('sip:100%25@127.0.0.1');
  });

  it('accepting a REFER whose Replaces is not UTF-8 tells the referrer 400 instead of throwing', async () => {
    const { ua, stop } = await userAgent();
    const notifies: string[] = [];
    const replies: number[] = [];
    const session = {
      _status: 9, // STATUS_CONFIRMED
      _ua: ua,
      sendRequest: (_method: string, options: { body: string }) => void notifies.push(options.body),
      emit: (_event: string, refer: { accept(init: () => void, options: object): void }) => refer.accept(() => {}, {}),
    };
    const refer = {
      refer_to: { uri: URI.parse('sip:8002@127.0.0.1?Replaces=abc%FF%3Bto-tag%3D1') },
      cseq: 5,
      reply: (code: number) => void replies.push(code),
    };
    const receiveRefer = (RTCSessionModule as unknown as { prototype: { _receiveRefer(request: unknown): void } })
      .prototype._receiveRefer;
    expect(() => receiveRefer.call(session, refer)).not.toThrow();
    expect(replies).toEqual([202]);
    expect(notifies).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 400 Bad Request']);
    stop();
  });
});
