import { describe, expect, it } from 'vitest';
import { SseParser } from './sse.ts';

describe('reading the event stream', () => {
  it('gives each event once it is complete, even when split across chunks', () => {
    const parser = new SseParser();
    expect(parser.push('id: 3\nevent: mess')).toEqual([]);
    expect(parser.push('age\ndata: {"a":1}\n\nevent: state\ndata: {}\n\n')).toEqual([
      { event: 'message', data: '{"a":1}', id: '3' },
      { event: 'state', data: '{}', id: null },
    ]);
  });

  it('skips ping comments and reads CRLF line ends', () => {
    const parser = new SseParser();
    expect(parser.push(': ping\n\nevent: state\r\ndata: {"x":2}\r\n\r\n')).toEqual([
      { event: 'state', data: '{"x":2}', id: null },
    ]);
  });
});
