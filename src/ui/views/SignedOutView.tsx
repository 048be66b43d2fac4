/**
 * This computer's sign-in was revoked: the person signed in on another computer, the account's password
 * was changed on another one, or an administrator signed it out. Says which, and offers the way back.
 */
import { useTranslation } from 'react-i18next';
import type { RegistrationError } from '../../shared/domain.ts';
import { AlertIcon } from '../components/icons.tsx';

export type SignedOutReason = Extract<
  RegistrationError,
  'signed-in-elsewhere' | 'signed-out-by-admin' | 'password-changed'
>;

export const isSignedOutReason = (error: RegistrationError | undefined): error is SignedOutReason =>
  error === 'signed-in-elsewhere' || error === 'signed-out-by-admin' || error === 'password-changed';

export function SignedOutView({ reason, onSignInAgain }: { reason: SignedOutReason; onSignInAgain: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="signin" data-testid="signed-out" data-reason={reason}>
      <div className="signin-brand" role="alert">
        <span className="signin-logo signin-logo-warning" aria-hidden="true">
          <AlertIcon size={22} />
        </span>
        <h1 className="signin-title" data-testid="signed-out-title">
          {t(`registration.errors.${reason}`)}
        </h1>
        <p className="signin-subtitle">{t(`signedOut.${reason}`)}</p>
      </div>
      <div className="signin-form">
        <button
          type="button"
          className="btn btn-primary btn-block"
          data-testid="sign-in-again"
          onClick={onSignInAgain}
          autoFocus
        >
          {t('signedOut.signInAgain')}
        </button>
      </div>
    </main>
  );
}
