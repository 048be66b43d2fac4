/** Registration status pill for the header; the reason for an error goes in RegistrationProblem. */
import { useEffect, useState } from 'react';
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
  const secondsLeft = useSecondsUntil(registration.retryAt);
  const label =
    registration.status === 'reconnecting' && secondsLeft > 0
      ? t('registration.reconnectingIn', { seconds: secondsLeft })
      : t(`registration.status.${registration.status}`);
  const reason =
    registration.status === 'offline'
      ? t('registration.offline')
      : registration.error
        ? t(`registration.errors.${registration.error}`)
        : undefined;
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

/** Whole seconds until `at` (epoch ms), counting down once a second; 0 when past or absent. */
function useSecondsUntil(at: number | undefined): number {
  const left = () => (at === undefined ? 0 : Math.max(0, Math.ceil((at - Date.now()) / 1000)));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    if (at === undefined) return;
    const timer = setInterval(() => setSeconds(left()), 250);
    return () => clearInterval(timer);
  }, [at]);
  return seconds;
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
