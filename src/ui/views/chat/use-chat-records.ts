/**
 * Service records with keyset paging, the way the call history pages (use-call-log.ts): the first
 * page for a search, then "Load more" asks for the records that ended before the last one shown.
 */
import { useCallback, useRef, useState } from 'react';
import type { ChatItem, ChatRecordQuery } from '../../../shared/chat.ts';
import type { SwitchboardApi } from '../../../shared/ipc/contract.ts';

export const CHAT_RECORDS_PAGE = 30;

type Search = Pick<ChatRecordQuery, 'q' | 'from' | 'to'>;

export type ChatRecordPages = {
  /** null until the first page came. */
  found: ChatItem[] | null;
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  search: (query: Search) => void;
  loadMore: () => void;
};

export function useChatRecords(api: Pick<SwitchboardApi, 'searchChatRecords'>): ChatRecordPages {
  const [found, setFound] = useState<ChatItem[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const query = useRef<Search>({});
  // Each load gets a number; only the latest may write, so a slow old page cannot land on a new search.
  const generation = useRef(0);

  const load = useCallback(
    (beforeId: string | null) => {
      const mine = ++generation.current;
      setLoading(true);
      void api
        .searchChatRecords({
          ...query.current,
          limit: CHAT_RECORDS_PAGE,
          ...(beforeId !== null ? { beforeId } : {}),
        })
        .then((result) => {
          if (mine !== generation.current) return;
          setLoading(false);
          if (!result.ok) return setError(result.error.message);
          setError(null);
          setFound((current) => {
            if (beforeId === null || current === null) return result.value;
            const known = new Set(current.map((item) => item.id));
            return [...current, ...result.value.filter((item) => !known.has(item.id))];
          });
          setHasMore(result.value.length === CHAT_RECORDS_PAGE);
        });
    },
    [api],
  );

  const search = useCallback(
    (next: Search) => {
      query.current = next;
      load(null);
    },
    [load],
  );

  const loadMore = useCallback(() => {
    const last = found?.at(-1);
    if (!last || loading || !hasMore) return;
    load(last.id);
  }, [found, loading, hasMore, load]);

  return { found, hasMore, loading, error, search, loadMore };
}
