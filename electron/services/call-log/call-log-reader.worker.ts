/** The history reader's thread (see call-log-reader.ts): read-only, the same queries as the store's. */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { answerRequests } from '../worker/worker-client.ts';
import { CallLogQueries } from './call-log-search.ts';
import type { ReaderRequest } from './call-log-reader.ts';

if (!parentPort) throw new Error('call-log-reader.worker runs as a worker thread');
// Main opened (and migrated) the file first; this connection only reads.
const db = new Database((workerData as { path: string }).path, { readonly: true, fileMustExist: true });
const queries = new CallLogQueries(db);

answerRequests<ReaderRequest & { id: number }>(parentPort, (request) => ({ value: queries.list(request.options) }));
