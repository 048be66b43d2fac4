/** A colleague's card: avatar, name, department, extension and mobile each with a call button, permission, e-mail. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryPerson } from '../../../shared/directory.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { PhoneIcon } from '../../components/icons.tsx';
import { Modal } from '../../components/Modal.tsx';
import { useApi } from '../../state/api-context.ts';
import { usePersonPresence } from '../../state/presence-cache.ts';
import { PresenceLabel } from '../../components/PresenceDot.tsx';
import { MessageButton } from './MessageButton.tsx';

type Props = { person: DirectoryPerson; canDial: boolean; onDial: (number: string) => void; onClose: () => void };

export function PersonCard({ person, canDial, onDial, onClose }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [avatar, setAvatar] = useState<string | null>(null);
  const presence = usePersonPresence(api, person.extension);
  const offline = presence?.status === 'offline';
  useEffect(() => {
    let live = true;
    void api.getDirectoryAvatar({ id: person.id }).then((result) => {
      if (live && result.ok) setAvatar(result.value.dataUrl);
    });
    return () => {
      live = false;
    };
  }, [api, person.id]);

  const line = (label: string, value: string, testId: string, dialLabel?: string) => (
    <div className="dir-card-line">
      <div className="dir-card-field">
        <div className="dir-card-label">{label}</div>
        <div className="dir-card-value" data-testid={testId}>
          {value}
        </div>
      </div>
      {dialLabel && (
        <button
          type="button"
          className="icon-btn dir-call"
          disabled={!canDial}
          aria-label={dialLabel}
          title={dialLabel}
          data-testid={`${testId}-call`}
          onClick={() => onDial(value)}
        >
          <PhoneIcon size={18} />
        </button>
      )}
    </div>
  );

  return (
    <Modal labelId="dir-card-name" onClose={onClose} testId="person-card">
      <div className="dir-card-head">
        {avatar ? (
          <img className="dir-card-avatar" src={avatar} alt="" data-testid="person-card-avatar" />
        ) : (
          <Avatar name={person.name} size="lg" />
        )}
        <h2 className="modal-title dir-card-name" id="dir-card-name">
          {person.name}
        </h2>
        <div className="muted dir-card-dept" data-testid="person-card-department">
          {person.departmentPath.join(' / ') || t('directory.noDepartment')}
        </div>
        {presence && <PresenceLabel status={presence.status} reason={presence.reason} />}
      </div>
      {offline && person.mobile && (
        <div className="notice notice-warning dir-card-offline" data-testid="colleague-offline">
          <div className="agent-notice-text">{t('agent.offlineColleague', { name: person.name })}</div>
          <button
            type="button"
            className="btn btn-primary btn-small"
            data-testid="call-mobile-instead"
            disabled={!canDial}
            onClick={() => onDial(person.mobile)}
          >
            {t('agent.callMobileInstead')}
          </button>
        </div>
      )}
      {line(
        t('directory.card.extension'),
        person.extension,
        'person-card-extension',
        t('directory.card.callExtension'),
      )}
      {line(t('directory.card.mobile'), person.mobile, 'person-card-mobile', t('directory.card.callMobile'))}
      {line(
        t('directory.card.permission'),
        t(`directory.permission.${person.callPermission}`),
        'person-card-permission',
      )}
      {person.email && line(t('directory.card.email'), person.email, 'person-card-email')}
      <div className="modal-actions">
        <MessageButton person={person} wide />
        <button type="button" className="btn btn-secondary" onClick={onClose} autoFocus>
          {t('directory.card.close')}
        </button>
      </div>
    </Modal>
  );
}
