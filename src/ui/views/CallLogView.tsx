/** Call history, newest first, with a call-back button per row and "Load more" paging. */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CallLogEntry } from '../../shared/domain.ts';
import { describeCallTime, splitDuration } from '../format/call-time.ts';
import { AlertIcon, ClockIcon, IncomingIcon, MissedIcon, OutgoingIcon, PhoneIcon } from '../components/icons.tsx';
import { useApi } from '../state/api-context.ts';
import { useCallLog } from '../state/use-call-log.ts';
import { useDial } from '../state/use-dial.ts';

/** Calls that never connected an incoming caller to us are "missed" in the red sense. */
const isMissed = (entry: CallLogEntry) => entry.direction === 'incoming' && entry.outcome === 'missed';

function outcomeLabel(t: TFunction, entry: CallLogEntry): string {
  if (entry.outcome === 'answered') return t(`callLog.outcome.answered-${entry.direction}`);
  return t(`callLog.outcome.${entry.outcome ?? 'unknown'}`);
}

function whenLabel(t: TFunction, startedAt: number, now: number): string {
  const label = describeCallTime(startedAt, now);
  if (label.kind === 'date') return label.text;
  return t(label.kind === 'today' ? 'time.today' : 'time.yesterday', { time: label.time });
}

function durationLabel(t: TFunction, seconds: number): string {
  const { h, m, s } = splitDuration(seconds);
  if (h > 0) return t('duration.hours', { h, m });
  if (m > 0) return t('duration.minutes', { m, s });
  return t('duration.seconds', { s });
}

function DirectionIcon({ entry }: { entry: CallLogEntry }) {
  if (isMissed(entry)) return <MissedIcon size={18} />;
  return entry.direction === 'incoming' ? <IncomingIcon size={18} /> : <OutgoingIcon size={18} />;
}

export function CallLogView({ canDial }: { canDial: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const log = useCallLog(api);
  const { dial, pending, error } = useDial();
  const now = Date.now();

  if (log.entries.length === 0) {
    return (
      <section className="calllog calllog-empty" aria-label={t('callLog.label')}>
        {log.loading ? (
          <div className="muted">{t('callLog.loading')}</div>
        ) : log.failed ? (
          <div className="muted">{t('callLog.loadFailed')}</div>
        ) : (
          <>
            <span className="empty-icon" aria-hidden="true">
              <ClockIcon size={28} />
            </span>
            <div className="empty-title">{t('callLog.empty')}</div>
            <div className="muted">{t('callLog.emptyHint')}</div>
          </>
        )}
      </section>
    );
  }

  return (
    <section className="calllog" aria-label={t('callLog.label')}>
      {error && (
        <div className="notice notice-error calllog-notice" role="alert">
          <AlertIcon size={18} className="notice-icon" />
          <div>
            <div className="notice-title">{t(error.key)}</div>
            {error.detail && <div className="notice-detail">{error.detail}</div>}
          </div>
        </div>
      )}
      <ul className="calllog-list" data-testid="call-log-list">
        {log.entries.map((entry) => {
          const name = entry.remoteName?.trim();
          const missed = isMissed(entry);
          const answered = entry.outcome === 'answered' || entry.durationSec > 0;
          return (
            <li
              key={entry.id}
              className={`calllog-row${missed ? ' missed' : ''}`}
              data-testid="call-log-row"
              data-direction={entry.direction}
              data-outcome={entry.outcome ?? 'unknown'}
              data-held={entry.held ? 'true' : undefined}
            >
              <span className={`calllog-icon${missed ? ' missed' : ''}`} aria-hidden="true">
                <DirectionIcon entry={entry} />
              </span>
              <div className="calllog-main">
                <div className="calllog-name">{name || entry.remoteNumber}</div>
                <div className="calllog-sub">
                  {name && <span className="calllog-number">{entry.remoteNumber}</span>}
                  <span className="calllog-outcome">{outcomeLabel(t, entry)}</span>
                  {entry.held && <span className="calllog-held">· {t('callLog.held')}</span>}
                </div>
              </div>
              <div className="calllog-meta">
                <time className="calllog-time" dateTime={new Date(entry.startedAt).toISOString()}>
                  {whenLabel(t, entry.startedAt, now)}
                </time>
                {answered && <span className="calllog-duration">{durationLabel(t, entry.durationSec)}</span>}
              </div>
              <button
                type="button"
                className="icon-btn calllog-callback"
                aria-label={t('callLog.callBack', { name: name || entry.remoteNumber })}
                disabled={!canDial || pending}
                onClick={() => void dial(entry.remoteNumber)}
              >
                <PhoneIcon size={18} />
              </button>
            </li>
          );
        })}
      </ul>
      {log.hasMore && (
        <button
          type="button"
          className="btn btn-ghost btn-block calllog-more"
          disabled={log.loading}
          onClick={log.loadMore}
        >
          {log.loading ? t('callLog.loading') : t('callLog.loadMore')}
        </button>
      )}
    </section>
  );
}
