/** Registration status pill for the header; the reason for an error goes in RegistrationProblem. */
import { useTranslation } from 'react-i18next';
import type { RegistrationState } from '../../shared/domain.ts';
import { AlertIcon } from './icons.tsx';

/** `primary` marks the header's badge: only one element may carry the test id e2e tests look for. */
export function RegistrationBadge({
  registration,
  primary = true,
}: {
  registration: RegistrationState;
  primary?: boolean;
}) {
  const { t } = useTranslation();
  const label = t(`registration.status.${registration.status}`);
  const reason = registration.error ? t(`registration.errors.${registration.error}`) : undefined;
  return (
    <span
      className={`badge badge-${registration.status}`}
      data-testid={primary ? 'registration-status' : undefined}
      data-status={registration.status}
      title={reason ? `${label}: ${reason}` : label}
    >
      <span className="badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

/** Why registration failed, translated, with the server's own words underneath. Renders nothing when fine. */
export function RegistrationProblem({ registration, testId }: { registration: RegistrationState; testId: string }) {
  const { t } = useTranslation();
  if (!registration.error || registration.status === 'registered' || registration.status === 'connecting') return null;
  return (
    <div className="notice notice-error" role="alert" data-testid={testId}>
      <AlertIcon size={18} className="notice-icon" />
      <div>
        <div className="notice-title">{t(`registration.errors.${registration.error}`)}</div>
        {registration.detail && <div className="notice-detail">{registration.detail}</div>}
      </div>
    </div>
  );
}
