/**
 * Our end of a baresip line's control channel (line-broker.ts): JSON commands out, answers and
 * events in. Whatever arrives, nothing throws out of a broker callback (that would end the whole
 * switchboard): a payload that is not a JSON object is logged and skipped, and when the line's
 * connection ends `onBroken` tells the phone, which stops its baresip so the supervisor starts a
 * fresh one.
 */
import { LineBroker, type LineMessage } from './line-broker.ts';
import type { SwitchboardLog } from './log.ts';

export type ControlHandlers = {
  onEvent(message: Record<string, unknown> & { type: string }): void;
  /** The line's connection ended; not called after close(). */
  onBroken(reason: string): void;
  log: SwitchboardLog;
  /** Names the phone in the log. */
  name: string;
};

type Pending = { resolve: (data: string) => void; reject: (error: Error) => void };

export class BaresipControl {
  readonly #handlers: ControlHandlers;
  readonly #pending = new Map<string, Pending>();
  #line: LineBroker | null = null;
  #nextToken = 1;
  #closed = false;

  /** Opens the line's broker; baresip is started after this, with `configLines()` in its config. */
  static async open(handlers: ControlHandlers): Promise<BaresipControl> {
    const control = new BaresipControl(handlers);
    control.#line = await LineBroker.open({
      onMessage: (message) => control.#onMessage(message),
      onLineGone: () => control.#broken('the control connection closed'),
      onRefused: (what) => handlers.log.warn(`${handlers.name}: refused on the control channel`, { what }),
    });
    return control;
  }

  private constructor(handlers: ControlHandlers) {
    this.#handlers = handlers;
  }

  configLines(): string[] {
    return this.#line!.configLines();
  }

  /** Resolves when baresip has connected and listens for commands. */
  get connected(): Promise<void> {
    return this.#line!.connected;
  }

  command(name: string, params?: string): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.#closed) {
        reject(new Error('baresip: control connection closed'));
        return;
      }
      const token = String(this.#nextToken++);
      this.#pending.set(token, { resolve, reject });
      this.#line!.sendCommand(
        token,
        JSON.stringify({ command: name, ...(params !== undefined ? { params } : {}), token }),
      );
    });
  }

  /** Ours to end (the phone stops): no onBroken. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#rejectPending('baresip stopped');
    await this.#line?.close();
  }

  #onMessage(message: LineMessage): void {
    const fields = this.#parse(message.payload);
    if (!fields) return;
    if (process.env['SWITCHBOARD_DEBUG']) console.error('baresip ctrl', this.#handlers.name, message.payload);
    if (message.kind === 'answer') {
      const request = this.#pending.get(message.token);
      this.#pending.delete(message.token);
      if (!request) return;
      if (fields['ok'] === true) request.resolve(typeof fields['data'] === 'string' ? fields['data'] : '');
      else request.reject(new Error(`baresip command failed: ${String(fields['data'])}`));
      return;
    }
    if (typeof fields['type'] !== 'string') return;
    try {
      this.#handlers.onEvent({ ...fields, type: fields['type'] });
    } catch (error) {
      this.#handlers.log.error(`${this.#handlers.name}: event handler failed`, { err: error });
    }
  }

  #parse(payload: string): Record<string, unknown> | null {
    let message: unknown;
    try {
      message = JSON.parse(payload);
    } catch {
      this.#handlers.log.warn(`${this.#handlers.name}: control message is not JSON, skipped`, {
        bytes: payload.length,
      });
      return null;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
    return message as Record<string, unknown>;
  }

  #broken(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#rejectPending(`baresip: ${reason}`);
    this.#handlers.onBroken(reason);
    void this.#line?.close();
  }

  #rejectPending(message: string): void {
    for (const request of this.#pending.values()) request.reject(new Error(message));
    this.#pending.clear();
  }
}
