/**
 * Settings' Change password, for an account signed in by e-mail: the current password, the new one
 * twice, each with Show/Hide and the rules ticked as the user types. The service signs the account's
 * other computers out; a refusal shows in words with its trace id.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NumberSignInFailure } from '../../../shared/number-sign-in.ts';
import { PasswordField } from '../../components/PasswordField.tsx';
import { useApi } from '../../state/api-context.ts';
import { FailureNotice } from './FailureNotice.tsx';
import { PasswordChecklist } from './PasswordChecklist.tsx';
import { newPasswordProblem } from './password-checklist.ts';
import { useTick } from '../use-tick.ts';

type Shown = { failure: NumberSignInFailure; until: number | null };

export function ChangePasswordCard({ email }: { email: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<ReturnType<typeof newPasswordProblem>>(null);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [done, setDone] = useState(false);
  const now = useTick(shown?.until != null);

  const reset = () => {
    setCurrent('');
    setNext('');
    setRepeat('');
    setProblem(null);
    setShown(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || current === '') return;
    const found = newPasswordProblem(next, repeat, email);
    setProblem(found);
    if (found) return;
    setShown(null);
    setBusy(true);
    const result = await api.changePassword({ currentPassword: current, newPassword: next });
    setBusy(false);
    const answer: { ok: true } | NumberSignInFailure = result.ok
      ? result.value
      : { ok: false, code: 'failed', detail: result.error.message };
    if (!answer.ok) {
      setShown({
        failure: answer,
        until: answer.retryAfterSec !== undefined ? Date.now() + answer.retryAfterSec * 1000 : null,
      });
      return;
    }
    reset();
    setOpen(false);
    setDone(true);
  };

  const problemText =
    problem === 'rules'
      ? t('passwordSignIn.errors.rules-unmet')
      : problem === 'mismatch'
        ? t('passwordSignIn.errors.mismatch')
        : problem === 'repeat-missing'
          ? t('passwordSignIn.errors.repeat-missing')
          : undefined;

  return (
    <div className="card" data-testid="change-password-card">
      <h2 className="card-title">{t('settings.password')}</h2>
      <p className="muted card-hint">{email}</p>
      {done && (
        <div className="notice notice-success" role="status" data-testid="password-changed">
          {t('settings.passwordChanged')}
        </div>
      )}
      {!open ? (
        <div className="card-actions">
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="change-password"
            onClick={() => {
              setDone(false);
              setOpen(true);
            }}
          >
            {t('settings.changePassword')}
          </button>
        </div>
      ) : (
        <form className="signin-form" noValidate onSubmit={(e) => void save(e)}>
          {shown && (
            <FailureNotice
              failure={shown.failure}
              waitLeftSec={shown.until ? Math.max(0, (shown.until - now) / 1000) : 0}
              testId="change-password-error"
            />
          )}
          <PasswordField
            label={t('passwordSignIn.currentPassword')}
            value={current}
            onValue={setCurrent}
            testId="current-password"
            autoComplete="current-password"
            maxLength={200}
            autoFocus
          />
          <PasswordField
            label={t('passwordSignIn.newPassword')}
            value={next}
            onValue={(value) => {
              setNext(value);
              setProblem(null);
            }}
            testId="new-password"
            autoComplete="new-password"
            maxLength={200}
          />
          <PasswordChecklist password={next} email={email} />
          <PasswordField
            label={t('passwordSignIn.repeatPassword')}
            value={repeat}
            onValue={(value) => {
              setRepeat(value);
              setProblem(null);
            }}
            error={problemText}
            testId="repeat-password"
            autoComplete="new-password"
            maxLength={200}
          />
          <div className="card-actions">
            <button type="submit" className="btn btn-primary" data-testid="save-password" disabled={busy}>
              {busy && <span className="spinner" aria-hidden="true" />}
              {busy ? t('passwordSignIn.saving') : t('settings.savePassword')}
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                reset();
                setOpen(false);
              }}
            >
              {t('settings.cancelPassword')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
