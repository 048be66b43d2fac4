/** One call in the history: who, what happened, when, and its call-back / details / delete buttons. */
import { type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallLogEntry, CallWrapUp } from '../../../shared/domain.ts';
import { IncomingIcon, InfoIcon, MissedIcon, OutgoingIcon, PhoneIcon, TrashIcon } from '../../components/icons.tsx';
import { decimal, percent, talkDuration } from '../../format/locale-format.ts';
import { isMissed, outcomeLabel } from './format.ts';

function DirectionIcon({ entry }: { entry: CallLogEntry }) {
  if (isMissed(entry)) return <MissedIcon size={18} />;
  return entry.direction === 'incoming' ? <IncomingIcon size={18} /> : <OutgoingIcon size={18} />;
}

export function HistoryRow({
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
  const { t, i18n } = useTranslation();
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
      data-transfer={entry.transferKind}
      data-min-mos={entry.quality?.minMos}
      data-avg-mos={entry.quality?.avgMos}
      data-wrap-up={entry.wrapUp?.code}
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
          {entry.waiting && <span className="calllog-held">· {t('twoCalls.waitingTitle')}</span>}
          {entry.transferTarget && (
            <span className="calllog-held" data-testid="call-log-transfer">
              ·{' '}
              {t(entry.transferKind === 'attended' ? 'transfer.logAttended' : 'transfer.logBlind', {
                target: entry.transferTarget,
              })}
            </span>
          )}
          {entry.quality && (
            <span
              className="calllog-held"
              data-testid="call-log-quality"
              title={t('quality.summary', {
                avg: decimal(entry.quality.avgMos, i18n.language),
                min: decimal(entry.quality.minMos, i18n.language),
                loss: percent(entry.quality.lossPercent, i18n.language),
              })}
            >
              · {t('quality.mos', { mos: decimal(entry.quality.avgMos, i18n.language) })}
            </span>
          )}
        </div>
        {entry.wrapUp && <WrapUpText wrapUp={entry.wrapUp} />}
      </div>
      <div className="calllog-meta">
        <time className="calllog-time" dateTime={new Date(entry.startedAt).toISOString()}>
          {time}
        </time>
        {answered && <span className="calllog-duration">{talkDuration(entry.durationSec, i18n.language)}</span>}
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

/** The wrap-up picked after the call (服务小结), its note, or that a required one is missing. */
function WrapUpText({ wrapUp }: { wrapUp: CallWrapUp }) {
  const { t } = useTranslation();
  const what =
    wrapUp.label !== undefined
      ? t('callLog.wrapUp', { label: wrapUp.label })
      : wrapUp.missing
        ? t('callLog.wrapUpMissing')
        : null;
  return (
    <div
      className={`calllog-wrap-up${wrapUp.missing ? ' calllog-wrap-up-missing' : ''}`}
      data-testid="call-log-wrap-up"
      title={wrapUp.note}
    >
      {what}
      {wrapUp.note !== undefined && (
        <span className="calllog-wrap-up-note" data-testid="call-log-wrap-up-note">
          {what !== null && ' · '}
          {wrapUp.note}
        </span>
      )}
    </div>
  );
}

/** Loads the next page when it scrolls into view; also a button for keyboards and screen readers. */
