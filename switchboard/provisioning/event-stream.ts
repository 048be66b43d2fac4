import type { ServerResponse } from 'node:http';

/** A stream ended from this side gets this long to hand its last bytes over before its socket is cut. */
const END_GRACE_MS = 5_000;

export function sseFrame(event: string, data: unknown, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export type EventStream = {
  /** Writes a frame; past the bound of unsent bytes the stream is cut (the client reconnects and resumes). */
  send(text: string): void;
  /** Counts what is unsent from here on (call after the first frames, which a slow link may hold a while). */
  startBound(): void;
  /** Ends the stream from this side (signed out, a newer stream, the service stops). */
  end(): void;
  /** Called once when the stream closed, whoever closed it. */
  onClose(listener: () => void): void;
};

/**
 * Server-sent events for presence and chat: `: ping` comments, a bound on what a client that stops
 * reading may leave unsent (Node keeps whatever the socket does not take; past the bound the stream is
 * cut and the client resumes, which costs less than catching up), and a clean end that cannot keep a
 * socket for ever.
 */
export function openEventStream(
  res: ServerResponse,
  options: {
    maxBufferedBytes: number;
    pingIntervalMs: number;
    /** Told when the stream is cut for falling behind (presence counts those). */
    onCut?: () => void;
  },
): EventStream {
  let gone = false;
  let bound = Infinity;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = (text: string) => {
    if (gone) return;
    res.write(text);
    if (res.writableLength <= bound) return;
    gone = true;
    options.onCut?.();
    res.destroy();
  };
  const ping = setInterval(() => send(': ping\n\n'), options.pingIntervalMs);
  res.on('close', () => clearInterval(ping));
  return {
    send,
    startBound() {
      bound = res.writableLength + options.maxBufferedBytes;
    },
    end() {
      if (gone) return;
      gone = true;
      res.end();
      const cut = setTimeout(() => res.destroy(), END_GRACE_MS);
      cut.unref();
      res.once('close', () => clearTimeout(cut));
    },
    onClose(listener) {
      res.on('close', listener);
    },
  };
}
