/**
 * Who writes a directory sync into the store. A first download of 500k people is minutes of pinyin
 * keys and index inserts, and the merge of its staged keys one long statement: on the main thread
 * that stalled the event loop for seconds (16 s at 500k, bench:responsiveness), so a call ringing
 * meanwhile went unanswered. A store in a file is therefore written by a worker thread with its own
 * connection (WAL: main keeps reading the last committed state meanwhile); the worker also builds
 * what the reading side derives (departments, counts, the mobile index) and hands it over. An
 * in-memory store (tests) cannot be shared with a thread and is written in place, as before.
 */
import { Worker } from 'node:worker_threads';
import type { DerivedDirectory, DirectoryStore } from './directory-store.ts';
import type { PageWriter } from './directory-sync.ts';
import type { FeedPage } from './feed.ts';

export interface DirectoryWriter extends PageWriter {
  /**
   * After a sync, finished or broken off: staged keys become searchable, and the reading side gets
   * fresh departments, counts and mobile index when `changed` (or when keys were staged).
   */
  settle(changed: boolean): Promise<void>;
  close(): Promise<void>;
}

/** The worker for a store in a file, the store itself for an in-memory one. */
export function createDirectoryWriter(store: DirectoryStore): DirectoryWriter {
  return store.path === ':memory:' || store.path === '' ? inPlaceWriter(store) : new WorkerWriter(store);
}

export function inPlaceWriter(store: DirectoryStore): DirectoryWriter {
  return {
    useSource: (serviceUrl, companyId) => store.useSource(serviceUrl, companyId),
    applyPage: (page, now) => store.applyPage(page, now),
    settle: async (changed) => {
      if (changed) store.warm();
    },
    close: async () => {},
  };
}

/** What the worker is asked (directory-writer.worker.ts answers). */
type WriterAsk =
  | { op: 'useSource'; serviceUrl: string; companyId: number }
  | { op: 'applyPage'; page: FeedPage; now: number }
  | { op: 'settle' };
export type WriterRequest = WriterAsk & { id: number };
export type WriterAnswer =
  { id: number; ok: true; value?: DerivedDirectory } | { id: number; ok: false; message: string; code?: string };

type Pending = { resolve: (value: DerivedDirectory | undefined) => void; reject: (error: Error) => void };

/**
 * The worker's source sits beside this file: .ts when the sources run as they are (the browser host
 * and tests, Node's type stripping), .js in the Electron build (tsc's output in dist-electron).
 */
export const WORKER_URL = new URL(
  `./directory-writer.worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

class WorkerWriter implements DirectoryWriter {
  private readonly store: DirectoryStore;
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(store: DirectoryStore) {
    this.store = store;
    store.mergeStagedOnSearch = false;
  }

  async useSource(serviceUrl: string, companyId: number): Promise<void> {
    await this.ask({ op: 'useSource', serviceUrl, companyId });
    this.store.pageAppliedElsewhere();
  }

  async applyPage(page: FeedPage, now: number): Promise<void> {
    await this.ask({ op: 'applyPage', page, now });
    this.store.pageAppliedElsewhere();
  }

  async settle(): Promise<void> {
    // Always: a download broken off left keys staged that only the writer may merge.
    try {
      const derived = await this.ask({ op: 'settle' });
      if (derived) this.store.adopt(derived);
    } finally {
      // Between syncs (minutes apart) the thread and its memory are given back.
      await this.close();
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private ask(request: WriterAsk): Promise<DerivedDirectory | undefined> {
    const worker = this.started();
    const id = this.nextId++;
    // Held only while an answer is awaited: an idle writer must not keep a quitting process alive.
    worker.ref();
    return new Promise<DerivedDirectory | undefined>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    }).finally(() => {
      if (this.pending.size === 0) worker.unref();
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_URL, { workerData: { path: this.store.path } });
    worker.on('message', (answer: WriterAnswer) => {
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
    worker.on('exit', (code) => fail(new Error(`The directory writer stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
