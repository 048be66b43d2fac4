/** "New chat": find a colleague by the directory's search (name, pinyin, extension, account) and write to them; never myself. */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../shared/directory.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { Modal } from '../../components/Modal.tsx';
import { useApi } from '../../state/api-context.ts';
import { NEW_CHAT_PICKS, newChatPicks } from './new-chat-picks.ts';

export function NewInternalChat({
  myExtension,
  onClose,
  onStarted,
}: {
  myExtension: string;
  onClose: () => void;
  onStarted: (id: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const titleId = useId();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const q = query.trim();
    if (q === '') {
      setHits([]);
      return;
    }
    // One more than shown, so a full page remains when I am among the hits.
    void api.searchDirectory({ query: q, limit: NEW_CHAT_PICKS + 1 }).then((result) => {
      if (current && result.ok) setHits(newChatPicks(result.value, myExtension));
    });
    return () => {
      current = false;
    };
  }, [api, query, myExtension]);
  const start = async (personId: number) => {
    const result = await api.startInternalChat({ personId });
    if (result.ok) onStarted(result.value.id);
    else setError(result.error.message);
  };
  return (
    <Modal labelId={titleId} onClose={onClose} testId="internal-new-dialog">
      <h2 className="modal-title" id={titleId}>
        {t('chat.internal.new.title')}
      </h2>
      <input
        className="field-input"
        type="search"
        autoFocus
        data-testid="internal-new-search"
        placeholder={t('chat.internal.new.placeholder')}
        aria-label={t('chat.internal.new.placeholder')}
        value={query}
        maxLength={100}
        onChange={(event) => setQuery(event.target.value)}
      />
      {error && (
        <div className="chat-error" role="alert">
          {error}
        </div>
      )}
      <ul className="chat-internal-picks">
        {hits.map(({ person }) => (
          <li key={person.id}>
            <button
              type="button"
              className="chat-row"
              data-testid="internal-new-pick"
              data-extension={person.extension}
              onClick={() => void start(person.id)}
            >
              <Avatar name={person.name} />
              <span className="chat-row-main">
                <span className="chat-row-name">{person.name}</span>
                <span className="chat-row-last">{person.departmentPath.at(-1) ?? ''}</span>
              </span>
              <span className="chat-row-side">{person.extension}</span>
            </button>
          </li>
        ))}
      </ul>
      {query.trim() !== '' && hits.length === 0 && <p className="chat-empty">{t('chat.internal.new.nobody')}</p>}
      <div className="modal-actions">
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('chat.internal.close')}
        </button>
      </div>
    </Modal>
  );
}
