/** Every call in and out with one number, with Call and Edit number. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon, BackIcon, DownloadIcon, EditIcon, PhoneIcon } from '../../components/icons.tsx';
import { useApi } from '../../state/api-context.ts';
import { useCallLog } from '../../state/use-call-log.ts';
import { useDial } from '../../state/use-dial.ts';
import { HistoryRow } from './HistoryRow.tsx';
import { ExportDialog } from './ExportDialog.tsx';
import { MoreSentinel } from './MoreSentinel.tsx';
import { clock, dayLabel, groupByDay } from './format.ts';

export function NumberHistory({
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
