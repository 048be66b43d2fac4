/**
 * About › Diagnostics: "Export diagnostics…" writes one zip (logs, settings without secrets,
 * versions, OS) where the user picks, and says where it went or why it could not be saved.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon } from '../components/icons.tsx';
import { useApi } from '../state/api-context.ts';

type ExportState =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'saved'; path: string } | { kind: 'failed'; detail: string };

export function DiagnosticsPanel() {
  const { t } = useTranslation();
  const api = useApi();
  const [state, setState] = useState<ExportState>({ kind: 'idle' });

  const exportNow = async () => {
    setState({ kind: 'busy' });
    const result = await api.exportDiagnostics({});
    if (!result.ok) setState({ kind: 'failed', detail: result.error.message });
    else if (result.value.outcome === 'saved') setState({ kind: 'saved', path: result.value.path });
    else if (result.value.outcome === 'failed') setState({ kind: 'failed', detail: result.value.detail });
    else setState({ kind: 'idle' });
  };

  return (
    <section className="diagnostics-panel" aria-labelledby="diagnostics-title" data-testid="diagnostics">
      <h3 id="diagnostics-title" className="diagnostics-title">
        {t('desktop.diagnostics.title')}
      </h3>
      <p className="muted diagnostics-hint">{t('desktop.diagnostics.hint')}</p>
      {state.kind === 'saved' && (
        <div className="notice notice-success" role="status" data-testid="diagnostics-saved">
          {t('desktop.diagnostics.saved', { path: state.path })}
        </div>
      )}
      {state.kind === 'failed' && (
        <div className="notice notice-error" role="alert" data-testid="diagnostics-failed">
          <AlertIcon size={18} className="notice-icon" />
          <div>
            <div className="notice-title">{t('desktop.diagnostics.failed')}</div>
            <div className="notice-detail">{state.detail}</div>
          </div>
        </div>
      )}
      <div className="update-actions">
        <button
          type="button"
          className="btn btn-secondary"
          data-testid="export-diagnostics"
          disabled={state.kind === 'busy'}
          onClick={() => void exportNow()}
        >
          {state.kind === 'busy' && <span className="spinner spinner-dark" aria-hidden="true" />}
          {t(state.kind === 'busy' ? 'desktop.diagnostics.exporting' : 'desktop.diagnostics.export')}
        </button>
      </div>
    </section>
  );
}
