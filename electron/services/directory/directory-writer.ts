/**
 * Who writes a directory sync into the store. A first download of 500k people is minutes of pinyin
 * keys and index inserts, and the merge of its staged keys one long statement: on the main thread
 * that stalled the event loop for seconds (16 s at 500k, bench:responsiveness), so a call ringing
 * meanwhile went unanswered. A store in a file is therefore written by a worker thread with its own
 * connection (WAL: main keeps reading the last committed state meanwhile); the worker also builds
 * what the reading side derives (departments, counts, the mobile index) and hands it over. An
 * in-memory store (tests) cannot be shared with a thread and is written in place, as before.
 */
import type { DerivedDirectory, DirectoryStore } from './directory-store.ts';
import type { PageWriter } from './directory-sync.ts';
import type { FeedPage } from './feed.ts';
import { siblingWorkerUrl, WorkerClient } from '../worker/worker-client.ts';

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
export type WriterRequest =
  | { op: 'useSource'; serviceUrl: string; companyId: number }
  | { op: 'applyPage'; page: FeedPage; now: number }
  | { op: 'settle' };

class WorkerWriter implements DirectoryWriter {
  private readonly store: DirectoryStore;
  private readonly worker: WorkerClient<WriterRequest>;

  constructor(store: DirectoryStore) {
    this.store = store;
    this.worker = new WorkerClient(siblingWorkerUrl(import.meta.url, 'directory-writer.worker'), { path: store.path });
    store.mergeStagedOnSearch = false;
  }

  async useSource(serviceUrl: string, companyId: number): Promise<void> {
    await this.worker.ask({ op: 'useSource', serviceUrl, companyId });
    this.store.pageAppliedElsewhere();
  }

  async applyPage(page: FeedPage, now: number): Promise<void> {
    await this.worker.ask({ op: 'applyPage', page, now });
    this.store.pageAppliedElsewhere();
  }

  async settle(): Promise<void> {
    // Always: a download broken off left keys staged that only the writer may merge.
    try {
      this.store.adopt(await this.worker.ask<DerivedDirectory>({ op: 'settle' }));
    } finally {
      // Between syncs (minutes apart) the thread and its memory are given back.
      await this.worker.close();
    }
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}
