/**
 * Sending an image (上传图片, as 832): from the picker, a paste or a drop, checked at once (PNG, JPEG,
 * GIF or WebP, at most 10 MB; the service sniffs the bytes and decides), then shown in a preview
 * with Send and Cancel. The bytes go to main as base64 (the IPC carries JSON); main sends them.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_IMAGE_MAX_BYTES, CHAT_IMAGE_TYPES } from '../../../shared/chat.ts';
import { Modal } from '../../components/Modal.tsx';
import { useApi } from '../../state/api-context.ts';

/** Why this file will not be sent, or null: the wrong kind, or too large (with its size in MB). */
export function imageRefusal(file: { type: string; size: number }): { wrongType: true } | { megabytes: string } | null {
  if (!(CHAT_IMAGE_TYPES as readonly string[]).includes(file.type) || file.size === 0) return { wrongType: true };
  if (file.size > CHAT_IMAGE_MAX_BYTES) return { megabytes: (file.size / (1024 * 1024)).toFixed(1) };
  return null;
}

/** The first file of a paste or a drop (an image preferred). */
export function fileOf(data: DataTransfer | null): File | null {
  const files = Array.from(data?.files ?? []);
  return files.find((file) => file.type.startsWith('image/')) ?? files[0] ?? null;
}

/** The file as a data: URL: what the preview shows (CSP img-src allows data:, not blob:) and what is sent. */
function dataUrlOf(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/**
 * The chat's image sending: `offer` takes a picked, pasted or dropped file; `attach` is the picker
 * button; `dialog` the preview (or null); `error` a refusal to show.
 */
export function useImageSend(chatId: string, disabled: boolean) {
  const { t } = useTranslation();
  const api = useApi();
  const [preview, setPreview] = useState<{ name: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const offer = (file: File | null) => {
    if (!file || disabled) return;
    const refusal = imageRefusal(file);
    if (refusal) {
      setError(
        'megabytes' in refusal ? t('chat.image.tooLarge', { megabytes: refusal.megabytes }) : t('chat.image.wrongType'),
      );
      return;
    }
    setError(null);
    dataUrlOf(file).then(
      (url) => setPreview({ name: file.name, url }),
      () => setError(t('chat.image.unavailable')),
    );
  };
  const close = () => setPreview(null);
  const send = async () => {
    if (!preview) return;
    close();
    const result = await api.sendChatImage({ id: chatId, base64: preview.url.replace(/^data:[^,]*,/, '') });
    if (!result.ok) setError(result.error.message);
  };

  const attach = (
    <>
      <button
        type="button"
        className="btn btn-ghost btn-small chat-attach"
        data-testid="chat-attach"
        title={t('chat.image.attach')}
        aria-label={t('chat.image.attach')}
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        <span aria-hidden="true">🖼</span>
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept={CHAT_IMAGE_TYPES.join(',')}
        data-testid="chat-image-input"
        onChange={(event) => {
          const file = event.target.files?.[0] ?? null;
          event.target.value = '';
          offer(file);
        }}
      />
    </>
  );
  const dialog = preview && (
    <ImageSendPreview url={preview.url} name={preview.name} onSend={() => void send()} onCancel={close} />
  );
  return { offer, attach, dialog, error, clearError: () => setError(null) };
}

function ImageSendPreview({
  url,
  name,
  onSend,
  onCancel,
}: {
  url: string;
  name: string;
  onSend: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const send = useRef<HTMLButtonElement>(null);
  useEffect(() => send.current?.focus(), []);
  return (
    <Modal labelId={titleId} onClose={onCancel} testId="chat-image-preview">
      <h2 className="modal-title" id={titleId}>
        {t('chat.image.previewTitle')}
      </h2>
      <div className="chat-image-full-frame">
        <img className="chat-image-preview" src={url} alt={name} />
      </div>
      <div className="modal-actions">
        <button type="button" className="btn btn-secondary" data-testid="chat-image-cancel" onClick={onCancel}>
          {t('chat.image.cancel')}
        </button>
        <button type="button" className="btn btn-primary" data-testid="chat-image-send" ref={send} onClick={onSend}>
          {t('chat.image.send')}
        </button>
      </div>
    </Modal>
  );
}
