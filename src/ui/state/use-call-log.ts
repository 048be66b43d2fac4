/**
 * Call history with keyset paging. The first page reloads on `callLogChanged`
 * (sized to what is already shown, so "Load more" results do not vanish).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallLogEntry } from '../../shared/domain.ts';
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

export function useCallLog(api: SwitchboardApi): CallLog {
  const [entries, setEntries] = useState<CallLogEntry[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);
  const shown = useRef(0);
  // Each load gets a number; only the latest may write, so a slow old page cannot overwrite a fresh reload.
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    const limit = Math.min(MAX_PAGE, Math.max(CALL_LOG_PAGE, shown.current));
    setLoading(true);
    void api.listCallLog({ limit }).then((result) => {
      if (mine !== generation.current) return;
      setLoading(false);
      setFailed(!result.ok);
      if (!result.ok) return;
      const page = [...result.value].sort(newestFirst);
      shown.current = page.length;
      setEntries(page);
      setHasMore(page.length === limit);
    });
  }, [api]);

  const loadMore = useCallback(() => {
    const oldest = entries.at(-1);
    if (!oldest) return;
    const mine = ++generation.current;
    setLoading(true);
    void api
      .listCallLog({ limit: CALL_LOG_PAGE, before: { startedAt: oldest.startedAt, id: oldest.id } })
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
  }, [api, entries]);

  useEffect(() => {
    reload();
    return api.on('callLogChanged', reload);
  }, [api, reload]);

  return { entries, hasMore, loading, failed, loadMore };
}
