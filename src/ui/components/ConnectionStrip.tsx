/**
 * During a call the header (and its registration badge) is not on screen; when the connection to
 * the switchboard is in trouble this strip says so, and that the call itself goes on.
 */
import { useTranslation } from 'react-i18next';
import type { RegistrationState } from '../../shared/domain.ts';
import { RegistrationBadge } from './RegistrationBadge.tsx';

const TROUBLE = new Set<RegistrationState['status']>(['reconnecting', 'offline', 'connecting']);

export function ConnectionStrip({ registration }: { registration: RegistrationState }) {
  const { t } = useTranslation();
  if (!TROUBLE.has(registration.status)) return null;
  return (
    <div className="connection-strip" data-testid="connection-strip">
      <RegistrationBadge registration={registration} />
      <span title={t('registration.callGoesOn')}>{t('registration.callGoesOn')}</span>
    </div>
  );
}
