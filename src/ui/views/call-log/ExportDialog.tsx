/** Export the shown list to CSV or Excel. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallLogView as View, ExportFormat } from '../../../shared/domain.ts';
import { AlertIcon } from '../../components/icons.tsx';
import { Segmented } from '../../components/Segmented.tsx';
import { useApi } from '../../state/api-context.ts';
import { Modal } from '../../components/Modal.tsx';

type ExportState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'saved'; path: string; rows: number }
  | { kind: 'failed'; detail: string };

export function ExportDialog({ view, onClose }: { view: View; onClose: () => void }) {
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
