/** An event from a server-sent event stream: `id` when the server gave one. */
export type ReadEvent = { event: string; data: unknown; id?: string } | { comment: string };

/** TEST SUPPORT: reads server-sent events from a streaming fetch response, one at a time. */
export function eventReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<ReadEvent> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(':')) return { comment: block.slice(1).trim() };
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
          const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as unknown;
          const id = /^id: (.*)$/m.exec(block)?.[1];
          return id === undefined ? { event, data } : { event, data, id };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    /** The next event that is not a `: ping` comment. */
    async nextEvent(): Promise<{ event: string; data: unknown; id?: string }> {
      for (;;) {
        const read = await this.next();
        if (!('comment' in read)) return read;
      }
    },
    async ended(): Promise<boolean> {
      try {
        for (;;) if ((await reader.read()).done) return true;
      } catch {
        return true;
      }
    },
    cancel(): Promise<void> {
      return reader.cancel();
    },
  };
}
