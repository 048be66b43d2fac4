/**
 * 服务记录 (service records, TCCC): my ended chats, searched by the customer's user id or nickname and
 * by the day they ended; one opens read-only with 重新会话 (ConversationView). Below, contacting a
 * customer by user id (员工主动联系用户: app and web users who signed in on the company's site).
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatItem } from '../../../shared/chat.ts';
import { dateAndTime } from '../../format/locale-format.ts';
import { useApi } from '../../state/api-context.ts';
import { MoreSentinel } from '../call-log/MoreSentinel.tsx';
import { visitorName } from './chat-words.ts';
import { useChatRecords } from './use-chat-records.ts';

/** "2026-12-07" from a date field → that day in this computer's time zone, [start, next day). */
export function dayRange(day: string): { from: number; to: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  return { from: new Date(y, m, d).getTime(), to: new Date(y, m, d + 1).getTime() };
}

export function ChatRecords(props: {
  onBack: () => void;
  onOpen: (item: ChatItem) => void;
  onStarted: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [text, setText] = useState('');
  const [day, setDay] = useState('');
  const records = useChatRecords(api);
  const { found, error } = records;
  const [userId, setUserId] = useState('');
  const [contactError, setContactError] = useState<string | null>(null);
  const ids = { text: useId(), day: useId(), user: useId(), title: useId() };

  const search = (event?: FormEvent) => {
    event?.preventDefault();
    const range = dayRange(day);
    records.search({ ...(text.trim() ? { q: text.trim() } : {}), ...(range ?? {}) });
  };
  // The latest records at once, as the list shows its chats (once, when the records open).
  useEffect(() => {
    search();
  }, []);

  const contact = async (event: FormEvent) => {
    event.preventDefault();
    if (!userId.trim()) return;
    const result = await api.contactChatUser({ userId: userId.trim() });
    if (result.ok) props.onStarted(result.value.id);
    else setContactError(result.error.message);
  };

  return (
    <section className="chat-records" data-testid="chat-records" aria-labelledby={ids.title}>
      <header className="chat-records-head">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          data-testid="chat-records-back"
          onClick={props.onBack}
        >
          {t('chat.back')}
        </button>
        <h2 className="chat-records-title" id={ids.title}>
          {t('chat.records.title')}
        </h2>
      </header>
      <form className="chat-records-search" role="search" onSubmit={search}>
        <label className="chat-records-field">
          <span className="field-label">{t('chat.records.user')}</span>
          <input
            id={ids.text}
            className="field-input"
            type="search"
            data-testid="chat-records-text"
            value={text}
            maxLength={100}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label className="chat-records-field chat-records-day">
          <span className="field-label">{t('chat.records.day')}</span>
          <input
            id={ids.day}
            className="field-input"
            type="date"
            data-testid="chat-records-day"
            value={day}
            onChange={(e) => setDay(e.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-secondary btn-small" data-testid="chat-records-search">
          {t('chat.records.search')}
        </button>
      </form>
      {error && (
        <div className="chat-error" role="alert">
          {error}
        </div>
      )}
      {found !== null &&
        (found.length === 0 ? (
          <p className="chat-empty" data-testid="chat-records-none" role="status">
            {t('chat.records.none')}
          </p>
        ) : (
          <ul className="chat-items chat-items-ended" data-testid="chat-records-list">
            {found.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  className="chat-row"
                  data-testid="chat-record"
                  data-id={item.id}
                  data-left-message={item.leftMessage ? 'true' : undefined}
                  onClick={() => props.onOpen(item)}
                >
                  <span className="chat-row-main">
                    <span className="chat-row-name">{visitorName(t, item)}</span>
                    <span className="chat-row-last">
                      {[
                        item.leftMessage && t('chat.records.leftMessage'),
                        t(`chat.channel.${item.channel}`),
                        item.siteUserId && t('chat.userId', { id: item.siteUserId }),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </span>
                  <span className="chat-row-side">
                    {item.endedAt !== null && dateAndTime(item.endedAt, i18n.language)}
                  </span>
                </button>
              </li>
            ))}
            {records.hasMore && (
              <li>
                <MoreSentinel loading={records.loading} onMore={records.loadMore} testId="chat-records-more" />
              </li>
            )}
          </ul>
        ))}
      <form className="chat-records-contact" onSubmit={(e) => void contact(e)}>
        <h3 className="chat-section-title">{t('chat.records.contactTitle')}</h3>
        <p className="chat-records-hint">{t('chat.records.contactHint')}</p>
        <div className="chat-records-contact-row">
          <label className="chat-records-field">
            <span className="field-label">{t('chat.records.contactUser')}</span>
            <input
              id={ids.user}
              className="field-input"
              data-testid="chat-contact-user"
              value={userId}
              maxLength={100}
              autoComplete="off"
              onChange={(e) => {
                setUserId(e.target.value);
                setContactError(null);
              }}
            />
          </label>
          <button
            type="submit"
            className="btn btn-primary btn-small"
            data-testid="chat-contact-start"
            disabled={!userId.trim()}
          >
            {t('chat.records.contact')}
          </button>
        </div>
        {contactError && (
          <div className="chat-error" role="alert" data-testid="chat-contact-error">
            {contactError}
          </div>
        )}
      </form>
    </section>
  );
}
