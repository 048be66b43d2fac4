/** Shown over the sign-in screens when the saved account could not be read at start-up. */
import { useTranslation } from 'react-i18next';
import type { RegistrationState } from '../../shared/domain.ts';
import { AlertIcon } from './icons.tsx';

export function AccountLostNotice({ registration }: { registration: RegistrationState }) {
  const { t } = useTranslation();
  if (registration.error !== 'account-lost') return null;
  return (
    <div className="notice notice-error account-lost" role="alert" data-testid="account-lost">
      <AlertIcon size={18} className="notice-icon" />
      <div className="notice-title">{t('registration.errors.account-lost')}</div>
    </div>
  );
}
