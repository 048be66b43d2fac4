/** Every call in and out with one number, with Call and Edit number. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon, BackIcon, DownloadIcon, EditIcon, PhoneIcon } from '../../components/icons.tsx';
import { useApi } from '../../state/api-context.ts';
import { useCallLog } from '../../state/use-call-log.ts';
import { useDial } from '../../state/use-dial.ts';
import { ExportDialog } from './ExportDialog.tsx';
import { DayGroupedCalls } from './DayGroupedCalls.tsx';

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
  const { t } = useTranslation();
  const api = useApi();
  const log = useCallLog(api, { number });
  const { dial, pending, error } = useDial();
  const [exporting, setExporting] = useState(false);
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
      <DayGroupedCalls
        testId="detail-list"
        entries={log.entries}
        hasMore={log.hasMore}
        loading={log.loading}
        onMore={log.loadMore}
        canDial={canDial && !pending}
        onCall={(entry) => void dial(entry.remoteNumber)}
        onDelete={(entry) => void api.deleteCallLogEntry({ id: entry.id })}
      />
      {exporting && <ExportDialog view={{ number }} onClose={() => setExporting(false)} />}
    </section>
  );
}
