/**
 * A refusal from the provisioning service in words, with the wait where one applies, the rules a new
 * password broke, and the service's trace id: short enough to read out to an administrator, who finds
 * the same id in the service's log.
 */
import { useTranslation } from 'react-i18next';
import type { NumberSignInFailure } from '../../../shared/number-sign-in.ts';
import { AlertIcon } from '../../components/icons.tsx';
import { refusalWords } from '../refusal-words.ts';

type Props = { failure: NumberSignInFailure; waitLeftSec: number; testId?: string };

export function FailureNotice({ failure, waitLeftSec, testId = 'password-error' }: Props) {
  const { t } = useTranslation();
  const title = refusalWords(t, 'passwordSignIn', failure, waitLeftSec);
  return (
    <div className="notice notice-error" role="alert" data-testid={testId} data-code={failure.code}>
      <AlertIcon size={18} className="notice-icon" />
      <div>
        <div className="notice-title">{title}</div>
        {failure.violations && failure.violations.length > 0 && (
          <ul className="notice-list" data-testid="password-violations">
            {failure.violations.map((code) => (
              <li key={code} data-violation={code}>
                {t(`passwordSignIn.violations.${code}`, { defaultValue: code })}
              </li>
            ))}
          </ul>
        )}
        {failure.traceId && (
          <div className="notice-detail trace-id" data-testid="trace-id" data-trace-id={failure.traceId}>
            {t('passwordSignIn.traceId', { id: failure.traceId })}
          </div>
        )}
      </div>
    </div>
  );
}
