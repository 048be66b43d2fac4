/**
 * The directory sync's writer thread (see directory-writer.ts): its own connection to the store's
 * file, one request at a time, in the order main sent them.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { answerRequests } from '../worker/worker-client.ts';
import { DirectoryStore } from './directory-store.ts';
import type { WriterRequest } from './directory-writer.ts';

if (!parentPort) throw new Error('directory-writer.worker runs as a worker thread');
const store = DirectoryStore.open((workerData as { path: string }).path);
// A background job: when cores are few, main (a ringing call's events) and the windows go first.
// Only on Linux, where a nice value is per thread; elsewhere it would lower the whole app.
if (process.platform === 'linux') setPriority(10);

answerRequests<WriterRequest & { id: number }>(parentPort, (request) => {
  switch (request.op) {
    case 'useSource':
      return store.useSource(request.serviceUrl, request.companyId);
    case 'applyPage':
      return store.applyPage(request.page, request.now);
    case 'settle': {
      const value = store.settle();
      const { ids, starts, offsets, postings } = value.mobile;
      // The index's arrays move to main rather than being copied.
      return { value, transfer: [ids, starts, offsets, postings].map((array) => array.buffer as ArrayBuffer) };
    }
  }
});
