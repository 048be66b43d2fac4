/**
 * 转接: hand the chat to a colleague (found in the company directory, by name or extension; only
 * someone signed in and not Offline can take it, the service says so otherwise) or to a chat group,
 * with an optional note the colleague sees.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatGroup, ChatTransferTarget } from '../../../shared/chat.ts';
import type { DirectoryPerson } from '../../../shared/directory.ts';
import { Modal } from '../../components/Modal.tsx';
import { PresenceLabel } from '../../components/PresenceDot.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useApi } from '../../state/api-context.ts';
import { usePersonPresence } from '../../state/presence-cache.ts';

const SEARCH_DELAY_MS = 150;

export function ChatTransferDialog(props: { id: string; name: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const titleId = useId();
  const [query, setQuery] = useState('');
  const [people, setPeople] = useState<DirectoryPerson[]>([]);
  const [groups, setGroups] = useState<ChatGroup[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    void api.listChatGroups({}).then((result) => result.ok && setGroups(result.value));
  }, [api]);
  useEffect(() => {
    const term = query.trim();
    if (term === '') {
      setPeople([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void api.searchDirectory({ query: term, limit: 6 }).then((result) => {
        if (current && result.ok) setPeople(result.value.map((hit) => hit.person));
      });
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query]);

  const transfer = async (to: ChatTransferTarget) => {
    setBusy(true);
    setError(null);
    const trimmed = note.trim();
    const result = await api.transferChat({ id: props.id, to, ...(trimmed ? { note: trimmed } : {}) });
    setBusy(false);
    if (result.ok) {
      props.onClose();
      props.onDone();
    } else setError(result.error.message);
  };

  return (
    <Modal labelId={titleId} onClose={props.onClose} testId="chat-transfer-dialog">
      <h2 className="modal-title" id={titleId}>
        {t('chat.transfer.title', { name: props.name })}
      </h2>
      <TextField
        label={t('chat.transfer.search')}
        value={query}
        onValue={setQuery}
        inputRef={input}
        autoComplete="off"
        data-testid="chat-transfer-search"
      />
      {people.length > 0 && (
        <ul className="picker-people" aria-label={t('chat.transfer.people')}>
          {people.map((person) => (
            <li key={person.id}>
              <PersonChoice
                person={person}
                disabled={busy}
                onPick={() => void transfer({ extension: person.extension })}
              />
            </li>
          ))}
        </ul>
      )}
      {groups.length > 0 && (
        <>
          <h3 className="chat-section-title">{t('chat.transfer.groups')}</h3>
          <ul className="picker-people" aria-label={t('chat.transfer.groups')}>
            {groups.map((group) => (
              <li key={group.id}>
                <button
                  type="button"
                  className="picker-person"
                  data-testid="chat-transfer-group"
                  disabled={busy}
                  onClick={() => void transfer({ groupId: group.id })}
                >
                  <span className="picker-person-name">{group.name}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <TextField
        label={t('chat.transfer.note')}
        value={note}
        onValue={setNote}
        maxLength={500}
        autoComplete="off"
        data-testid="chat-transfer-note-input"
      />
      {error && (
        <div className="notice notice-error" role="alert" data-testid="chat-transfer-error">
          {error}
        </div>
      )}
      <div className="modal-actions">
        <button type="button" className="btn btn-secondary" onClick={props.onClose}>
          {t('chat.transfer.cancel')}
        </button>
      </div>
    </Modal>
  );
}

function PersonChoice({
  person,
  disabled,
  onPick,
}: {
  person: DirectoryPerson;
  disabled: boolean;
  onPick: () => void;
}) {
  const presence = usePersonPresence(useApi(), person.extension);
  // Offline colleagues cannot take a chat: shown, but not offered.
  const away = presence?.status === 'offline';
  return (
    <button
      type="button"
      className="picker-person"
      data-testid="chat-transfer-person"
      data-extension={person.extension}
      disabled={disabled || away}
      onClick={onPick}
    >
      <span className="picker-person-name">{person.name}</span>
      <span className="picker-person-number">
        {person.extension}
        {presence && <PresenceLabel status={presence.status} reason={presence.reason} />}
      </span>
    </button>
  );
}
