/**
 * 字体 (832 "改变字体"): the size of a chat's messages, small, normal or large, apart from the app's
 * own text size; chosen from a small popup under the composer and remembered with the display
 * settings (use-display.ts puts it on the page's root as data-chat-font, where chat.css reads it).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatFontSize } from '../../../shared/display.ts';
import { useApi } from '../../state/api-context.ts';

const SIZES: readonly ChatFontSize[] = ['small', 'normal', 'large'];

const current = (): ChatFontSize => {
  const value = document.documentElement.dataset['chatFont'];
  return value === 'small' || value === 'large' ? value : 'normal';
};

export function FontSizeButton() {
  const { t } = useTranslation();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [size, setSize] = useState<ChatFontSize>(current);
  const panelId = useId();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  const words: Record<ChatFontSize, string> = {
    small: t('chat.font.small'),
    normal: t('chat.font.normal'),
    large: t('chat.font.large'),
  };
  return (
    <span className="emoji-anchor" onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
      <button
        type="button"
        className="btn btn-ghost btn-small chat-font-button"
        data-testid="chat-font-button"
        title={t('chat.font.label')}
        aria-label={t('chat.font.label')}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setSize(current());
          setOpen(!open);
        }}
      >
        <span aria-hidden="true">{t('chat.font.icon')}</span>
      </button>
      {open && (
        <div className="chat-font-panel" id={panelId} role="group" aria-label={t('chat.font.label')}>
          {SIZES.map((choice, index) => (
            <button
              key={choice}
              ref={index === 0 ? first : undefined}
              type="button"
              className={`chat-font-choice chat-font-choice-${choice}`}
              data-testid="chat-font-choice"
              data-size={choice}
              aria-pressed={size === choice}
              onClick={() => {
                setSize(choice);
                setOpen(false);
                void api.setDisplaySettings({ patch: { chatFontSize: choice } });
              }}
            >
              {words[choice]}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
