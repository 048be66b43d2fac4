/**
 * Call history with keyset paging for one view (filter, search, a number). The first page
 * reloads on `callLogChanged` (sized to what is already shown, so loaded pages do not vanish)
 * and whenever the view changes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallLogEntry, CallLogView } from '../../shared/domain.ts';
import type { SwitchboardApi } from '../../shared/ipc/contract.ts';

export const CALL_LOG_PAGE = 30;
const MAX_PAGE = 500; // the contract's limit for one listCallLog

export type CallLog = {
  entries: CallLogEntry[];
  hasMore: boolean;
  loading: boolean;
  failed: boolean;
  loadMore: () => void;
};

// Same order as main's keyset (startedAt, then id, both descending) so "Load more" continues where the page ended.
const newestFirst = (a: CallLogEntry, b: CallLogEntry) =>
  b.startedAt - a.startedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Only the fields that are set, so the payload passes the contract's strict schema. */
function viewQuery(view: CallLogView): CallLogView {
  const query: CallLogView = {};
  if (view.filter && view.filter !== 'all') query.filter = view.filter;
  const search = view.search?.trim();
  if (search) query.search = search;
  if (view.number !== undefined) query.number = view.number;
  return query;
}

export function useCallLog(api: SwitchboardApi, view: CallLogView = {}): CallLog {
  const [entries, setEntries] = useState<CallLogEntry[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);
  const shown = useRef(0);
  // Each load gets a number; only the latest may write, so a slow old page cannot overwrite a fresh reload.
  const generation = useRef(0);
  const { filter, search, number } = view;
  const viewKey = JSON.stringify(viewQuery({ filter, search, number }));
  const lastViewKey = useRef(viewKey);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    if (lastViewKey.current !== viewKey) {
      // A new view starts from one page, not from however far the old one was scrolled.
      lastViewKey.current = viewKey;
      shown.current = 0;
    }
    const limit = Math.min(MAX_PAGE, Math.max(CALL_LOG_PAGE, shown.current));
    setLoading(true);
    void api.listCallLog({ limit, ...(JSON.parse(viewKey) as CallLogView) }).then((result) => {
      if (mine !== generation.current) return;
      setLoading(false);
      setFailed(!result.ok);
      if (!result.ok) return;
      const page = [...result.value].sort(newestFirst);
      shown.current = page.length;
      setEntries(page);
      setHasMore(page.length === limit);
    });
  }, [api, viewKey]);

  const loadMore = useCallback(() => {
    const oldest = entries.at(-1);
    if (!oldest || loading) return;
    const mine = ++generation.current;
    setLoading(true);
    void api
      .listCallLog({
        limit: CALL_LOG_PAGE,
        before: { startedAt: oldest.startedAt, id: oldest.id },
        ...(JSON.parse(viewKey) as CallLogView),
      })
      .then((result) => {
        if (mine !== generation.current) return;
        setLoading(false);
        setFailed(!result.ok);
        if (!result.ok) return;
        setEntries((current) => {
          const known = new Set(current.map((e) => e.id));
          const merged = [...current, ...result.value.filter((e) => !known.has(e.id))].sort(newestFirst);
          shown.current = merged.length;
          return merged;
        });
        setHasMore(result.value.length === CALL_LOG_PAGE);
      });
  }, [api, entries, loading, viewKey]);

  useEffect(() => {
    reload();
    return api.on('callLogChanged', reload);
  }, [api, reload]);

  return { entries, hasMore, loading, failed, loadMore };
}
