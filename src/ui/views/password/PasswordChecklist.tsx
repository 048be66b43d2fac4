/** The rules a new password must meet, each ticked as the user types it. */
import { useTranslation } from 'react-i18next';
import { passwordChecklist } from './password-checklist.ts';

export function PasswordChecklist({ password, email }: { password: string; email: string }) {
  const { t } = useTranslation();
  return (
    <ul className="password-rules" data-testid="password-rules" aria-label={t('passwordSignIn.rulesTitle')}>
      {passwordChecklist(password, email).map(({ rule, met }) => (
        <li key={rule} className={met ? 'rule-met' : 'rule-unmet'} data-rule={rule} data-met={met}>
          <span aria-hidden="true" className="rule-mark">
            {met ? '✓' : '•'}
          </span>
          {t(`passwordSignIn.rules.${rule}`)}
        </li>
      ))}
    </ul>
  );
}
