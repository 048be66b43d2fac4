import type { ClientFrame, HostFrame, WindowRole } from '../shared/ipc/wire.ts';

type FrameListener = (frame: HostFrame) => void;

/**
 * A WebSocket to the browser host that queues frames until open and reconnects
 * if the host restarts, so a page survives a host hiccup the way an Electron
 * window survives nothing at all (it has no connection to lose).
 */
export class HostConnection {
  private socket: WebSocket | null = null;
  private readonly queue: string[] = [];
  private readonly listeners = new Set<FrameListener>();
  private readonly openListeners = new Set<() => void>();
  private closed = false;
  private readonly address: string;

  constructor(url: string, token: string, role: WindowRole) {
    this.address = `${url}?role=${role}&token=${encodeURIComponent(token)}`;
    this.connect();
  }

  send(frame: ClientFrame): void {
    const text = JSON.stringify(frame);
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
    else this.queue.push(text);
  }

  onFrame(listener: FrameListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called on every (re)connection, e.g. to ask for fresh state. */
  onOpen(listener: () => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private connect(): void {
    const socket = new WebSocket(this.address);
    this.socket = socket;
    socket.addEventListener('open', () => {
      for (const text of this.queue.splice(0)) socket.send(text);
      for (const listener of this.openListeners) listener();
    });
    socket.addEventListener('message', (message) => {
      let frame: HostFrame;
      try {
        frame = JSON.parse(String(message.data)) as HostFrame;
      } catch {
        return;
      }
      for (const listener of this.listeners) listener(frame);
    });
    socket.addEventListener('close', () => {
      if (!this.closed) setTimeout(() => this.connect(), 500);
    });
  }
}
