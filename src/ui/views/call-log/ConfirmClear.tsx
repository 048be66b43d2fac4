/** Asks before the whole history is cleared. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal.tsx';

export function ConfirmClear({ onCancel, onConfirm }: { onCancel: () => void; onConfirm: () => Promise<void> }) {
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
