import { describe, expect, it } from 'vitest';
import { BAD_REQUEST, rejectReply, VERSION_NOT_SUPPORTED } from './sip-reject-reply.ts';

const HEADERS = [
  'Via: SIP/2.0/WSS edge.example.com;branch=z9hG4bK1',
  'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK2;received=192.0.2.9',
  'To: <sip:1001@example.com>',
  'From: "Dave" <sip:1009@example.com>;tag=abc',
  'Call-ID: call-1@example.com',
  'CSeq: 7 OPTIONS',
];
const message = (startLine: string, headers = HEADERS, lineEnd = '\r\n') =>
  [startLine, ...headers, 'X-Broken: <<<', 'Content-Length: 0', '', ''].join(lineEnd);

describe('rejecting a request JsSIP cannot take', () => {
  it('copies every Via, From, To, Call-ID and CSeq back, adding our tag to a To without one', () => {
    expect(rejectReply(message('OPTIONS <sip:1001@example.com> SIP/2.0'), BAD_REQUEST, 'ours')).toBe(
      [
        'SIP/2.0 400 Bad Request',
        'Via: SIP/2.0/WSS edge.example.com;branch=z9hG4bK1',
        'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK2;received=192.0.2.9',
        'From: "Dave" <sip:1009@example.com>;tag=abc',
        'To: <sip:1001@example.com>;tag=ours',
        'Call-ID: call-1@example.com',
        'CSeq: 7 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
  });

  it('keeps a To tag that is there, and says 505 for another SIP version', () => {
    const tagged = HEADERS.map((line) => (line.startsWith('To:') ? 'To: <sip:1001@example.com>;tag=theirs' : line));
    const reply = rejectReply(message('BYE sip:1001@example.com SIP/7.0', tagged), VERSION_NOT_SUPPORTED, 'ours');
    expect(reply?.split('\r\n')[0]).toBe('SIP/2.0 505 Version Not Supported');
    expect(reply).toContain('\r\nTo: <sip:1001@example.com>;tag=theirs\r\n');
  });

  it('reads compact header names, folded lines and bare LF line ends', () => {
    const compact = [
      'v: SIP/2.0/WS a.example.com;branch=z9hG4bK1',
      't: <sip:1001@example.com>',
      'f: <sip:1009@example.com>',
      '  ;tag=abc',
      'i: call-2@example.com',
      'CSeq: 1 MESSAGE',
    ];
    const reply = rejectReply(message('MESSAGE sip:1001@example.com SIP/2.0', compact, '\n'), BAD_REQUEST, 't');
    expect(reply).toContain('\r\nFrom: <sip:1009@example.com> ;tag=abc\r\n');
    expect(reply).toContain('\r\nCall-ID: call-2@example.com\r\nCSeq: 1 MESSAGE\r\n');
  });

  it('does not answer a response, an ACK, or a request without a method', () => {
    expect(rejectReply(message('SIP/2.0 200 OK'), BAD_REQUEST, 't')).toBeNull();
    expect(rejectReply(message('ACK sip:1001@example.com SIP/2.0'), BAD_REQUEST, 't')).toBeNull();
    expect(rejectReply(message('<bad> sip:1001@example.com SIP/2.0'), BAD_REQUEST, 't')).toBeNull();
  });

  const edit = (find: string, replace: string) => (headers: string[]) => headers.map((h) => h.replace(find, replace));
  it.each([
    ['no Via', (headers: string[]) => headers.filter((h) => !h.startsWith('Via:'))],
    ['two From headers', (headers: string[]) => [...headers, 'From: <sip:1010@example.com>;tag=x']],
    ['a Via the switchboard could not parse', edit('branch=z9hG4bK2', 'branch x= z9')],
    ['a From that does not parse', edit('"Dave" <sip:1009', '"Dave <sip:1009')],
    ['a To that does not parse', edit('To: <sip:1001@example.com>', 'To: <sip:1001@example.com')],
    ['a Call-ID with a NUL in it', edit('call-1@', 'call\u00001@')],
    ['a Call-ID with a character outside its grammar', edit('call-1@', 'call-\uFFFD@')],
    ['a CSeq without a number', edit('CSeq: 7', 'CSeq: seven')],
  ])('cannot answer a request with %s', (_what, change) => {
    expect(rejectReply(message('OPTIONS sip:1001@example.com SIP/2.0', change(HEADERS)), BAD_REQUEST, 't')).toBeNull();
  });

  it('does not answer with header values blown up past 16 KiB', () => {
    const huge = HEADERS.map((h) => (h.startsWith('From:') ? `${h};x=${'a'.repeat(20_000)}` : h));
    expect(rejectReply(message('OPTIONS sip:1001@example.com SIP/2.0', huge), BAD_REQUEST, 't')).toBeNull();
  });
});
