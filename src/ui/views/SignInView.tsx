/**
 * SIP account form. Shows the registration outcome of the last attempt (connecting
 * spinner, or the translated reason + server detail) until the account registers.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary, DtmfMode, RegistrationState } from '../../shared/domain.ts';
import { AlertIcon, ChevronIcon, PhoneIcon } from '../components/icons.tsx';
import { TextField } from '../components/TextField.tsx';
import { SignInStatus } from '../components/SignInStatus.tsx';
import { useApi } from '../state/api-context.ts';
import { validateSignIn, type FieldErrors, type SignInField, type SignInFields } from './sign-in-validation.ts';

type Props = {
  /** Prefills the form when changing an existing account (never the password: main does not share it). */
  account: AccountSummary | null;
  registration: RegistrationState;
  /** True once this form submitted; only then is the registration outcome about this form. */
  attempted: boolean;
  /**
   * Called before signIn is sent: main pushes the new account in state before the call
   * resolves, and the app must already know to keep this form up rather than flash the main view.
   */
  onAttempt: () => void;
  /** Present when there is a main view to go back to. */
  onCancel?: (() => void) | undefined;
  /** Back to sign-in by mobile number (a first sign-in only). */
  onUseMobile?: (() => void) | undefined;
  /** To sign-in by e-mail and password (a first sign-in only). */
  onUseEmail?: (() => void) | undefined;
};

export function SignInView({ account, registration, attempted, onAttempt, onCancel, onUseMobile, onUseEmail }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [fields, setFields] = useState<SignInFields>(() => ({
    server: account?.server ?? '',
    user: account?.user ?? '',
    password: '',
    displayName: account?.displayName ?? '',
    domain: account?.domain ?? '',
  }));
  const [dtmfMode, setDtmfMode] = useState<DtmfMode>(account?.dtmfMode ?? 'rfc4733');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const refs = useRef<Partial<Record<SignInField, HTMLInputElement | null>>>({});

  const set = (field: SignInField) => (value: string) => {
    setFields((current) => ({ ...current, [field]: value }));
    // Clear a field's error as soon as the user edits it, so stale messages don't linger.
    if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    setFailure(null);
    const checked = validateSignIn(fields);
    if (!checked.ok) {
      setErrors(checked.errors);
      if (checked.errors.domain) setAdvancedOpen(true);
      const order: SignInField[] = ['server', 'user', 'password', 'displayName', 'domain'];
      const first = order.find((f) => checked.errors[f]);
      if (first) refs.current[first]?.focus();
      return;
    }
    setErrors({});
    setSubmitting(true);
    onAttempt();
    // RFC 4733 is the default, so only the other choice travels with the account.
    const result = await api.signIn(dtmfMode === 'info' ? { ...checked.input, dtmfMode } : checked.input);
    setSubmitting(false);
    if (!result.ok) setFailure(result.error.message);
  };

  const connecting = attempted && registration.status === 'connecting';
  const registrationFailed = attempted && registration.status === 'error' && !connecting;
  const fieldError = (field: SignInField) => {
    const key = errors[field];
    return key ? t(key) : undefined;
  };

  return (
    <main className="signin">
      <div className="signin-brand">
        <span className="signin-logo" aria-hidden="true">
          <PhoneIcon size={22} />
        </span>
        <h1 className="signin-title">{t('signIn.title')}</h1>
        <p className="signin-subtitle">{t('signIn.subtitle')}</p>
      </div>

      <form className="signin-form" data-testid="signin-form" noValidate onSubmit={(e) => void submit(e)}>
        {(failure !== null || registrationFailed) && (
          <div className="notice notice-error" role="alert" data-testid="signin-error">
            <AlertIcon size={18} className="notice-icon" />
            <div>
              <div className="notice-title">
                {failure !== null || !registration.error
                  ? t('signIn.failed')
                  : t(`registration.errors.${registration.error}`)}
              </div>
              {(failure ?? registration.detail) && (
                <div className="notice-detail">{failure ?? registration.detail}</div>
              )}
            </div>
          </div>
        )}

        <TextField
          label={t('signIn.server')}
          placeholder={t('signIn.serverPlaceholder')}
          value={fields.server}
          onValue={set('server')}
          error={fieldError('server')}
          inputRef={(el) => void (refs.current.server = el)}
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          autoFocus={!account}
        />
        <TextField
          label={t('signIn.user')}
          placeholder={t('signIn.userPlaceholder')}
          value={fields.user}
          onValue={set('user')}
          error={fieldError('user')}
          inputRef={(el) => void (refs.current.user = el)}
          autoComplete="username"
          spellCheck={false}
        />
        <TextField
          label={t('signIn.password')}
          type="password"
          value={fields.password}
          onValue={set('password')}
          error={fieldError('password')}
          inputRef={(el) => void (refs.current.password = el)}
          autoComplete="current-password"
          autoFocus={Boolean(account)}
        />
        <TextField
          label={t('signIn.displayName')}
          placeholder={t('signIn.displayNamePlaceholder')}
          value={fields.displayName}
          onValue={set('displayName')}
          error={fieldError('displayName')}
          inputRef={(el) => void (refs.current.displayName = el)}
          autoComplete="name"
        />

        <details className="advanced" open={advancedOpen} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
          <summary className="advanced-summary">
            <ChevronIcon size={16} className="advanced-chevron" />
            {t('signIn.advanced')}
          </summary>
          <TextField
            label={t('signIn.domain')}
            hint={t('signIn.domainHint')}
            value={fields.domain}
            onValue={set('domain')}
            error={fieldError('domain')}
            inputRef={(el) => void (refs.current.domain = el)}
            spellCheck={false}
          />
          <label className="field">
            <span className="field-label">{t('signIn.dtmfMode')}</span>
            <select
              className="field-input"
              data-testid="dtmf-mode"
              value={dtmfMode}
              onChange={(e) => setDtmfMode(e.target.value === 'info' ? 'info' : 'rfc4733')}
            >
              <option value="rfc4733">{t('signIn.dtmfRfc4733')}</option>
              <option value="info">{t('signIn.dtmfInfo')}</option>
            </select>
          </label>
        </details>

        <div className="signin-actions">
          {connecting && <SignInStatus text={t('signIn.connecting')} />}
          {/* Stays enabled while connecting: a hung attempt must not trap the user. */}
          <button type="submit" className="btn btn-primary btn-block" disabled={submitting} aria-busy={submitting}>
            {submitting && <span className="spinner" aria-hidden="true" />}
            {submitting ? t('signIn.submitting') : t('signIn.submit')}
          </button>
          {onCancel && (
            <button type="button" className="btn btn-ghost btn-block" onClick={onCancel}>
              {t('signIn.cancel')}
            </button>
          )}
        </div>
      </form>
      {(onUseMobile || onUseEmail) && (
        <div className="signin-ways">
          {onUseMobile && (
            <button type="button" className="link-button" data-testid="use-mobile" onClick={onUseMobile}>
              {t('numberSignIn.useMobile')}
            </button>
          )}
          {onUseEmail && (
            <button type="button" className="link-button" data-testid="use-email" onClick={onUseEmail}>
              {t('numberSignIn.useEmail')}
            </button>
          )}
        </div>
      )}
    </main>
  );
}
