/** Language preference, the signed-in account, and the ways out of it. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import type { AccountSummary, HistoryRetention, LanguagePreference, RegistrationState } from '../../shared/domain.ts';
import { SignOutIcon } from '../components/icons.tsx';
import { Segmented } from '../components/Segmented.tsx';
import { RegistrationBadge } from '../components/RegistrationBadge.tsx';
import { useApi } from '../state/api-context.ts';
import { AboutDialog } from './AboutDialog.tsx';
import { DesktopSettingsCard } from './DesktopSettingsCard.tsx';
import { ChangePasswordCard } from './password/ChangePasswordCard.tsx';
import { DisplaySettingsCard } from './DisplaySettingsCard.tsx';
import type { DisplaySettings } from '../../shared/display.ts';
import { AudioSettingsCard } from '../audio/AudioSettingsCard.tsx';
import { AgentSettingsCard } from './agent/AgentSettingsCard.tsx';
import { useAgent } from '../state/agent-context.ts';
import type { AudioSettings, AudioStatus } from '../../shared/audio.ts';

const LANGUAGES: ReadonlyArray<{ value: LanguagePreference; label: ParseKeys; lang?: string }> = [
  { value: 'system', label: 'settings.languageSystem' },
  // Each language is named in itself, so someone stuck in the wrong language can still find theirs.
  { value: 'zh-CN', label: 'settings.languageZh', lang: 'zh-CN' },
  { value: 'en', label: 'settings.languageEn', lang: 'en' },
  { value: 'sv', label: 'settings.languageSv', lang: 'sv' },
  { value: 'fr', label: 'settings.languageFr', lang: 'fr' },
];

type Props = {
  account: AccountSummary;
  registration: RegistrationState;
  languagePreference: LanguagePreference;
  retention: HistoryRetention;
  onChangeAccount: () => void;
  audioSettings?: AudioSettings | undefined;
  audio?: AudioStatus | undefined;
  display?: DisplaySettings | undefined;
};

const RETENTIONS: ReadonlyArray<{ value: HistoryRetention; label: ParseKeys }> = [
  { value: 'forever', label: 'settings.retentionForever' },
  { value: '1y', label: 'settings.retention1y' },
  { value: '90d', label: 'settings.retention90d' },
];

export function SettingsView({
  account,
  registration,
  languagePreference,
  retention,
  onChangeAccount,
  audioSettings,
  audio,
  display,
}: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [aboutOpen, setAboutOpen] = useState(false);
  // Log out forgets the account here; asked first, since getting back in means a new phoned code.
  const [confirmingLogOut, setConfirmingLogOut] = useState(false);
  // An agent's call or after-call work refuses Log out (issue 10): the button says why instead.
  const agentStatus = useAgent()?.status;
  const logOutRefusal =
    agentStatus === 'on-call'
      ? t('agent.tray.finishCall')
      : agentStatus === 'after-call-work'
        ? t('agent.tray.finishAcw')
        : null;

  const run = async (action: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    setBusy(true);
    setError(null);
    const result = await action();
    setBusy(false);
    if (!result.ok) setError(result.error?.message ?? '');
  };

  return (
    <section className="settings" aria-label={t('tabs.settings')}>
      <div className="card">
        <h2 className="card-title">{t('settings.language')}</h2>
        <Segmented
          label={t('settings.language')}
          value={languagePreference}
          options={LANGUAGES.map((option) => ({ value: option.value, label: t(option.label), lang: option.lang }))}
          onChange={(preference) => void run(() => api.setLanguage({ preference }))}
        />
      </div>

      <DisplaySettingsCard display={display} />

      <div className="card">
        <h2 className="card-title">{t('settings.history')}</h2>
        <Segmented
          label={t('settings.retention')}
          value={retention}
          options={RETENTIONS.map((option) => ({ value: option.value, label: t(option.label) }))}
          onChange={(value) => void run(() => api.setHistoryRetention({ retention: value }))}
        />
        {retention !== 'forever' && <p className="muted card-hint">{t('settings.retentionHint')}</p>}
      </div>

      <AgentSettingsCard />

      <AudioSettingsCard settings={audioSettings} status={audio} />

      <div className="card">
        <h2 className="card-title">{t('settings.account')}</h2>
        <dl className="facts">
          {account.displayName && (
            <div>
              <dt>{t('settings.displayName')}</dt>
              <dd>{account.displayName}</dd>
            </div>
          )}
          <div>
            <dt>{t('settings.extension')}</dt>
            <dd>{account.user}</dd>
          </div>
          <div>
            <dt>{t('settings.server')}</dt>
            <dd className="mono">{account.server}</dd>
          </div>
          <div>
            <dt>{t('settings.domain')}</dt>
            <dd className="mono">{account.domain}</dd>
          </div>
          <div>
            <dt>{t('settings.dtmfMode')}</dt>
            <dd data-testid="settings-dtmf-mode">
              {account.dtmfMode === 'info' ? t('settings.dtmfInfo') : t('settings.dtmfRfc4733')}
            </dd>
          </div>
          <div>
            <dt>{t('settings.status')}</dt>
            <dd>
              <RegistrationBadge registration={registration} primary={false} />
            </dd>
          </div>
        </dl>
        <div className="card-actions">
          <button type="button" className="btn btn-secondary" onClick={onChangeAccount}>
            {t('settings.changeAccount')}
          </button>
          <button
            type="button"
            className="btn btn-danger-ghost"
            disabled={busy || confirmingLogOut || logOutRefusal !== null}
            title={logOutRefusal ? t('agent.logOutRefusedHint', { reason: logOutRefusal }) : undefined}
            data-testid="log-out"
            onClick={() => setConfirmingLogOut(true)}
          >
            <SignOutIcon size={16} />
            {t('settings.signOut')}
          </button>
        </div>
        {logOutRefusal && (
          <p className="muted card-hint" data-testid="log-out-refused">
            {t('agent.logOutRefusedHint', { reason: logOutRefusal })}
          </p>
        )}
        {confirmingLogOut && (
          <div
            className="notice notice-error log-out-confirm"
            role="alertdialog"
            aria-labelledby="log-out-confirm-title"
          >
            <div>
              <div className="notice-title" id="log-out-confirm-title">
                {t('settings.logOutConfirm')}
              </div>
              <div className="notice-detail">{t('settings.logOutConfirmHint')}</div>
              <div className="card-actions">
                <button
                  type="button"
                  className="btn btn-danger-ghost"
                  disabled={busy}
                  data-testid="confirm-log-out"
                  onClick={() => void run(() => api.signOut({}))}
                >
                  <SignOutIcon size={16} />
                  {t('settings.signOut')}
                </button>
                <button
                  type="button"
                  className="btn btn-secondary"
                  disabled={busy}
                  onClick={() => setConfirmingLogOut(false)}
                  autoFocus
                >
                  {t('settings.logOutCancel')}
                </button>
              </div>
            </div>
          </div>
        )}
      </div>

      {account.email && <ChangePasswordCard email={account.email} />}

      <DesktopSettingsCard />

      <div className="card">
        <div className="card-actions">
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="open-about"
            onClick={() => setAboutOpen(true)}
          >
            {t('desktop.about.menuItem')}
          </button>
        </div>
      </div>
      {/* The in-call screen replaces Settings during a call, so no call is on while this is open. */}
      {aboutOpen && <AboutDialog inCall={false} onClose={() => setAboutOpen(false)} />}

      {error !== null && (
        <div className="notice notice-error" role="alert">
          <div className="notice-title">{t('settings.actionFailed')}</div>
          {error && <div className="notice-detail">{error}</div>}
        </div>
      )}
    </section>
  );
}
