/**
 * Call history: filter (all, missed, incoming, outgoing), search by name or number, grouped by
 * day, newest first, with infinite scroll. A row calls back on one click of its phone button or
 * Enter; its details button opens that number's history, where the number can also go to the
 * dial pad for editing. Delete one call, clear everything (confirmed), export what is shown.
 * All of it is main's work through verbs; this file only renders and asks.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallLogEntry, CallLogFilter } from '../../shared/domain.ts';
import { AlertIcon, ClockIcon, DownloadIcon, SearchIcon, TrashIcon } from '../components/icons.tsx';
import { Segmented } from '../components/Segmented.tsx';
import { useApi } from '../state/api-context.ts';
import { useCallLog } from '../state/use-call-log.ts';
import { useDial } from '../state/use-dial.ts';
import { ConfirmClear } from './call-log/ConfirmClear.tsx';
import { NumberHistory } from './call-log/NumberHistory.tsx';
import { DayGroupedCalls } from './call-log/DayGroupedCalls.tsx';

// Export is rare: its dialog loads when opened (issue 23: a smaller start).
const ExportDialog = lazy(() => import('./call-log/ExportDialog.tsx').then((m) => ({ default: m.ExportDialog })));

const FILTERS: readonly CallLogFilter[] = ['all', 'missed', 'incoming', 'outgoing'];
const SEARCH_DELAY_MS = 200;

type Props = {
  canDial: boolean;
  /** Missed calls the user has not seen; looking at them here clears the badge. */
  missedUnseen: number;
  /** Puts a number into the dial pad to edit before calling. */
  onEditNumber: (number: string) => void;
};

export function CallLogView({ canDial, missedUnseen, onEditNumber }: Props) {
  const [filter, setFilter] = useState<CallLogFilter>('all');
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [detail, setDetail] = useState<{ number: string; name?: string | undefined } | null>(null);
  const api = useApi();

  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchText.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  // Seeing the list with missed calls in it (all or missed) while the window is visible clears the badge.
  const showsMissed = detail === null && (filter === 'all' || filter === 'missed');
  useEffect(() => {
    if (!showsMissed || missedUnseen === 0) return;
    const mark = () => {
      if (document.visibilityState === 'visible') void api.markMissedSeen({});
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [api, showsMissed, missedUnseen]);

  if (detail) {
    return (
      <NumberHistory
        number={detail.number}
        name={detail.name}
        canDial={canDial}
        onBack={() => setDetail(null)}
        onEditNumber={onEditNumber}
      />
    );
  }
  return (
    <HistoryList
      view={{ filter, search }}
      searchText={searchText}
      onSearchText={setSearchText}
      onFilter={setFilter}
      canDial={canDial}
      onOpen={(entry) => setDetail({ number: entry.remoteNumber, name: entry.remoteName?.trim() || undefined })}
    />
  );
}

function HistoryList({
  view,
  searchText,
  onSearchText,
  onFilter,
  canDial,
  onOpen,
}: {
  view: { filter: CallLogFilter; search: string };
  searchText: string;
  onSearchText: (text: string) => void;
  onFilter: (filter: CallLogFilter) => void;
  canDial: boolean;
  onOpen: (entry: CallLogEntry) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const log = useCallLog(api, view);
  const { dial, pending, error } = useDial();
  const [dialog, setDialog] = useState<'export' | 'clear' | null>(null);
  const [actionFailed, setActionFailed] = useState(false);
  const filtered = view.filter !== 'all' || view.search !== '';

  const remove = async (entry: CallLogEntry) => {
    const result = await api.deleteCallLogEntry({ id: entry.id });
    setActionFailed(!result.ok);
  };

  return (
    <section className="calllog" aria-label={t('callLog.label')}>
      <div className="calllog-toolbar">
        <label className="calllog-search">
          <SearchIcon size={16} className="calllog-search-icon" />
          <input
            type="search"
            value={searchText}
            placeholder={t('callLog.search')}
            aria-label={t('callLog.search')}
            data-testid="call-log-search"
            onChange={(event) => onSearchText(event.target.value)}
          />
        </label>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('callLog.exportButton')}
          title={t('callLog.exportButton')}
          data-testid="call-log-export"
          onClick={() => setDialog('export')}
        >
          <DownloadIcon size={18} />
        </button>
        <button
          type="button"
          className="icon-btn calllog-clear"
          aria-label={t('callLog.clear')}
          title={t('callLog.clear')}
          disabled={log.entries.length === 0 && !filtered}
          onClick={() => setDialog('clear')}
        >
          <TrashIcon size={18} />
        </button>
      </div>
      <div className="calllog-filters">
        <Segmented
          label={t('callLog.filter.label')}
          value={view.filter}
          options={FILTERS.map((value) => ({ value, label: t(`callLog.filter.${value}`) }))}
          onChange={onFilter}
        />
      </div>

      {(error || actionFailed) && (
        <div className="notice notice-error calllog-notice" role="alert">
          <AlertIcon size={18} className="notice-icon" />
          <div>
            <div className="notice-title">{error ? t(error.key) : t('callLog.actionFailed')}</div>
            {error?.detail && <div className="notice-detail">{error.detail}</div>}
          </div>
        </div>
      )}

      {log.entries.length === 0 ? (
        <div className="calllog-empty">
          {log.loading ? (
            <div className="muted">{t('callLog.loading')}</div>
          ) : log.failed ? (
            <div className="muted">{t('callLog.loadFailed')}</div>
          ) : (
            <>
              <span className="empty-icon" aria-hidden="true">
                {filtered ? <SearchIcon size={28} /> : <ClockIcon size={28} />}
              </span>
              <div className="empty-title">{filtered ? t('callLog.noMatches') : t('callLog.empty')}</div>
              <div className="muted">{filtered ? t('callLog.noMatchesHint') : t('callLog.emptyHint')}</div>
            </>
          )}
        </div>
      ) : (
        <DayGroupedCalls
          testId="call-log-list"
          entries={log.entries}
          hasMore={log.hasMore}
          loading={log.loading}
          onMore={log.loadMore}
          canDial={canDial && !pending}
          onCall={(entry) => void dial(entry.remoteNumber)}
          onOpen={onOpen}
          onDelete={(entry) => void remove(entry)}
        />
      )}

      {dialog === 'export' && (
        <Suspense fallback={null}>
          <ExportDialog view={view} onClose={() => setDialog(null)} />
        </Suspense>
      )}
      {dialog === 'clear' && (
        <ConfirmClear
          onCancel={() => setDialog(null)}
          onConfirm={async () => {
            const result = await api.clearCallLog({});
            setActionFailed(!result.ok);
            setDialog(null);
          }}
        />
      )}
    </section>
  );
}
