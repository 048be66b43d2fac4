/** Writing to the visitor: Enter sends, Shift+Enter is a new line; the length limit is shown as it nears. */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_TEXT_MAX, chatTextLength } from '../../../shared/chat.ts';
import { useApi } from '../../state/api-context.ts';
import { EmojiButton } from './EmojiPicker.tsx';

/** The counter shows from here on: most messages are short, and a number under each would be noise. */
const COUNTER_FROM = CHAT_TEXT_MAX - 500;

export function Composer({
  id,
  disabled,
  attach,
  onPasteFile,
}: {
  id: string;
  disabled: boolean;
  /** The image picker button (ImageSend.tsx), beside the emoji button. */
  attach?: React.ReactNode;
  /** A pasted file (a screenshot): previewed and sent as an image, not pasted as text. */
  onPasteFile?: (file: File) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const counterId = useId();
  const length = chatTextLength(text);
  /** An emoji goes where the caret is (replacing a selection), and the caret follows it. */
  const insert = (emoji: string) => {
    const element = box.current;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    setText(text.slice(0, start) + emoji + text.slice(end));
    setError(null);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };
  const tooLong = length > CHAT_TEXT_MAX;
  const send = async () => {
    if (text.trim() === '' || disabled) return;
    if (tooLong) {
      setError(t('chat.composer.tooLong', { max: CHAT_TEXT_MAX.toLocaleString(i18n.language) }));
      return;
    }
    const sent = text;
    setText('');
    setError(null);
    const result = await api.sendChatMessage({ id, text: sent });
    if (!result.ok) {
      // Nothing typed is lost: the text comes back to the box with the reason.
      setText((now) => (now === '' ? sent : now));
      setError(result.error.message);
    }
    box.current?.focus();
  };
  return (
    <form
      className="chat-composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <textarea
        ref={box}
        className="chat-composer-text"
        data-testid="chat-composer"
        aria-label={t('chat.composer.label')}
        aria-describedby={counterId}
        aria-invalid={tooLong}
        placeholder={t('chat.composer.placeholder')}
        value={text}
        disabled={disabled}
        rows={2}
        onChange={(event) => {
          setText(event.target.value);
          setError(null);
        }}
        onPaste={(event) => {
          const file = event.clipboardData.files[0];
          if (!file || !onPasteFile) return;
          event.preventDefault();
          onPasteFile(file);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            void send();
          }
        }}
      />
      <div className="chat-composer-foot">
        <EmojiButton disabled={disabled} onPick={insert} />
        {attach}
        <span
          id={counterId}
          className={`chat-counter${tooLong ? ' chat-counter-over' : ''}`}
          data-testid="chat-counter"
          hidden={length < COUNTER_FROM}
        >
          {t('chat.composer.counter', {
            length: length.toLocaleString(i18n.language),
            max: CHAT_TEXT_MAX.toLocaleString(i18n.language),
          })}
        </span>
        <button
          type="submit"
          className="btn btn-primary btn-small"
          data-testid="chat-send"
          disabled={disabled || text.trim() === ''}
        >
          {t('chat.composer.send')}
        </button>
      </div>
      {error && (
        <div className="chat-error" role="alert" data-testid="chat-composer-error">
          {error}
        </div>
      )}
    </form>
  );
}
