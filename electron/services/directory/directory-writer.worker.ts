/**
 * The directory sync's writer thread (see directory-writer.ts): its own connection to the store's
 * file, one request at a time, in the order main sent them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { answerRequests } from '../worker/worker-client.ts';
import { DirectoryStore } from './directory-store.ts';
import type { WriterRequest } from './directory-writer.ts';

if (!parentPort) throw new Error('directory-writer.worker runs as a worker thread');
const store = DirectoryStore.open((workerData as { path: string }).path);

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
