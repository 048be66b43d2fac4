/**
 * About Switchboard: version, build and licences, and the update flow — "Check for
 * updates" → "You're on the latest version" or "Version X is available" → "Update now"
 * (download progress, sha512 verified) → "Restart now", or "Later"; and "Export diagnostics".
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemoryUsage, UpdateStatus } from '../../shared/update.ts';
import { Modal } from '../components/Modal.tsx';
import { megabytes, percent } from '../format/locale-format.ts';
import { DiagnosticsPanel } from './DiagnosticsPanel.tsx';
import { useApi } from '../state/api-context.ts';
import { useAboutInfo, useUpdateStatus } from '../state/use-update-status.ts';

export function AboutDialog({ inCall, onClose }: { inCall: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const about = useAboutInfo(api);
  const status = useUpdateStatus(api);

  return (
    <Modal labelId="about-title" onClose={onClose} testId="about-dialog">
      <h2 id="about-title" className="modal-title">
        {t('desktop.about.title')}
      </h2>
      <dl className="facts about-facts">
        <div>
          <dt>{t('app.name')}</dt>
          <dd data-testid="about-version">{about ? t('desktop.about.version', { version: about.version }) : '…'}</dd>
        </div>
        <div>
          <dt>{t('desktop.about.build')}</dt>
          <dd className="mono about-build">{about?.build ?? '…'}</dd>
        </div>
        <MemoryLine />
      </dl>
      <UpdatePanel status={status} inCall={inCall} onLater={onClose} />
      <details className="about-licences">
        <summary>{t('desktop.about.licences')}</summary>
        <ul>
          {about?.licences.map((entry) => (
            <li key={entry.name}>
              <span>{entry.name}</span>
              <span className="muted">{entry.licence}</span>
            </li>
          ))}
        </ul>
      </details>
      <DiagnosticsPanel />
      <div className="modal-actions">
        <button type="button" className="btn btn-secondary" onClick={onClose} data-testid="about-close">
          {t('desktop.about.close')}
        </button>
      </div>
    </Modal>
  );
}

/** What all of the app's processes use now (read once when About opens), for users and support to compare. */
function MemoryLine() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [usage, setUsage] = useState<MemoryUsage | null>(null);
  useEffect(() => {
    let live = true;
    void api.getMemoryUsage({}).then((result) => {
      if (live && result.ok) setUsage(result.value);
    });
    return () => {
      live = false;
    };
  }, [api]);
  let text = '…';
  if (usage?.totalBytes === null) text = t('desktop.about.memoryUnknown');
  else if (usage)
    text = t('desktop.about.memoryUsed', {
      size: megabytes(usage.totalBytes, i18n.language),
      processes: usage.processes,
    });
  return (
    <div>
      <dt>{t('desktop.about.memory')}</dt>
      <dd data-testid="about-memory">{text}</dd>
    </div>
  );
}

function UpdatePanel({ status, inCall, onLater }: { status: UpdateStatus; inCall: boolean; onLater: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [refusal, setRefusal] = useState<string | null>(null);
  const act = async (action: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    setRefusal(null);
    const result = await action();
    if (!result.ok) setRefusal(result.error?.message ?? '');
  };
  const check = () => void act(() => api.checkForUpdates({}));

  let body;
  switch (status.phase) {
    case 'idle':
    case 'latest':
      body = (
        <>
          {status.phase === 'latest' && (
            <p className="update-line">{t('desktop.update.latest', { version: status.version })}</p>
          )}
          <div className="update-actions">
            <button type="button" className="btn btn-primary" data-testid="check-updates" onClick={check}>
              {t('desktop.update.check')}
            </button>
          </div>
        </>
      );
      break;
    case 'checking':
      body = (
        <p className="update-line" role="status">
          <span className="spinner spinner-dark" aria-hidden="true" /> {t('desktop.update.checking')}
        </p>
      );
      break;
    case 'available':
      body = (
        <>
          <p className="update-line update-news">{t('desktop.update.available', { version: status.version })}</p>
          <div className="update-actions">
            <button type="button" className="btn btn-secondary" data-testid="update-later" onClick={onLater}>
              {t('desktop.update.later')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="update-now"
              onClick={() => void act(() => api.downloadUpdate({}))}
            >
              {t('desktop.update.updateNow')}
            </button>
          </div>
        </>
      );
      break;
    case 'downloading':
      body = (
        <>
          <p className="update-line" id="update-downloading">
            {t('desktop.update.downloading', {
              version: status.version,
              percent: percent(status.percent, i18n.language),
            })}
          </p>
          <div
            className="progress"
            role="progressbar"
            aria-labelledby="update-downloading"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={status.percent}
            data-testid="update-progress"
          >
            <div className="progress-bar" style={{ width: `${status.percent}%` }} />
          </div>
        </>
      );
      break;
    case 'ready':
      body = (
        <>
          <p className="update-line update-news">{t('desktop.update.ready', { version: status.version })}</p>
          {inCall && <p className="muted update-line">{t('desktop.update.duringCall')}</p>}
          <div className="update-actions">
            <button type="button" className="btn btn-secondary" onClick={onLater}>
              {t('desktop.update.later')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="restart-now"
              disabled={inCall}
              onClick={() => void act(() => api.installUpdate({}))}
            >
              {t('desktop.update.restartNow')}
            </button>
          </div>
        </>
      );
      break;
    case 'failed':
      body = (
        <>
          <div className="notice notice-error" role="alert" data-testid="update-failed">
            <div>
              <div className="notice-title">{t('desktop.update.failedTitle')}</div>
              <div>{t(`desktop.update.failure.${status.reason}`)}</div>
              {status.detail && <div className="notice-detail">{status.detail}</div>}
            </div>
          </div>
          <div className="update-actions">
            <button type="button" className="btn btn-secondary" data-testid="check-updates" onClick={check}>
              {t('desktop.update.tryAgain')}
            </button>
          </div>
        </>
      );
      break;
  }

  return (
    <section className="update-panel" data-testid="update-status" data-phase={status.phase} aria-live="polite">
      {body}
      {refusal !== null && (
        <div className="notice notice-error" role="alert">
          {refusal}
        </div>
      )}
    </section>
  );
}
