/** The composer's emoji button and its panel: groups as tabs, a search in the UI's language, a click inserts. */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain.ts';
import { EMOJI_GROUPS, loadEmoji, searchEmoji, type EmojiGroup, type PickableEmoji } from './emoji-data.ts';

/** A full group is up to ~1,400 flags and symbols: the panel shows this many and search finds the rest. */
const SHOWN = 400;

export function EmojiButton({ disabled, onPick }: { disabled: boolean; onPick: (emoji: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <span className="emoji-anchor">
      <button
        type="button"
        className="btn btn-ghost btn-small emoji-button"
        data-testid="emoji-button"
        aria-label={t('chat.emoji.open')}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        disabled={disabled}
        onClick={() => setOpen((was) => !was)}
      >
        <span aria-hidden="true">☺</span>
      </button>
      {open && (
        <EmojiPanel
          id={panelId}
          onPick={(emoji) => {
            onPick(emoji);
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </span>
  );
}

function EmojiPanel({ id, onPick, onClose }: { id: string; onPick: (emoji: string) => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [all, setAll] = useState<PickableEmoji[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [group, setGroup] = useState<EmojiGroup>('smileys');
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    let current = true;
    loadEmoji(i18n.language as Language).then(
      (loaded) => current && setAll(loaded),
      () => current && setFailed(true),
    );
    search.current?.focus();
    return () => {
      current = false;
    };
  }, [i18n.language]);
  const shown = all === null ? [] : query.trim() ? searchEmoji(all, query) : all.filter((e) => e.group === group);
  const firstOf = (g: EmojiGroup) => all?.find((e) => e.group === g)?.emoji ?? '';
  return (
    <div
      className="emoji-panel"
      id={id}
      role="dialog"
      aria-label={t('chat.emoji.title')}
      data-testid="emoji-panel"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <input
        ref={search}
        className="field-input emoji-search"
        type="search"
        aria-label={t('chat.emoji.search')}
        placeholder={t('chat.emoji.search')}
        data-testid="emoji-search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {!query.trim() && (
        <div className="emoji-groups" role="tablist" aria-label={t('chat.emoji.groupsLabel')}>
          {EMOJI_GROUPS.map((g) => (
            <button
              key={g}
              type="button"
              role="tab"
              className="emoji-group"
              aria-selected={group === g}
              title={t(`chat.emoji.groups.${g}`)}
              aria-label={t(`chat.emoji.groups.${g}`)}
              onClick={() => setGroup(g)}
            >
              {firstOf(g)}
            </button>
          ))}
        </div>
      )}
      {failed ? (
        <div className="chat-error">{t('chat.emoji.failed')}</div>
      ) : all === null ? (
        <div className="emoji-loading">{t('chat.emoji.loading')}</div>
      ) : shown.length === 0 ? (
        <div className="emoji-loading">{t('chat.emoji.none')}</div>
      ) : (
        <div className="emoji-grid" data-testid="emoji-grid">
          {shown.slice(0, SHOWN).map((e) => (
            <button
              key={e.emoji}
              type="button"
              className="emoji-choice"
              title={e.label}
              aria-label={e.label}
              data-testid="emoji-choice"
              data-emoji={e.emoji}
              onClick={() => onPick(e.emoji)}
            >
              {e.emoji}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
