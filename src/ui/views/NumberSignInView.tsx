/**
 * Sign-in by mobile number, the first way in: the number, then the company (skipped when
 * there is one), then the code a voice reads in a phone call. Main talks to the provisioning
 * service; on a right code it signs in with the issued account and registration shows in state.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrationState } from '../../shared/domain.ts';
import { parseMobileNumber } from '../../shared/mobile-number.ts';
import type { Company, NumberSignInFailure } from '../../shared/number-sign-in.ts';
import { AlertIcon, ChevronIcon, PhoneIcon } from '../components/icons.tsx';
import { TextField } from '../components/TextField.tsx';
import { useApi } from '../state/api-context.ts';
import { codeDigits, formatWait } from './number-sign-in-format.ts';
import { refusalWords } from './refusal-words.ts';
import { useTick } from './use-tick.ts';

type Props = {
  registration: RegistrationState;
  /** True once a code was accepted: the registration outcome is about this sign-in. */
  attempted: boolean;
  onAttempt: () => void;
  onUseSipAccount: () => void;
  /** The second way in: e-mail and password (contact-center accounts). */
  onUseEmail: () => void;
};

type Step = 'number' | 'company' | 'code';
/** "Call me again" waits this long until the service says otherwise (its answer comes once the phone is picked up). */
const DEFAULT_RESEND_SEC = 180;
/** A failure from main, with the moment its wait (if any) ends. */
type Shown = { failure: NumberSignInFailure; until: number | null };

export function NumberSignInView({ registration, attempted, onAttempt, onUseSipAccount, onUseEmail }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [step, setStep] = useState<Step>('number');
  const [mobile, setMobile] = useState('');
  const [mobileError, setMobileError] = useState<string | null>(null);
  const [serverUrl, setServerUrl] = useState<{ loaded: string; value: string } | null>(null);
  const [serverUrlError, setServerUrlError] = useState(false);
  const [companies, setCompanies] = useState<Company[]>([]);
  const [companyId, setCompanyId] = useState<number | null>(null);
  const [e164, setE164] = useState('');
  const [display, setDisplay] = useState('');
  const [resendAt, setResendAt] = useState(0);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  // A code call is ringing the phone: the service answers once it is picked up (up to ~30 s).
  const [calling, setCalling] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const now = useTick(step === 'code' || shown?.until != null);
  const codeRef = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    let live = true;
    void api.getProvisioningUrl({}).then((result) => {
      if (live) setServerUrl({ loaded: result.ok ? result.value.url : '', value: result.ok ? result.value.url : '' });
    });
    return () => {
      live = false;
    };
  }, [api]);

  // How many answers were failures so far: lets tests tell a new answer from an identical earlier one.
  const [failures, setFailures] = useState(0);
  const fail = (failure: NumberSignInFailure) => {
    setFailures((n) => n + 1);
    setShown({
      failure,
      until: failure.retryAfterSec !== undefined ? Date.now() + failure.retryAfterSec * 1000 : null,
    });
  };
  const ipcFailure = (message: string): NumberSignInFailure => ({ ok: false, code: 'failed', detail: message });

  const checkNumber = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setShown(null);
    const parsed = parseMobileNumber(mobile);
    if (!parsed.ok) {
      setMobileError(t(`numberSignIn.errors.${parsed.error}`));
      return;
    }
    const url = serverUrl?.value.trim() ?? '';
    if (serverUrl && url !== serverUrl.loaded) {
      if (url !== '' && !/^https?:\/\/\S+$/i.test(url)) {
        setServerUrlError(true);
        return;
      }
      const saved = await api.setProvisioningUrl({ url });
      if (!saved.ok) return fail(ipcFailure(saved.error.message));
      setServerUrl({ loaded: url, value: url });
    }
    setBusy(true);
    const result = await api.lookupNumber({ mobile: parsed.e164 });
    setBusy(false);
    if (!result.ok) return fail(ipcFailure(result.error.message));
    if (!result.value.ok) return fail(result.value);
    setE164(parsed.e164);
    setDisplay(parsed.display);
    setCompanies(result.value.companies);
    const only = result.value.companies.length === 1 ? result.value.companies[0] : undefined;
    setCompanyId(only ? only.id : null);
    // One company: nothing to choose; its name shows above "Get code", which the person presses
    // themselves (a code call rings their phone).
    setStep('company');
  };

  const getCode = async () => {
    if (busy || calling || companyId === null) return;
    const from = step;
    const previousResendAt = resendAt;
    setShown(null);
    setCode('');
    // The code step shows at once: the phone rings while the service waits for it to be answered,
    // and the person may type the code as soon as they hear it.
    setStep('code');
    setCalling(true);
    setResendAt(Date.now() + DEFAULT_RESEND_SEC * 1000);
    const result = await api.requestCode({ mobile: e164, companyId });
    setCalling(false);
    const answer = result.ok ? result.value : ipcFailure(result.error.message);
    if (!answer.ok) {
      // No call: back to where the person asked (the company step for a first call), with the reason.
      setResendAt(previousResendAt);
      if (from === 'company') setStep('company');
      return fail(answer);
    }
    setResendAt(Date.now() + answer.resendAfterSec * 1000);
  };

  const verify = async (digits: string) => {
    if (busy || companyId === null) return;
    setShown(null);
    setBusy(true);
    onAttempt();
    const result = await api.verifyCode({ mobile: e164, companyId, code: digits });
    setBusy(false);
    if (!result.ok) return fail(ipcFailure(result.error.message));
    if (!result.value.ok) {
      fail(result.value);
      setCode('');
    }
  };

  // Ready for the (next) code: the field is enabled again once a check or a call request is done.
  useEffect(() => {
    if (step === 'code' && !busy) codeRef.current?.focus();
  }, [step, busy]);

  const typeCode = (text: string) => {
    const digits = codeDigits(text);
    setCode(digits);
    if (digits.length === 4) void verify(digits);
  };

  const startOver = () => {
    setStep('number');
    setShown(null);
    setCode('');
  };

  const waitLeft = shown?.until != null ? Math.max(0, (shown.until - now) / 1000) : 0;
  // Locked out (too many wrong codes, or rate-limited): no code can be typed or asked for until the wait ends.
  const locked = waitLeft > 0 && (shown?.failure.code === 'too-many-tries' || shown?.failure.code === 'rate-limited');
  const resendLeft = Math.max(0, (resendAt - now) / 1000);
  const failure = shown?.failure;
  const failureText = failure ? refusalWords(t, 'numberSignIn', failure, waitLeft) : null;
  const connecting = attempted && registration.status === 'connecting';
  const registrationFailed = attempted && registration.status === 'error';
  const company = companies.find((c) => c.id === companyId);
  const urlMissing = serverUrl !== null && serverUrl.loaded === '';

  const serverUrlField = serverUrl && (
    <TextField
      label={t('numberSignIn.serverUrl')}
      placeholder={t('numberSignIn.serverUrlPlaceholder')}
      hint={t('numberSignIn.serverUrlHint')}
      error={serverUrlError ? t('numberSignIn.errors.serverUrl') : undefined}
      value={serverUrl.value}
      onValue={(value) => {
        setServerUrl({ ...serverUrl, value });
        setServerUrlError(false);
      }}
      data-testid="provisioning-url"
      inputMode="url"
      spellCheck={false}
    />
  );

  return (
    <main className="signin" data-testid="number-signin" data-step={step} data-failures={failures}>
      <div className="signin-brand">
        <span className="signin-logo" aria-hidden="true">
          <PhoneIcon size={22} />
        </span>
        <h1 className="signin-title">{t('numberSignIn.title')}</h1>
        <p className="signin-subtitle">{t('numberSignIn.subtitle')}</p>
      </div>

      {(failureText !== null || registrationFailed) && (
        <div className="notice notice-error" role="alert" data-testid="number-signin-error" data-code={failure?.code}>
          <AlertIcon size={18} className="notice-icon" />
          <div>
            <div className="notice-title">
              {failureText ??
                (registration.error ? t(`registration.errors.${registration.error}`) : t('signIn.failed'))}
            </div>
            {!failureText && registration.detail && <div className="notice-detail">{registration.detail}</div>}
          </div>
        </div>
      )}

      {step === 'number' && (
        <form className="signin-form" noValidate onSubmit={(e) => void checkNumber(e)}>
          {urlMissing && serverUrlField}
          <TextField
            label={t('numberSignIn.mobile')}
            placeholder={t('numberSignIn.mobilePlaceholder')}
            hint={t('numberSignIn.mobileHint')}
            error={mobileError ?? undefined}
            value={mobile}
            onValue={(value) => {
              setMobile(value);
              setMobileError(null);
              // An answer about the previous number must not stay next to a different one.
              setShown(null);
            }}
            data-testid="mobile-input"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            autoFocus
          />
          {serverUrl && !urlMissing && (
            <details className="advanced">
              <summary className="advanced-summary">
                <ChevronIcon size={16} className="advanced-chevron" />
                {t('numberSignIn.advanced')}
              </summary>
              {serverUrlField}
            </details>
          )}
          <div className="signin-actions">
            <button
              type="submit"
              className="btn btn-primary btn-block"
              data-testid="check-number"
              disabled={busy}
              aria-busy={busy}
            >
              {busy && <span className="spinner" aria-hidden="true" />}
              {busy ? t('numberSignIn.checking') : t('numberSignIn.check')}
            </button>
          </div>
        </form>
      )}

      {step === 'company' && (
        <form
          className="signin-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void getCode();
          }}
        >
          {companies.length > 1 ? (
            <fieldset className="company-list" data-testid="company-list">
              <legend className="field-label">{t('numberSignIn.companyTitle')}</legend>
              <p className="field-hint">{t('numberSignIn.companyHint', { number: display })}</p>
              {companies.map((c) => (
                <label key={c.id} className="company-option">
                  <input
                    type="radio"
                    name="company"
                    value={c.id}
                    checked={companyId === c.id}
                    onChange={() => setCompanyId(c.id)}
                  />
                  <span>{c.name}</span>
                </label>
              ))}
            </fieldset>
          ) : (
            <CompanyLine label={t('numberSignIn.companyOne')} name={company?.name ?? ''} />
          )}
          <CompanyLine label={t('numberSignIn.mobile')} name={display} testId="signin-number" />
          <div className="signin-actions">
            <button
              type="submit"
              className="btn btn-primary btn-block"
              data-testid="get-code"
              disabled={busy || companyId === null}
              aria-busy={busy}
            >
              {busy && <span className="spinner" aria-hidden="true" />}
              {busy ? t('numberSignIn.requestingCode') : t('numberSignIn.getCode')}
            </button>
            <button type="button" className="btn btn-ghost btn-block" onClick={startOver}>
              {t('numberSignIn.changeNumber')}
            </button>
          </div>
        </form>
      )}

      {step === 'code' && (
        <form
          className="signin-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (code.length === 4) void verify(code);
          }}
        >
          {company && <CompanyLine label={t('numberSignIn.companyOne')} name={company.name} />}
          {!locked && (
            <p className="code-calling" data-testid="code-calling">
              {t('numberSignIn.calling', { number: display })}
            </p>
          )}
          <TextField
            label={t('numberSignIn.code')}
            value={code}
            onValue={typeCode}
            inputRef={(el) => void (codeRef.current = el)}
            data-testid="code-input"
            className="code-input"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={4}
            disabled={busy || connecting || locked}
            autoFocus
          />
          <div className="signin-actions">
            {(busy || connecting || calling) && (
              <div className="signin-status" role="status" data-testid="code-status">
                <span className="spinner spinner-dark" aria-hidden="true" />
                {connecting
                  ? t('numberSignIn.connecting')
                  : busy
                    ? t('numberSignIn.verifying')
                    : t('numberSignIn.ringing')}
              </div>
            )}
            <button
              type="button"
              className="btn btn-secondary btn-block"
              data-testid="call-again"
              disabled={busy || calling || resendLeft > 0 || locked}
              onClick={() => void getCode()}
            >
              {resendLeft > 0 || locked
                ? t('numberSignIn.callAgainIn', { time: formatWait(Math.max(resendLeft, waitLeft)) })
                : t('numberSignIn.callAgain')}
            </button>
            <button type="button" className="btn btn-ghost btn-block" onClick={startOver}>
              {t('numberSignIn.changeNumber')}
            </button>
          </div>
        </form>
      )}

      <div className="signin-ways">
        <button type="button" className="link-button" data-testid="use-email" onClick={onUseEmail}>
          {t('numberSignIn.useEmail')}
        </button>
        <button type="button" className="link-button" data-testid="use-sip-account" onClick={onUseSipAccount}>
          {t('numberSignIn.useSipAccount')}
        </button>
      </div>
    </main>
  );
}

function CompanyLine({ label, name, testId = 'company-name' }: { label: string; name: string; testId?: string }) {
  return (
    <div className="company-line" data-testid={testId}>
      <span className="field-label">{label}</span>
      <span className="company-line-name">{name}</span>
    </div>
  );
}
