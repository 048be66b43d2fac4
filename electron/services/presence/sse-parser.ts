/**
 * Server-sent events (text/event-stream, HTML Living Standard §9.2) from text chunks: feeds any split
 * of the stream and answers the complete events so far. Comments (": ping") are dropped. A 100k-person
 * snapshot is one 12 MB line: each chunk is scanned once, and a line's pieces are joined once.
 */
export type SseEvent = { event: string; data: string };

export class SseParser {
  /** The current line so far, in the pieces it arrived in (joined once, when it ends). */
  private pending: string[] = [];
  /** The last chunk ended with \r: a \n starting the next one belongs to that line break. */
  private afterCarriageReturn = false;
  private event = '';
  private data: string[] = [];

  push(chunk: string): SseEvent[] {
    const events: SseEvent[] = [];
    let start = 0;
    if (this.afterCarriageReturn && chunk.charCodeAt(0) === 10) start = 1;
    this.afterCarriageReturn = false;
    for (let i = start; i < chunk.length; i++) {
      const char = chunk.charCodeAt(i);
      if (char !== 10 && char !== 13) continue;
      this.pending.push(chunk.slice(start, i));
      const line = this.pending.join('');
      this.pending = [];
      if (char === 13) {
        if (i === chunk.length - 1) this.afterCarriageReturn = true;
        else if (chunk.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
      this.line(line, events);
    }
    if (start < chunk.length) this.pending.push(chunk.slice(start));
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.data.length) events.push({ event: this.event || 'message', data: this.data.join('\n') });
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }
}
