/** One server-sent event as read from a fetch() body (EventSource cannot send Authorization). */
export type SseEvent = { event: string; data: string; id: string | null };

/**
 * Splits a text/event-stream into events as chunks arrive (the WHATWG rules the service's frames
 * use: `field: value` lines, a blank line ends an event, `:` lines are comments such as pings).
 */
export class SseParser {
  private buffer = '';

  push(chunk: string): SseEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const events: SseEvent[] = [];
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end < 0) return events;
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      let id: string | null = null;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') id = value;
      }
      if (data.length > 0) events.push({ event, data: data.join('\n'), id });
    }
  }
}
