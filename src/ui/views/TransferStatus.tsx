/**
 * Where a transfer of the call on screen stands: "Transferring to 8002…", why it failed,
 * or, on a consultation call, "Complete transfer" and "Cancel" back to the held caller.
 */
import { useTranslation } from 'react-i18next';
import type { CallSnapshot } from '../../shared/domain.ts';
import { attendedTransferPair } from '../../shared/multi-call.ts';
import { useCallAction } from '../state/use-call-action.ts';

export function TransferStatus({ call, calls }: { call: CallSnapshot; calls: CallSnapshot[] }) {
  const { t } = useTranslation();
  const transfer = call.transfer;
  if (call.consultFor && call.phase !== 'ended') return <Consultation call={call} calls={calls} />;
  if (!transfer) return null;
  const target = transfer.target;
  if (transfer.status === 'failed') {
    return (
      <div className="transfer-status transfer-failed" data-testid="transfer-status" data-status="failed" role="alert">
        {t('transfer.failed', { target })}
        {transfer.reason && <span className="transfer-reason">{transfer.reason}</span>}
      </div>
    );
  }
  return (
    <div className="transfer-status" data-testid="transfer-status" data-status={transfer.status} role="status">
      {transfer.status === 'trying' && <span className="spinner" aria-hidden="true" />}
      {transfer.status === 'trying' ? t('transfer.trying', { target }) : t('transfer.done', { target })}
    </div>
  );
}

function Consultation({ call, calls }: { call: CallSnapshot; calls: CallSnapshot[] }) {
  const { t } = useTranslation();
  const { run, pending, error } = useCallAction(call.id);
  const held = calls.find((candidate) => candidate.id === call.consultFor);
  const heldName = held?.remoteName?.trim() || held?.remoteNumber || t('call.unknownCaller');
  const target = call.remoteName?.trim() || call.remoteNumber;
  const canComplete = attendedTransferPair(calls, call.id) !== null;
  const trying = held?.transfer?.status === 'trying';
  return (
    <div className="consultation" data-testid="consultation">
      <div className="consultation-text">
        {trying ? t('transfer.trying', { target }) : t('transfer.consulting', { target, name: heldName })}
      </div>
      {held?.transfer?.status === 'failed' && (
        <div
          className="transfer-status transfer-failed"
          data-testid="transfer-status"
          data-status="failed"
          role="alert"
        >
          {t('transfer.failed', { target })}
          {held.transfer.reason && <span className="transfer-reason">{held.transfer.reason}</span>}
        </div>
      )}
      {error && (
        <div className="call-action-error" role="alert">
          {error}
        </div>
      )}
      <div className="consultation-actions">
        <button
          type="button"
          className="btn btn-secondary consultation-cancel"
          data-testid="cancel-consult"
          disabled={pending !== null || trying}
          aria-label={t('transfer.cancelConsult', { name: heldName })}
          onClick={() => void run('cancelConsult')}
        >
          {t('transfer.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="complete-transfer"
          disabled={!canComplete || pending !== null || trying}
          onClick={() => void run('completeTransfer')}
        >
          {t('transfer.complete')}
        </button>
      </div>
    </div>
  );
}
