/**
 * After a sign-in with "Remember me": says when the account could not be kept in the OS keychain,
 * instead of failing silently: kept with a weaker key file (the browser host), or not kept at all.
 * Dismissed with its button; it does not come back for this sign-in.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../shared/domain.ts';
import { AlertIcon } from './icons.tsx';

export function RememberNotice({ account }: { account: AccountSummary | null }) {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState(false);
  const remembered = account?.remembered;
  if (dismissed || (remembered !== 'weak' && remembered !== 'not-saved')) return null;
  return (
    <div
      className="notice notice-error remember-notice"
      role="alert"
      data-testid="remember-notice"
      data-kept={remembered}
    >
      <AlertIcon size={18} className="notice-icon" />
      <div>
        <div className="notice-title">{t(`rememberMe.${remembered}`)}</div>
        <button
          type="button"
          className="link-button"
          data-testid="remember-notice-ok"
          onClick={() => setDismissed(true)}
        >
          {t('rememberMe.ok')}
        </button>
      </div>
    </div>
  );
}
