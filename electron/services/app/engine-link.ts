/**
 * The hidden engine window's life as the core sees it: opened at sign-in and usable once the page
 * reports `ready`, closed at sign-out and quit, and lost when it crashes (the session signs in again).
 */
import type { EngineCommand, EngineCommandPayload } from '../../../src/shared/ipc/contract.ts';
import type { EngineWindow } from './ports.ts';

export class EngineLink {
  private readonly window: EngineWindow;
  private opened = false;
  private ready: { promise: Promise<void>; resolve: () => void } | null = null;

  constructor(window: EngineWindow) {
    this.window = window;
  }

  get isOpen(): boolean {
    return this.opened;
  }

  /** Opens the window if needed; resolves once the page can take commands. `onGone` hears of a crash. */
  async open(onGone: (reason: string) => void): Promise<void> {
    if (this.opened && this.ready) return this.ready.promise;
    let resolve = () => {};
    const promise = new Promise<void>((done) => (resolve = done));
    this.ready = { promise, resolve };
    this.opened = true;
    await this.window.open(onGone);
    await promise;
  }

  /** The engine page's `ready` report. */
  reportedReady(): void {
    this.ready?.resolve();
  }

  async close(): Promise<void> {
    this.lost();
    await this.window.close();
  }

  /** The window crashed or was closed under us: the next open starts a new one. */
  lost(): void {
    this.opened = false;
    this.ready = null;
  }

  send<C extends EngineCommand>(command: C, payload: EngineCommandPayload<C>): void {
    this.window.send(command, payload);
  }
}
