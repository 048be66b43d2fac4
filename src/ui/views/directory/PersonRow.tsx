/**
 * One colleague in a list: name, department or the field that matched, and a call button for the
 * extension. Clicking the row (or the context menu) opens the card; Enter on it calls.
 */
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryPerson, Match } from '../../../shared/directory.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { PhoneIcon } from '../../components/icons.tsx';
import { Highlight } from './Highlight.tsx';
import { MessageButton } from './MessageButton.tsx';
import { PresenceDot, statusText } from '../../components/PresenceDot.tsx';
import { useApi } from '../../state/api-context.ts';
import { usePersonPresence } from '../../state/presence-cache.ts';

type Props = {
  person: DirectoryPerson;
  match?: Match | undefined;
  canDial: boolean;
  indent?: number;
  onDial: (number: string) => void;
  onOpen: (person: DirectoryPerson) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLButtonElement>) => void;
  testId: string;
};

export function PersonRow({ person, match, canDial, indent = 0, onDial, onOpen, onKeyDown, testId }: Props) {
  const { t } = useTranslation();
  const presence = usePersonPresence(useApi(), person.extension);
  // An Offline colleague takes no calls on the computer: the card offers their mobile instead.
  const call = () => (presence?.status === 'offline' ? onOpen(person) : onDial(person.extension));
  const on = (field: Match['field']) => (match?.field === field ? match : undefined);
  const secondary =
    match?.field === 'mobile' ? (
      <span className="dir-row-mobile">
        <Highlight text={person.mobile} range={on('mobile')} />
      </span>
    ) : match?.field === 'email' && person.email ? (
      <Highlight text={person.email} range={on('email')} />
    ) : (
      (person.departmentPath.at(-1) ?? '')
    );
  // Two controls side by side, not one inside the other: the row's button opens the card (Enter on it calls,
  // as it always has), and the call button is a Tab stop of its own. A screen reader hears both.
  return (
    <div className="dir-row dir-person" data-testid={testId} data-extension={person.extension}>
      <button
        type="button"
        className="dir-row-open"
        data-extension={person.extension}
        style={{ paddingLeft: 12 + indent * 16 }}
        onClick={() => onOpen(person)}
        onContextMenu={(event) => {
          event.preventDefault();
          onOpen(person);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            if (canDial) call();
            return;
          }
          onKeyDown?.(event);
        }}
      >
        <span className="avatar-with-dot">
          <Avatar name={person.name} />
          {presence && <PresenceDot status={presence.status} />}
        </span>
        <span className="dir-row-main">
          <span className="dir-row-name">
            <Highlight text={person.name} range={on('name')} />
          </span>
          <span className="dir-row-sub">
            {presence && (
              <span className="dir-row-status" data-testid="presence-text" data-status={presence.status}>
                {statusText(t, presence.status, presence.reason)}
              </span>
            )}
            {secondary}
          </span>
        </span>
        <span className="dir-row-ext">
          <Highlight text={person.extension} range={on('extension')} />
        </span>
      </button>
      <button
        type="button"
        className="icon-btn dir-call"
        disabled={!canDial}
        aria-label={t('directory.callExtension', { name: person.name, extension: person.extension })}
        title={t('directory.callExtension', { name: person.name, extension: person.extension })}
        data-testid="dir-row-call"
        onClick={call}
        onKeyDown={(event) => onKeyDown?.(event)}
      >
        <PhoneIcon size={18} />
      </button>
      <MessageButton person={person} />
    </div>
  );
}
