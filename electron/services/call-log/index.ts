export { CallLogStore, MAX_LIST_LIMIT, MAX_SEARCH_WINDOW, SEARCH_WINDOW, durationSec } from './call-log-store.ts';
export type { CallLogCursor, CallLogListOptions, CallLogOpenOptions, SearchPath } from './call-log-store.ts';
export { SchemaTooNewError } from './migrate.ts';
