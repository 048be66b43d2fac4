/** 重新会话: an ended chat with a signed-in customer can be started again (a new chat, open at once). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatItem } from '../../../shared/chat.ts';
import { useApi } from '../../state/api-context.ts';

export function ReopenButton({ item, onStarted }: { item: ChatItem; onStarted: (id: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  // Only a customer the company signed in can be found again; an anonymous visitor cannot.
  if (item.state !== 'ended' || item.siteUserId === null) return null;
  return (
    <>
      <button
        type="button"
        className="btn btn-primary btn-small"
        data-testid="chat-reopen"
        onClick={() =>
          void api.reopenChat({ id: item.id }).then((result) => {
            if (result.ok) onStarted(result.value.id);
            else setError(result.error.message);
          })
        }
      >
        {t('chat.records.reopen')}
      </button>
      {error && (
        <div className="chat-error chat-reopen-error" role="alert">
          {error}
        </div>
      )}
    </>
  );
}
