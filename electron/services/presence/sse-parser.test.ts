import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.ts';

describe('SseParser', () => {
  it('reads named events split anywhere, skips pings, joins multi-line data', () => {
    const text =
      ': ping\n\nevent: snapshot\ndata: {"a":1}\n\nevent: presence\r\ndata: x\r\ndata: y\r\n\r\ndata: plain\n\n';
    for (const size of [1, 2, 3, 7, text.length]) {
      const parser = new SseParser();
      const events = [];
      for (let i = 0; i < text.length; i += size) events.push(...parser.push(text.slice(i, i + size)));
      expect(events).toEqual([
        { event: 'snapshot', data: '{"a":1}' },
        { event: 'presence', data: 'x\ny' },
        { event: 'message', data: 'plain' },
      ]);
    }
  });

  it('a snapshot of a big company is one long line over many chunks', () => {
    const data = JSON.stringify({ people: Array.from({ length: 20_000 }, (_, i) => ({ extension: String(i) })) });
    const text = `event: snapshot\r\ndata: ${data}\r\n\r\n`;
    const parser = new SseParser();
    const events = [];
    for (let i = 0; i < text.length; i += 65_536) events.push(...parser.push(text.slice(i, i + 65_536)));
    expect(events).toEqual([{ event: 'snapshot', data }]);
  });
});
