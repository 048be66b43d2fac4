/**
 * Asks a worker_threads worker and awaits its answers: SQLite work that would stall the main
 * thread's event loop (a call ringing meanwhile) runs there on its own connection. One request
 * at a time per message, answered in order; the worker is started at the first request and is
 * referenced only while an answer is awaited, so an idle one never keeps a quitting process alive.
 */
import { Worker, type MessagePort } from 'node:worker_threads';

export type WorkerAnswer<T> =
  { id: number; ok: true; value?: T } | { id: number; ok: false; message: string; code?: string };

/**
 * A worker's file beside the module asking for it: .ts when the sources run as they are (the browser
 * host and tests, Node's type stripping), .js in the Electron build (tsc's output in dist-electron).
 */
export function siblingWorkerUrl(moduleUrl: string, name: string): URL {
  return new URL(`./${name}${moduleUrl.endsWith('.ts') ? '.ts' : '.js'}`, moduleUrl);
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class WorkerClient<Request extends object> {
  private readonly url: URL;
  private readonly workerData: unknown;
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(url: URL, workerData: unknown) {
    this.url = url;
    this.workerData = workerData;
  }

  ask<T>(request: Request): Promise<T> {
    const worker = this.started();
    const id = this.nextId++;
    worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    }).finally(() => {
      if (this.pending.size === 0) worker.unref();
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.url, { workerData: this.workerData });
    worker.on('message', (answer: WorkerAnswer<unknown>) => {
      const pending = this.pending.get(answer.id);
      if (!pending) return;
      this.pending.delete(answer.id);
      if (answer.ok) pending.resolve(answer.value);
      else pending.reject(Object.assign(new Error(answer.message), answer.code ? { code: answer.code } : {}));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The worker ${this.url.pathname} stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

/** The worker's side: answers each request with `handle`'s value (and its transfer list), or its error. */
export function answerRequests<Request extends { id: number }>(
  port: MessagePort,
  handle: (request: Request) => { value?: unknown; transfer?: ArrayBuffer[] } | void,
): void {
  port.on('message', (request: Request) => {
    try {
      const answer = handle(request) ?? {};
      port.postMessage({ id: request.id, ok: true, value: answer.value }, answer.transfer ?? []);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      port.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        ...(typeof code === 'string' ? { code } : {}),
      });
    }
  });
}
