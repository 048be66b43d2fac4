/**
 * One chat: who the visitor is, the transcript (theirs, mine, the system's lines; text only ever as
 * text), the composer, and the actions: Transfer (转接), End chat (结束会话, confirmed first, as 832),
 * and for an ended chat Hide (不显示).
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatItem, ChatMessage, PendingSend } from '../../../shared/chat.ts';
import { Modal } from '../../components/Modal.tsx';
import { clockTime } from '../../format/locale-format.ts';
import { useApi } from '../../state/api-context.ts';
import { Composer } from './Composer.tsx';
import { ReopenButton } from './ReopenButton.tsx';
import { ChatTransferDialog } from './ChatTransferDialog.tsx';
import { FontSizeButton } from './FontSizeButton.tsx';
import { ImageMessage } from './ImageMessage.tsx';
import { fileOf, useImageSend } from './ImageSend.tsx';
import { MessageText } from './MessageText.tsx';
import { SurveyCard, SurveySendButton } from './SurveyCard.tsx';
import { sendFailure, systemLine, visitorName } from './chat-words.ts';
import { useTranscript } from './use-transcript.ts';

export function ConversationView({
  item,
  onBack,
  onStarted,
}: {
  item: ChatItem;
  onBack: () => void;
  /** 重新会话 started a new chat: show it. */
  onStarted?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const transcript = useTranscript(item.id);
  const [dialog, setDialog] = useState<'end' | 'transfer' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = item.state === 'open';
  const name = visitorName(t, item);
  const images = useImageSend(item.id, !open);
  const [surveyError, setSurveyError] = useState<string | null>(null);
  const run = async (action: () => Promise<{ ok: boolean; error?: { message: string } }>, after?: () => void) => {
    const result = await action();
    if (result.ok) after?.();
    else setError(result.error?.message ?? null);
  };

  return (
    <div
      className="chat-conversation"
      data-testid="chat-conversation"
      data-id={item.id}
      data-state={item.state}
      onDragOver={(event) => open && event.dataTransfer.types.includes('Files') && event.preventDefault()}
      onDrop={(event) => {
        if (!open || !event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        images.offer(fileOf(event.dataTransfer));
      }}
    >
      <header className="chat-conversation-head">
        <button type="button" className="btn btn-ghost btn-small" data-testid="chat-back" onClick={onBack}>
          {t('chat.back')}
        </button>
        <div className="chat-conversation-who">
          <div className="chat-conversation-name" data-testid="chat-visitor-name" title={name}>
            {name}
          </div>
          <div className="chat-conversation-sub">
            {t(`chat.channel.${item.channel}`)}
            {item.siteUserId && ` · ${t('chat.userId', { id: item.siteUserId })}`}
          </div>
        </div>
        {open ? (
          <div className="chat-conversation-actions">
            <button
              type="button"
              className="btn btn-secondary btn-small"
              data-testid="chat-transfer"
              onClick={() => setDialog('transfer')}
            >
              {t('chat.transfer.button')}
            </button>
            <button
              type="button"
              className="btn btn-danger-ghost btn-small"
              data-testid="chat-end"
              onClick={() => setDialog('end')}
            >
              {t('chat.end.button')}
            </button>
          </div>
        ) : (
          item.state === 'ended' && (
            <div className="chat-conversation-actions">
              {onStarted && <ReopenButton item={item} onStarted={onStarted} />}
              <button
                type="button"
                className="btn btn-secondary btn-small"
                data-testid="chat-hide"
                onClick={() => void run(() => api.hideChat({ id: item.id }), onBack)}
              >
                {t('chat.hide')}
              </button>
            </div>
          )
        )}
      </header>
      {item.transferNote && open && (
        <div className="chat-note" data-testid="chat-transfer-note">
          {t('chat.offer.note', { note: item.transferNote })}
        </div>
      )}
      {error && (
        <div className="chat-error" role="alert">
          {error}
        </div>
      )}
      <Messages messages={transcript?.messages ?? []} pending={transcript?.pending ?? []} id={item.id} visitor={name} />
      <SurveyCard item={item} />
      {(images.error ?? surveyError) && (
        <div className="chat-error" role="alert" data-testid="chat-image-error">
          {images.error ?? surveyError}
        </div>
      )}
      {images.dialog}
      {open ? (
        <Composer
          id={item.id}
          disabled={false}
          attach={
            <>
              {images.attach}
              <FontSizeButton />
              <SurveySendButton item={item} onError={setSurveyError} />
            </>
          }
          onPasteFile={(file) => {
            images.clearError();
            images.offer(file);
          }}
        />
      ) : (
        <div className="chat-ended-note" data-testid="chat-ended-note">
          {t('chat.endedNote')}
        </div>
      )}
      {dialog === 'end' && (
        <ConfirmEnd
          name={name}
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            void run(() => api.endChat({ id: item.id }));
          }}
        />
      )}
      {dialog === 'transfer' && (
        <ChatTransferDialog id={item.id} name={name} onClose={() => setDialog(null)} onDone={onBack} />
      )}
    </div>
  );
}

function Messages({
  messages,
  pending,
  id,
  visitor,
}: {
  messages: ChatMessage[];
  pending: PendingSend[];
  id: string;
  visitor: string;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const list = useRef<HTMLOListElement>(null);
  // New lines keep the view at the bottom, as chat apps do.
  useLayoutEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [messages.length, pending.length]);
  return (
    <ol className="chat-messages" ref={list} data-testid="chat-messages" aria-live="polite">
      {messages.map((message) =>
        message.sender === 'system' ? (
          <li key={message.seq} className="chat-line chat-line-system" data-testid="chat-line" data-sender="system">
            {systemLine(t, message)}
          </li>
        ) : (
          <li
            key={message.seq}
            className={`chat-line chat-line-${message.sender === 'agent' ? 'mine' : 'theirs'}`}
            data-testid="chat-line"
            data-sender={message.sender}
            data-seq={message.seq}
          >
            {message.kind === 'image' && message.image ? (
              <ImageMessage
                chatId={id}
                imageId={message.image.id}
                alt={t('chat.image.alt', { name: message.sender === 'agent' ? t('chat.image.me') : visitor })}
              />
            ) : (
              <span className="chat-bubble">
                <MessageText text={message.body} />
              </span>
            )}
            <span className="chat-line-time">{clockTime(message.createdAt, i18n.language)}</span>
          </li>
        ),
      )}
      {pending.map((send) => (
        <li
          key={send.clientId}
          className="chat-line chat-line-mine chat-line-pending"
          data-testid="chat-line"
          data-sender="pending"
        >
          <span className="chat-bubble">{send.image ? t('chat.image.placeholder') : send.text}</span>
          <span className="chat-line-time">
            {send.failed === null ? t('chat.sending') : sendFailure(t, send.failed)}
            {send.failed !== null && send.failed !== 'server-unreachable' && (
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => void api.discardChatSend({ id, clientId: send.clientId })}
              >
                {t('chat.discard')}
              </button>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}

function ConfirmEnd({ name, onCancel, onConfirm }: { name: string; onCancel: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <Modal labelId={titleId} onClose={onCancel} role="alertdialog" testId="chat-end-confirm">
      <h2 className="modal-title" id={titleId}>
        {t('chat.end.title')}
      </h2>
      <p>{t('chat.end.question', { name })}</p>
      <div className="modal-actions">
        <button type="button" className="btn btn-secondary" data-testid="chat-end-cancel" onClick={onCancel}>
          {t('chat.end.cancel')}
        </button>
        <button
          type="button"
          className="btn chat-btn-danger"
          data-testid="chat-end-confirm-button"
          ref={confirm}
          onClick={onConfirm}
        >
          {t('chat.end.confirm')}
        </button>
      </div>
    </Modal>
  );
}
