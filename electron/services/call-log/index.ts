export { CallLogStore, MAX_LIST_LIMIT, durationSec } from './call-log-store.ts';
export type { CallLogCursor, CallLogListOptions, CallLogOpenOptions } from './call-log-store.ts';
export { SchemaTooNewError } from './migrate.ts';
