/**
 * The history view's reads on a worker thread. A search page is one SQLite statement, and at a
 * million calls some take 50–100 ms (a rare name under the missed filter widens its window to
 * 64k rows): run on main, a user typing into the search box stalled a ringing call's events
 * (bench:responsiveness). The worker has its own read-only connection to the same file; WAL lets
 * it read while main writes, and a read after main's write (always committed at once) sees it.
 */
import type { CallLogEntry } from '../../../src/shared/domain.ts';
import { siblingWorkerUrl, WorkerClient } from '../worker/worker-client.ts';
import type { CallLogListOptions } from './call-log-search.ts';

export type ReaderRequest = { op: 'list'; options: CallLogListOptions };

export class CallLogReader {
  private readonly worker: WorkerClient<ReaderRequest>;

  constructor(path: string) {
    this.worker = new WorkerClient(siblingWorkerUrl(import.meta.url, 'call-log-reader.worker'), { path });
  }

  /** One page, as CallLogStore.list answers it, read on the worker's connection. */
  list(options: CallLogListOptions): Promise<CallLogEntry[]> {
    return this.worker.ask<CallLogEntry[]>({ op: 'list', options });
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}
