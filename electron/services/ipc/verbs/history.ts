/** The call history: lists, the missed-call badge, delete and clear, retention, export. */
import type { UiHandlers, VerbTargets } from './types.ts';

export const historyVerbs = ({ history }: VerbTargets) =>
  ({
    listCallLog: (query) => history.list(query),
    deleteCallLogEntry: ({ id }) => history.delete(id),
    clearCallLog: () => history.clear(),
    getCallHistoryInfo: () => history.info(),
    markMissedSeen: () => history.markMissedSeen(),
    setHistoryRetention: ({ retention }) => history.setRetention(retention),
    exportCallLog: (request) => history.export(request),
  }) satisfies Partial<UiHandlers>;
