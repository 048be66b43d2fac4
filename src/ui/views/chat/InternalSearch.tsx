/** Search in one internal chat's history, or across all of mine (hidden ones too); a hit opens its chat. */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InternalSearchHit } from '../../../shared/internal-chat.ts';
import { Modal } from '../../components/Modal.tsx';
import { dateAndTime } from '../../format/locale-format.ts';
import { useApi } from '../../state/api-context.ts';

export function InternalSearch({
  conversationId,
  onClose,
  onOpen,
}: {
  /** null: across all my internal chats. */
  conversationId: string | null;
  onClose: () => void;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const titleId = useId();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<InternalSearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const q = query.trim();
    if (q === '') {
      setHits(null);
      return;
    }
    // A short pause: each keystroke is not a request.
    const timer = setTimeout(() => {
      void api.searchInternalChats({ q, id: conversationId }).then((result) => {
        if (!current) return;
        if (result.ok) {
          setHits(result.value);
          setError(null);
        } else setError(result.error.message);
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query, conversationId]);
  return (
    <Modal labelId={titleId} onClose={onClose} testId="internal-search-dialog">
      <h2 className="modal-title" id={titleId}>
        {t(conversationId === null ? 'chat.internal.search.titleAll' : 'chat.internal.search.titleOne')}
      </h2>
      <input
        className="field-input"
        type="search"
        autoFocus
        data-testid="internal-search-input"
        placeholder={t('chat.internal.search.placeholder')}
        aria-label={t('chat.internal.search.placeholder')}
        value={query}
        maxLength={100}
        onChange={(event) => setQuery(event.target.value)}
      />
      {error && (
        <div className="chat-error" role="alert">
          {error}
        </div>
      )}
      {hits !== null &&
        (hits.length === 0 ? (
          <p className="chat-empty" data-testid="internal-search-none">
            {t('chat.internal.search.none')}
          </p>
        ) : (
          <ul className="chat-internal-picks">
            {hits.map((hit) => (
              <li key={`${hit.conversationId}:${hit.seq}`}>
                <button
                  type="button"
                  className="chat-row"
                  data-testid="internal-search-hit"
                  data-id={hit.conversationId}
                  onClick={() => onOpen(hit.conversationId)}
                >
                  <span className="chat-row-main">
                    <span className="chat-row-name">{hit.authorName ?? hit.peerName}</span>
                    <span className="chat-row-last">{hit.body}</span>
                  </span>
                  <span className="chat-row-side chat-row-time">{dateAndTime(hit.createdAt, i18n.language)}</span>
                </button>
              </li>
            ))}
          </ul>
        ))}
      <div className="modal-actions">
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('chat.internal.close')}
        </button>
      </div>
    </Modal>
  );
}
