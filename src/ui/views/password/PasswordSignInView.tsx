/**
 * Sign-in by e-mail and password, the contact-center way in (issue 18): the e-mail, then the password
 * (Alt+Left / Cmd+Left goes back to the e-mail), a forced change of a first password, and Forgot
 * password (a six-digit code by e-mail, the new password twice), then the station step (StationStep).
 * Main talks to the provisioning service; a refusal shows in words with its wait and the service's trace id.
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrationState } from '../../../shared/domain.ts';
import type { NumberSignInFailure } from '../../../shared/number-sign-in.ts';
import type { StationChoice, StationOptions } from '../../../shared/password-sign-in.ts';
import { MailIcon } from '../../components/icons.tsx';
import { PasswordField } from '../../components/PasswordField.tsx';
import { SignInStatus } from '../../components/SignInStatus.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useApi } from '../../state/api-context.ts';
import { formatWait } from '../number-sign-in-format.ts';
import { FailureNotice } from './FailureNotice.tsx';
import { PasswordChecklist } from './PasswordChecklist.tsx';
import { StationStep } from './StationStep.tsx';
import { isBackToEmail, newPasswordProblem, resetCodeDigits } from './password-checklist.ts';
import { useTick } from '../use-tick.ts';

type Props = {
  registration: RegistrationState;
  /** True once a sign-in was sent: the registration outcome is about this sign-in. */
  attempted: boolean;
  onAttempt: () => void;
  onUseMobile: () => void;
  onUseSipAccount: () => void;
  /** Starts at this step (the preview's scenarios). */
  initialStep?: Step;
  initialEmail?: string;
  initialStation?: StationOptions;
};

export type Step = 'email' | 'password' | 'change' | 'forgot' | 'station';
type Shown = { failure: NumberSignInFailure; until: number | null };
type Info = 'code-sent' | 'password-reset';

export function PasswordSignInView(props: Props) {
  const { registration, attempted, onAttempt, onUseMobile, onUseSipAccount } = props;
  const { t } = useTranslation();
  const api = useApi();
  const [step, setStep] = useState<Step>(props.initialStep ?? 'email');
  const [email, setEmail] = useState(props.initialEmail ?? '');
  const [emailError, setEmailError] = useState(false);
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [newProblem, setNewProblem] = useState<ReturnType<typeof newPasswordProblem>>(null);
  const [code, setCode] = useState('');
  const [resendAt, setResendAt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [info, setInfo] = useState<Info | null>(null);
  const [station, setStation] = useState<StationOptions | null>(props.initialStation ?? null);
  // How many answers were failures so far: lets tests tell a new answer from an identical earlier one.
  const [failures, setFailures] = useState(0);
  const now = useTick(step === 'forgot' || shown?.until != null);

  const fail = (failure: NumberSignInFailure) => {
    setFailures((n) => n + 1);
    setInfo(null);
    setShown({
      failure,
      until: failure.retryAfterSec !== undefined ? Date.now() + failure.retryAfterSec * 1000 : null,
    });
  };
  const ipcFailure = (message: string): NumberSignInFailure => ({ ok: false, code: 'failed', detail: message });
  const go = (next: Step) => {
    setStep(next);
    setShown(null);
    setNewProblem(null);
  };

  const toPassword = (event: FormEvent) => {
    event.preventDefault();
    const typed = email.trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(typed)) {
      setEmailError(true);
      return;
    }
    setEmail(typed);
    setInfo(null);
    go('password');
  };

  const signIn = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || password === '') return;
    setShown(null);
    setInfo(null);
    setBusy(true);
    const result = await api.signInWithPassword({ email, password, remember });
    setBusy(false);
    const answer = result.ok ? result.value : ipcFailure(result.error.message);
    if (!answer.ok) {
      fail(answer);
      return;
    }
    if (answer.mustChangePassword || !answer.station) {
      setNewPassword('');
      setRepeat('');
      go('change');
      return;
    }
    setStation(answer.station);
    go('station');
  };

  const chooseStation = async (choice: StationChoice) => {
    if (busy) return;
    setShown(null);
    setBusy(true);
    // The account signs in once the service has the choice: its registration outcome is about this sign-in.
    onAttempt();
    const result = await api.chooseStation(choice);
    setBusy(false);
    const answer = result.ok ? result.value : ipcFailure(result.error.message);
    if (!answer.ok) fail(answer);
  };

  /** The new password twice, checked here by the same rules before it is sent. */
  const readyNewPassword = (): boolean => {
    const problem = newPasswordProblem(newPassword, repeat, email);
    setNewProblem(problem);
    return problem === null;
  };

  const changeFirst = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !readyNewPassword()) return;
    setShown(null);
    setBusy(true);
    const result = await api.changeFirstPassword({ newPassword });
    setBusy(false);
    const answer = result.ok ? result.value : ipcFailure(result.error.message);
    if (!answer.ok) {
      fail(answer);
      return;
    }
    setStation(answer.station);
    go('station');
  };

  const requestCode = async () => {
    if (busy) return;
    setShown(null);
    setBusy(true);
    const result = await api.requestResetCode({ email });
    setBusy(false);
    const answer = result.ok ? result.value : ipcFailure(result.error.message);
    if (!answer.ok) {
      fail(answer);
      return;
    }
    setResendAt(Date.now() + answer.resendAfterSec * 1000);
    setCode('');
    setNewPassword('');
    setRepeat('');
    setStep('forgot');
    setNewProblem(null);
    setInfo('code-sent');
  };

  const reset = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || code.length !== 6 || !readyNewPassword()) return;
    setShown(null);
    setBusy(true);
    const result = await api.resetPassword({ email, code, newPassword });
    setBusy(false);
    const answer = result.ok ? result.value : ipcFailure(result.error.message);
    if (!answer.ok) {
      fail(answer);
      setCode('');
      return;
    }
    setPassword('');
    go('password');
    setInfo('password-reset');
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (step === 'password' && isBackToEmail(event)) {
      event.preventDefault();
      go('email');
    }
  };

  // Never more than the service said: `now` may be up to one tick older than the answer.
  const waitLeft =
    shown?.until != null ? Math.min(shown.failure.retryAfterSec ?? 0, Math.max(0, (shown.until - now) / 1000)) : 0;
  const locked = waitLeft > 0 && (shown?.failure.code === 'too-many-tries' || shown?.failure.code === 'rate-limited');
  const resendLeft = Math.max(0, (resendAt - now) / 1000);
  const connecting = attempted && registration.status === 'connecting';
  const registrationFailed = attempted && registration.status === 'error' && !shown;
  const newPasswordError =
    newProblem === 'rules'
      ? t('passwordSignIn.errors.rules-unmet')
      : newProblem === 'mismatch'
        ? t('passwordSignIn.errors.mismatch')
        : newProblem === 'repeat-missing'
          ? t('passwordSignIn.errors.repeat-missing')
          : undefined;

  const emailLine = (
    <div className="company-line" data-testid="signin-email">
      <span className="field-label">{t('passwordSignIn.email')}</span>
      <span className="company-line-name">{email}</span>
    </div>
  );
  const newPasswordFields = (
    <>
      <PasswordField
        label={t('passwordSignIn.newPassword')}
        value={newPassword}
        onValue={(value) => {
          setNewPassword(value);
          setNewProblem(null);
        }}
        testId="new-password"
        autoComplete="new-password"
        autoFocus={step === 'change'}
        maxLength={200}
      />
      <PasswordChecklist password={newPassword} email={email} />
      <PasswordField
        label={t('passwordSignIn.repeatPassword')}
        value={repeat}
        onValue={(value) => {
          setRepeat(value);
          setNewProblem(null);
        }}
        error={newPasswordError}
        testId="repeat-password"
        autoComplete="new-password"
        maxLength={200}
      />
    </>
  );
  const spinnerButton = (label: string, busyLabel: string, testId: string, disabled = false) => (
    <button
      type="submit"
      className="btn btn-primary btn-block"
      data-testid={testId}
      disabled={busy || disabled}
      aria-busy={busy}
    >
      {busy && <span className="spinner" aria-hidden="true" />}
      {busy ? busyLabel : label}
    </button>
  );

  return (
    <main
      className="signin"
      data-testid="password-signin"
      data-step={step}
      data-failures={failures}
      onKeyDown={onKeyDown}
    >
      <div className="signin-brand">
        <span className="signin-logo" aria-hidden="true">
          <MailIcon size={22} />
        </span>
        <h1 className="signin-title">{t(`passwordSignIn.titles.${step}`)}</h1>
        <p className="signin-subtitle">{t(`passwordSignIn.subtitles.${step}`)}</p>
      </div>

      {/* The station step is long (it scrolls at a large text size): its refusal sits by its Submit instead. */}
      {shown && step !== 'station' && <FailureNotice failure={shown.failure} waitLeftSec={waitLeft} />}
      {registrationFailed && (
        <div className="notice notice-error" role="alert" data-testid="password-registration-error">
          <div className="notice-title">
            {registration.error ? t(`registration.errors.${registration.error}`) : t('signIn.failed')}
          </div>
        </div>
      )}
      {info && !shown && (
        <div className="notice notice-success" role="status" data-testid="password-info" data-info={info}>
          {t(`passwordSignIn.info.${info}`, { email })}
        </div>
      )}

      {step === 'email' && (
        <form className="signin-form" noValidate onSubmit={toPassword}>
          <TextField
            label={t('passwordSignIn.email')}
            placeholder={t('passwordSignIn.emailPlaceholder')}
            error={emailError ? t('passwordSignIn.errors.email') : undefined}
            value={email}
            onValue={(value) => {
              setEmail(value);
              setEmailError(false);
            }}
            data-testid="email-input"
            type="email"
            inputMode="email"
            autoComplete="username"
            spellCheck={false}
            maxLength={254}
            autoFocus
          />
          <div className="signin-actions">
            <button type="submit" className="btn btn-primary btn-block" data-testid="email-next">
              {t('passwordSignIn.next')}
            </button>
          </div>
        </form>
      )}

      {step === 'password' && (
        <form className="signin-form" noValidate onSubmit={(e) => void signIn(e)}>
          {emailLine}
          <PasswordField
            label={t('passwordSignIn.password')}
            value={password}
            onValue={setPassword}
            testId="password-input"
            autoComplete="current-password"
            maxLength={200}
            disabled={locked}
            autoFocus
          />
          <label className="checkbox-line">
            <input
              type="checkbox"
              data-testid="remember-me"
              checked={remember}
              onChange={(e) => setRemember(e.target.checked)}
            />
            <span>{t('passwordSignIn.remember')}</span>
          </label>
          <div className="signin-actions">
            {spinnerButton(t('passwordSignIn.signIn'), t('passwordSignIn.signingIn'), 'password-sign-in', locked)}
            <button
              type="button"
              className="btn btn-ghost btn-block"
              data-testid="forgot-password"
              disabled={busy}
              onClick={() => void requestCode()}
            >
              {t('passwordSignIn.forgot')}
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-block"
              data-testid="change-email"
              title={t('passwordSignIn.changeEmailShortcut')}
              onClick={() => go('email')}
            >
              {t('passwordSignIn.changeEmail')}
            </button>
          </div>
        </form>
      )}

      {step === 'change' && (
        <form className="signin-form" noValidate onSubmit={(e) => void changeFirst(e)}>
          {emailLine}
          {newPasswordFields}
          <div className="signin-actions">
            {spinnerButton(t('passwordSignIn.saveAndContinue'), t('passwordSignIn.saving'), 'save-new-password')}
          </div>
        </form>
      )}

      {step === 'forgot' && (
        <form className="signin-form" noValidate onSubmit={(e) => void reset(e)}>
          {emailLine}
          <TextField
            label={t('passwordSignIn.code')}
            value={code}
            onValue={(text) => setCode(resetCodeDigits(text))}
            data-testid="reset-code"
            className="code-input"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            disabled={locked}
            autoFocus
          />
          {newPasswordFields}
          <div className="signin-actions">
            {spinnerButton(t('passwordSignIn.setNewPassword'), t('passwordSignIn.saving'), 'reset-password', locked)}
            <button
              type="button"
              className="btn btn-secondary btn-block"
              data-testid="send-code-again"
              disabled={busy || resendLeft > 0 || locked}
              onClick={() => void requestCode()}
            >
              {resendLeft > 0 || locked
                ? t('passwordSignIn.sendAgainIn', { time: formatWait(Math.max(resendLeft, waitLeft)) })
                : t('passwordSignIn.sendAgain')}
            </button>
            <button type="button" className="btn btn-ghost btn-block" onClick={() => go('password')}>
              {t('passwordSignIn.backToPassword')}
            </button>
          </div>
        </form>
      )}

      {step === 'station' && station && (
        <StationStep
          options={station}
          busy={busy}
          onSubmit={(choice) => void chooseStation(choice)}
          actions={
            <div className="signin-actions">
              {shown && <FailureNotice failure={shown.failure} waitLeftSec={waitLeft} />}
              {connecting && <SignInStatus text={t('numberSignIn.connecting')} />}
              {spinnerButton(t('passwordSignIn.station.submit'), t('passwordSignIn.signingIn'), 'station-submit')}
            </div>
          }
        />
      )}

      <div className="signin-ways">
        <button type="button" className="link-button" data-testid="use-mobile" onClick={onUseMobile}>
          {t('numberSignIn.useMobile')}
        </button>
        <button type="button" className="link-button" data-testid="use-sip-account" onClick={onUseSipAccount}>
          {t('numberSignIn.useSipAccount')}
        </button>
      </div>
    </main>
  );
}
