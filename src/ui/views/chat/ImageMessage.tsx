/**
 * An image in a chat (上传图片): loaded through main (getChatImage answers a data: URL; the device
 * token never reaches the page), shown as a thumbnail that opens the full-size view.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal.tsx';
import { useApi } from '../../state/api-context.ts';

/** Images already fetched, by id (an image never changes): a redraw or reopening the chat does not fetch again. */
const loaded = new Map<string, string>();
const KEEP = 60;

function remember(imageId: string, dataUrl: string): void {
  loaded.set(imageId, dataUrl);
  // The oldest go first: a long day of chats must not keep every picture in memory.
  for (const old of loaded.keys()) {
    if (loaded.size <= KEEP) break;
    loaded.delete(old);
  }
}

/**
 * A picture that arrives after the list scrolled to its end makes it taller: the list stays at the end
 * when the reader was there (within the picture's height), as it does for new lines.
 */
function keepAtBottom(image: HTMLImageElement): void {
  const list = image.closest('.chat-messages');
  if (!list) return;
  const fromEnd = list.scrollHeight - list.scrollTop - list.clientHeight;
  if (fromEnd < image.offsetHeight + 80) list.scrollTop = list.scrollHeight;
}

export function ImageMessage({ chatId, imageId, alt }: { chatId: string; imageId: string; alt: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [url, setUrl] = useState<string | 'failed' | null>(() => loaded.get(imageId) ?? null);
  const [full, setFull] = useState(false);
  useEffect(() => {
    if (loaded.has(imageId)) return;
    let live = true;
    void api.getChatImage({ id: chatId, imageId }).then((result) => {
      if (result.ok) remember(imageId, result.value.dataUrl);
      if (live) setUrl(result.ok ? result.value.dataUrl : 'failed');
    });
    return () => {
      live = false;
    };
  }, [api, chatId, imageId]);
  if (url === null) {
    return (
      <span className="chat-bubble chat-image-bubble chat-image-loading" data-testid="chat-image-loading">
        {t('chat.image.loading')}
      </span>
    );
  }
  if (url === 'failed') {
    return <span className="chat-bubble chat-image-bubble">{t('chat.image.unavailable')}</span>;
  }
  return (
    <>
      <button
        type="button"
        className="chat-bubble chat-image-bubble"
        data-testid="chat-image"
        title={t('chat.image.open')}
        aria-label={`${alt}. ${t('chat.image.open')}`}
        onClick={() => setFull(true)}
      >
        <img className="chat-image-thumb" src={url} alt={alt} onLoad={(event) => keepAtBottom(event.currentTarget)} />
      </button>
      {full && <ImageViewer url={url} alt={alt} onClose={() => setFull(false)} />}
    </>
  );
}

/** The full-size view: the picture as large as the window allows; Close or Escape goes back. */
export function ImageViewer({ url, alt, onClose }: { url: string; alt: string; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <Modal labelId={titleId} onClose={onClose} testId="chat-image-viewer">
      <h2 className="modal-title" id={titleId}>
        {alt}
      </h2>
      <div className="chat-image-full-frame">
        <img className="chat-image-full" src={url} alt={alt} data-testid="chat-image-full" />
      </div>
      <div className="modal-actions">
        <button type="button" className="btn btn-secondary" ref={close} onClick={onClose}>
          {t('chat.image.close')}
        </button>
      </div>
    </Modal>
  );
}
