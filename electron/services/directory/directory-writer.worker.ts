/**
 * The directory sync's writer thread (see directory-writer.ts): its own connection to the store's
 * file, one request at a time, in the order main sent them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DirectoryStore } from './directory-store.ts';
import type { WriterAnswer, WriterRequest } from './directory-writer.ts';

const port = parentPort;
if (!port) throw new Error('directory-writer.worker runs as a worker thread');
const store = DirectoryStore.open((workerData as { path: string }).path);

port.on('message', (request: WriterRequest) => {
  try {
    switch (request.op) {
      case 'useSource':
        store.useSource(request.serviceUrl, request.companyId);
        break;
      case 'applyPage':
        store.applyPage(request.page, request.now);
        break;
      case 'settle': {
        const value = store.settle();
        const { mobile } = value;
        // The index's arrays move to main rather than being copied.
        const transfer = [mobile.ids, mobile.starts, mobile.offsets, mobile.postings].map(
          (a) => a.buffer as ArrayBuffer,
        );
        port.postMessage({ id: request.id, ok: true, value } satisfies WriterAnswer, transfer);
        return;
      }
    }
    port.postMessage({ id: request.id, ok: true } satisfies WriterAnswer);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    port.postMessage({
      id: request.id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
      ...(typeof code === 'string' ? { code } : {}),
    } satisfies WriterAnswer);
  }
});
