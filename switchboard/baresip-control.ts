/**
 * Our end of a baresip phone's ctrl_tcp connection: netstring-framed JSON commands out,
 * responses and events in. Whatever arrives on it, nothing throws out of a socket callback
 * (that would end the whole switchboard): a payload that is not a JSON object is logged and
 * skipped, broken framing drops the connection, and `onBroken` tells the phone, which then
 * stops its baresip so the supervisor starts a fresh one.
 */
import type { Socket } from 'node:net';
import type { SwitchboardLog } from './log.ts';
import { NetstringDecoder, NetstringError, encodeNetstring } from './netstring.ts';

export type ControlHandlers = {
  onEvent(message: Record<string, unknown> & { type: string }): void;
  /** The connection ended or carried something unreadable; not called after close(). */
  onBroken(reason: string): void;
  log: SwitchboardLog;
  /** Names the phone in the log. */
  name: string;
};

type Pending = { resolve: (data: string) => void; reject: (error: Error) => void };

export class BaresipControl {
  readonly #socket: Socket;
  readonly #handlers: ControlHandlers;
  readonly #decoder = new NetstringDecoder();
  readonly #pending = new Map<string, Pending>();
  #nextToken = 1;
  #closed = false;

  constructor(socket: Socket, handlers: ControlHandlers) {
    this.#socket = socket;
    this.#handlers = handlers;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', () => {});
    socket.on('close', () => this.#broken('the control connection closed'));
  }

  command(name: string, params?: string): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.#closed || this.#socket.destroyed) {
        reject(new Error('baresip: control connection closed'));
        return;
      }
      const token = String(this.#nextToken++);
      this.#pending.set(token, { resolve, reject });
      this.#socket.write(
        encodeNetstring(JSON.stringify({ command: name, ...(params !== undefined ? { params } : {}), token })),
      );
    });
  }

  /** Ours to end (the phone stops): no onBroken. */
  close(): void {
    this.#closed = true;
    this.#socket.destroy();
    this.#rejectPending('baresip stopped');
  }

  #onData(chunk: Buffer): void {
    let texts: string[];
    try {
      texts = this.#decoder.push(chunk);
    } catch (error) {
      const reason = error instanceof NetstringError ? error.message : String(error);
      this.#handlers.log.error(`${this.#handlers.name}: unreadable control stream, dropping it`, { reason });
      this.#broken(`unreadable control stream (${reason})`);
      return;
    }
    for (const text of texts) this.#onMessage(text);
  }

  #onMessage(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.#handlers.log.warn(`${this.#handlers.name}: control message is not JSON, skipped`, { bytes: text.length });
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return;
    const fields = message as Record<string, unknown>;
    if (process.env['SWITCHBOARD_DEBUG']) console.error('baresip ctrl', this.#handlers.name, text);
    if (fields['response'] === true) {
      const token = String(fields['token']);
      const request = this.#pending.get(token);
      this.#pending.delete(token);
      if (!request) return;
      if (fields['ok'] === true) request.resolve(typeof fields['data'] === 'string' ? fields['data'] : '');
      else request.reject(new Error(`baresip command failed: ${String(fields['data'])}`));
      return;
    }
    if (fields['event'] === true && typeof fields['type'] === 'string') {
      try {
        this.#handlers.onEvent({ ...fields, type: fields['type'] });
      } catch (error) {
        this.#handlers.log.error(`${this.#handlers.name}: event handler failed`, { err: error });
      }
    }
  }

  #broken(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.destroy();
    this.#rejectPending(`baresip: ${reason}`);
    this.#handlers.onBroken(reason);
  }

  #rejectPending(message: string): void {
    for (const request of this.#pending.values()) request.reject(new Error(message));
    this.#pending.clear();
  }
}
