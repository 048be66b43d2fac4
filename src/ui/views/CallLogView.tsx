/**
 * Call history: filter (all, missed, incoming, outgoing), search by name or number, grouped by
 * day, newest first, with infinite scroll. A row calls back on one click of its phone button or
 * Enter; its details button opens that number's history, where the number can also go to the
 * dial pad for editing. Delete one call, clear everything (confirmed), export what is shown.
 * All of it is main's work through verbs; this file only renders and asks.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CallLogEntry, CallLogFilter, CallLogView as View, ExportFormat } from '../../shared/domain.ts';
import { splitDuration } from '../format/call-time.ts';
import {
  AlertIcon,
  BackIcon,
  ClockIcon,
  DownloadIcon,
  EditIcon,
  IncomingIcon,
  InfoIcon,
  MissedIcon,
  OutgoingIcon,
  PhoneIcon,
  SearchIcon,
  TrashIcon,
} from '../components/icons.tsx';
import { Segmented } from '../components/Segmented.tsx';
import { useApi } from '../state/api-context.ts';
import { useCallLog } from '../state/use-call-log.ts';
import { useDial } from '../state/use-dial.ts';

/** Calls that never connected an incoming caller to us are "missed" in the red sense. */
const isMissed = (entry: CallLogEntry) => entry.direction === 'incoming' && entry.outcome === 'missed';
const FILTERS: readonly CallLogFilter[] = ['all', 'missed', 'incoming', 'outgoing'];
const SEARCH_DELAY_MS = 200;

function outcomeLabel(t: TFunction, entry: CallLogEntry): string {
  if (entry.outcome === 'answered') return t(`callLog.outcome.answered-${entry.direction}`);
  return t(`callLog.outcome.${entry.outcome ?? 'unknown'}`);
}

function durationLabel(t: TFunction, seconds: number): string {
  const { h, m, s } = splitDuration(seconds);
  if (h > 0) return t('duration.hours', { h, m });
  if (m > 0) return t('duration.minutes', { m, s });
  return t('duration.seconds', { s });
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (at: number) => {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const dayStart = (at: number) => {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
};

/** "Today", "Yesterday", or the date in the UI's language, for a day's group header. */
function dayLabel(t: TFunction, language: string, day: number, now: number): string {
  const days = Math.round((dayStart(now) - day) / 86_400_000);
  if (days === 0) return t('callLog.today');
  if (days === 1) return t('callLog.yesterday');
  const sameYear = new Date(day).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(language, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(day);
}

function groupByDay(entries: CallLogEntry[]): Array<{ day: number; entries: CallLogEntry[] }> {
  const groups: Array<{ day: number; entries: CallLogEntry[] }> = [];
  for (const entry of entries) {
    const day = dayStart(entry.startedAt);
    const last = groups.at(-1);
    if (last?.day === day) last.entries.push(entry);
    else groups.push({ day, entries: [entry] });
  }
  return groups;
}

function DirectionIcon({ entry }: { entry: CallLogEntry }) {
  if (isMissed(entry)) return <MissedIcon size={18} />;
  return entry.direction === 'incoming' ? <IncomingIcon size={18} /> : <OutgoingIcon size={18} />;
}

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
  const { t, i18n } = useTranslation();
  const api = useApi();
  const log = useCallLog(api, view);
  const { dial, pending, error } = useDial();
  const [dialog, setDialog] = useState<'export' | 'clear' | null>(null);
  const [actionFailed, setActionFailed] = useState(false);
  const now = Date.now();
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
        <div data-testid="call-log-list">
          {groupByDay(log.entries).map((group) => (
            <section key={group.day} className="calllog-day" aria-label={dayLabel(t, i18n.language, group.day, now)}>
              <h3 className="calllog-day-title" data-testid="call-log-day">
                {dayLabel(t, i18n.language, group.day, now)}
              </h3>
              <ul className="calllog-list">
                {group.entries.map((entry) => (
                  <HistoryRow
                    key={entry.id}
                    entry={entry}
                    time={clock(entry.startedAt)}
                    canDial={canDial && !pending}
                    onCall={() => void dial(entry.remoteNumber)}
                    onOpen={() => onOpen(entry)}
                    onDelete={() => void remove(entry)}
                  />
                ))}
              </ul>
            </section>
          ))}
          {log.hasMore && <MoreSentinel loading={log.loading} onMore={log.loadMore} />}
        </div>
      )}

      {dialog === 'export' && <ExportDialog view={view} onClose={() => setDialog(null)} />}
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

function HistoryRow({
  entry,
  time,
  canDial,
  onCall,
  onOpen,
  onDelete,
}: {
  entry: CallLogEntry;
  time: string;
  canDial: boolean;
  onCall: () => void;
  onOpen?: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const name = entry.remoteName?.trim();
  const who = name || entry.remoteNumber;
  const missed = isMissed(entry);
  const answered = entry.outcome === 'answered' || entry.durationSec > 0;
  // Enter on a focused row calls back; Delete removes it. Keys on the row's own buttons are theirs.
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' && canDial) {
      event.preventDefault();
      onCall();
    } else if (event.key === 'Delete') {
      event.preventDefault();
      onDelete();
    }
  };
  return (
    <li
      className={`calllog-row${missed ? ' missed' : ''}`}
      tabIndex={0}
      aria-label={`${who}, ${outcomeLabel(t, entry)}, ${time}`}
      data-testid="call-log-row"
      data-number={entry.remoteNumber}
      data-direction={entry.direction}
      data-outcome={entry.outcome ?? 'unknown'}
      data-held={entry.held ? 'true' : undefined}
      onKeyDown={onKeyDown}
    >
      <span className={`calllog-icon${missed ? ' missed' : ''}`} aria-hidden="true">
        <DirectionIcon entry={entry} />
      </span>
      <div className="calllog-main">
        <div className="calllog-name">{who}</div>
        <div className="calllog-sub">
          {name && <span className="calllog-number">{entry.remoteNumber}</span>}
          <span className="calllog-outcome">{outcomeLabel(t, entry)}</span>
          {entry.held && <span className="calllog-held">· {t('callLog.held')}</span>}
        </div>
      </div>
      <div className="calllog-meta">
        <time className="calllog-time" dateTime={new Date(entry.startedAt).toISOString()}>
          {time}
        </time>
        {answered && <span className="calllog-duration">{durationLabel(t, entry.durationSec)}</span>}
      </div>
      <button
        type="button"
        className="icon-btn calllog-callback"
        aria-label={t('callLog.callBack', { name: who })}
        disabled={!canDial}
        onClick={onCall}
      >
        <PhoneIcon size={18} />
      </button>
      {onOpen ? (
        <button
          type="button"
          className="icon-btn calllog-details"
          aria-label={t('callLog.details', { name: who })}
          onClick={onOpen}
        >
          <InfoIcon size={18} />
        </button>
      ) : (
        <button
          type="button"
          className="icon-btn calllog-delete"
          aria-label={t('callLog.delete')}
          data-testid="call-log-delete"
          onClick={onDelete}
        >
          <TrashIcon size={16} />
        </button>
      )}
    </li>
  );
}

/** Loads the next page when it scrolls into view; also a button for keyboards and screen readers. */
function MoreSentinel({ loading, onMore }: { loading: boolean; onMore: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLButtonElement>(null);
  const more = useRef(onMore);
  more.current = onMore;
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver((items) => {
      if (items.some((item) => item.isIntersecting)) more.current();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <button
      ref={ref}
      type="button"
      className="btn btn-ghost btn-block calllog-more"
      disabled={loading}
      onClick={onMore}
    >
      {loading ? t('callLog.loading') : t('callLog.loadMore')}
    </button>
  );
}

function NumberHistory({
  number,
  name,
  canDial,
  onBack,
  onEditNumber,
}: {
  number: string;
  name: string | undefined;
  canDial: boolean;
  onBack: () => void;
  onEditNumber: (number: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const log = useCallLog(api, { number });
  const { dial, pending, error } = useDial();
  const [exporting, setExporting] = useState(false);
  const now = Date.now();
  // Outgoing calls often carry no name: take the one any call with this number had.
  const who = name || log.entries.find((entry) => entry.remoteName?.trim())?.remoteName?.trim() || number;
  const named = who !== number;

  return (
    <section className="calllog calllog-detail" aria-label={t('callLog.details', { name: who })}>
      <div className="detail-header">
        <button type="button" className="icon-btn" aria-label={t('callLog.back')} onClick={onBack} autoFocus>
          <BackIcon size={20} />
        </button>
        <div className="detail-who">
          <div className="detail-name" data-testid="detail-name">
            {who}
          </div>
          {named && <div className="detail-number">{number}</div>}
        </div>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('callLog.exportButton')}
          title={t('callLog.exportButton')}
          onClick={() => setExporting(true)}
        >
          <DownloadIcon size={18} />
        </button>
      </div>
      <div className="detail-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!canDial || pending}
          onClick={() => void dial(number)}
        >
          <PhoneIcon size={18} />
          {t('callLog.call')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => onEditNumber(number)}
          title={t('callLog.editNumber', { name: who })}
        >
          <EditIcon size={18} />
          {t('callLog.edit')}
        </button>
      </div>
      {error && (
        <div className="notice notice-error calllog-notice" role="alert">
          <AlertIcon size={18} className="notice-icon" />
          <div>
            <div className="notice-title">{t(error.key)}</div>
            {error.detail && <div className="notice-detail">{error.detail}</div>}
          </div>
        </div>
      )}
      <div className="detail-count muted">
        {log.loading && log.entries.length === 0
          ? t('callLog.loading')
          : t('callLog.callCount', { count: log.entries.length })}
        {log.hasMore ? '+' : ''}
      </div>
      <div data-testid="detail-list">
        {groupByDay(log.entries).map((group) => (
          <section key={group.day} className="calllog-day" aria-label={dayLabel(t, i18n.language, group.day, now)}>
            <h3 className="calllog-day-title">{dayLabel(t, i18n.language, group.day, now)}</h3>
            <ul className="calllog-list">
              {group.entries.map((entry) => (
                <HistoryRow
                  key={entry.id}
                  entry={entry}
                  time={clock(entry.startedAt)}
                  canDial={canDial && !pending}
                  onCall={() => void dial(entry.remoteNumber)}
                  onDelete={() => void api.deleteCallLogEntry({ id: entry.id })}
                />
              ))}
            </ul>
          </section>
        ))}
        {log.hasMore && <MoreSentinel loading={log.loading} onMore={log.loadMore} />}
      </div>
      {exporting && <ExportDialog view={{ number }} onClose={() => setExporting(false)} />}
    </section>
  );
}

type ExportState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'saved'; path: string; rows: number }
  | { kind: 'failed'; detail: string };

function ExportDialog({ view, onClose }: { view: View; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const filterName = t(`callLog.filter.${view.filter ?? 'all'}`);
  const scope = view.number ?? filterName;

  const submit = async () => {
    setState({ kind: 'busy' });
    const query: View = {};
    if (view.filter && view.filter !== 'all') query.filter = view.filter;
    if (view.search) query.search = view.search;
    if (view.number !== undefined) query.number = view.number;
    const result = await api.exportCallLog({
      view: query,
      format,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    if (!result.ok) setState({ kind: 'failed', detail: result.error.message });
    else if (result.value.saved) setState({ kind: 'saved', path: result.value.path, rows: result.value.rows });
    else onClose();
  };

  return (
    <Modal labelId="export-title" onClose={onClose} testId="export-dialog">
      <h2 id="export-title" className="modal-title">
        {t('callLog.exportDialog.title')}
      </h2>
      <p className="muted">
        {t('callLog.exportDialog.hint', {
          filter: scope,
          search: view.search ? t('callLog.exportDialog.searchPart', { search: view.search }) : '',
        })}
      </p>
      <Segmented
        label={t('callLog.exportDialog.format')}
        value={format}
        options={[
          { value: 'xlsx', label: t('callLog.exportDialog.xlsx') },
          { value: 'csv', label: t('callLog.exportDialog.csv') },
        ]}
        onChange={setFormat}
      />
      {state.kind === 'saved' && (
        <div className="notice notice-success" role="status" data-testid="export-saved">
          {t('callLog.exportDialog.saved', { count: state.rows, path: state.path })}
        </div>
      )}
      {state.kind === 'failed' && (
        <div className="notice notice-error" role="alert">
          <AlertIcon size={18} className="notice-icon" />
          <div>
            <div className="notice-title">{t('callLog.exportDialog.failed')}</div>
            <div className="notice-detail">{state.detail}</div>
          </div>
        </div>
      )}
      <div className="modal-actions">
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {state.kind === 'saved' ? t('callLog.exportDialog.close') : t('callLog.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={state.kind === 'busy'}
          autoFocus
          onClick={() => void submit()}
        >
          {state.kind === 'busy' ? t('callLog.exportDialog.exporting') : t('callLog.exportDialog.submit')}
        </button>
      </div>
    </Modal>
  );
}

function ConfirmClear({ onCancel, onConfirm }: { onCancel: () => void; onConfirm: () => Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Modal labelId="clear-title" onClose={onCancel} role="alertdialog" testId="clear-dialog">
      <h2 id="clear-title" className="modal-title">
        {t('callLog.clearTitle')}
      </h2>
      <p className="muted">{t('callLog.clearBody')}</p>
      <div className="modal-actions">
        <button type="button" className="btn btn-secondary" onClick={onCancel} autoFocus>
          {t('callLog.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void onConfirm();
          }}
        >
          {t('callLog.clearConfirm')}
        </button>
      </div>
    </Modal>
  );
}

function Modal({
  labelId,
  onClose,
  role = 'dialog',
  testId,
  children,
}: {
  labelId: string;
  onClose: () => void;
  role?: 'dialog' | 'alertdialog';
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <div className="modal" role={role} aria-modal="true" aria-labelledby={labelId} data-testid={testId}>
        {children}
      </div>
    </div>
  );
}
