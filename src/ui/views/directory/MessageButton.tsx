/** The "Message" button of a colleague (row, card, search result); disabled with the reason without a company. */
import { useTranslation } from 'react-i18next';
import type { DirectoryPerson } from '../../../shared/directory.ts';
import { ChatIcon } from '../../components/icons.tsx';
import { useMessageColleague } from './message-colleague.ts';

export function MessageButton({ person, wide = false }: { person: DirectoryPerson; wide?: boolean }) {
  const { t } = useTranslation();
  const message = useMessageColleague();
  if (message === undefined) return null;
  const label = message ? t('chat.internal.message', { name: person.name }) : t('chat.internal.needsCompany');
  return (
    <button
      type="button"
      className={wide ? 'btn btn-secondary' : 'icon-btn dir-call'}
      disabled={message === null}
      // The card's button is named by its visible word (the label would not contain it when disabled).
      aria-label={wide ? undefined : label}
      title={label}
      data-testid="dir-message"
      data-extension={person.extension}
      onClick={() => message?.(person)}
    >
      {wide ? t('chat.internal.messageShort') : <ChatIcon size={18} />}
    </button>
  );
}
