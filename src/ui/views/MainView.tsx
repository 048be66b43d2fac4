/** Signed-in shell: account header with registration badge, the active tab, and the tab bar. */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import type { AppState } from '../../shared/domain.ts';
import { Avatar } from '../components/Avatar.tsx';
import { ClockIcon, KeypadIcon, SettingsIcon, UsersIcon } from '../components/icons.tsx';
import { RegistrationBadge, RegistrationProblem } from '../components/RegistrationBadge.tsx';
import { useApi } from '../state/api-context.ts';
import { useHistoryInfo } from '../state/use-history-info.ts';
import { CallLogView } from './CallLogView.tsx';
import { DialPadView } from './DialPadView.tsx';
import { DirectoryView } from './DirectoryView.tsx';
import { SettingsView } from './SettingsView.tsx';
import { StatusMenu } from './agent/StatusMenu.tsx';
import { AgentBars } from './agent/AgentBars.tsx';

type Tab = 'dialpad' | 'calls' | 'directory' | 'settings';
const TABS: ReadonlyArray<{ id: Tab; label: ParseKeys; icon: ReactNode }> = [
  { id: 'dialpad', label: 'tabs.dialpad', icon: <KeypadIcon size={22} /> },
  { id: 'calls', label: 'tabs.calls', icon: <ClockIcon size={22} /> },
  { id: 'directory', label: 'tabs.directory', icon: <UsersIcon size={22} /> },
  { id: 'settings', label: 'tabs.settings', icon: <SettingsIcon size={22} /> },
];

type Props = {
  state: AppState & { account: NonNullable<AppState['account']> };
  /** False while the incoming-call overlay is up. */
  interactive: boolean;
  onChangeAccount: () => void;
};

export function MainView({ state, interactive, onChangeAccount }: Props) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('dialpad');
  // A number sent from the history to edit; the key remounts the dial pad with it.
  const [draft, setDraft] = useState<{ number: string; key: number } | null>(null);
  const api = useApi();
  const history = useHistoryInfo(api);
  // A tel:/sip: link or --dial from outside lands on the dial pad, ready to edit or call.
  useEffect(
    () =>
      api.on('dialRequest', ({ target }) => {
        setDraft({ number: target, key: Date.now() });
        setTab('dialpad');
      }),
    [api],
  );
  const missed = history?.missedUnseen ?? 0;
  const { account, registration } = state;
  const canDial = registration.status === 'registered';
  const title = account.displayName || account.user;

  return (
    <div className="main" inert={!interactive}>
      <header className="header">
        <Avatar name={account.displayName || undefined} />
        <div className="header-account">
          <div className="header-name">{title}</div>
          <div className="header-sub">
            <span className="header-ext">{t('header.extension', { user: account.user })}</span>
            {state.agent && <StatusMenu agent={state.agent} />}
          </div>
        </div>
        <RegistrationBadge registration={registration} />
      </header>
      <RegistrationProblem registration={registration} testId="registration-error" />
      <AgentBars agent={state.agent} />

      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'dialpad' && (
          <DialPadView
            key={draft?.key ?? 0}
            canDial={canDial}
            keyboardActive={interactive}
            initialNumber={draft?.number}
          />
        )}
        {tab === 'calls' && (
          <CallLogView
            canDial={canDial}
            missedUnseen={missed}
            onEditNumber={(number) => {
              setDraft({ number, key: Date.now() });
              setTab('dialpad');
            }}
          />
        )}
        {tab === 'directory' && <DirectoryView canDial={canDial} />}
        {tab === 'settings' && (
          <SettingsView
            account={account}
            registration={registration}
            languagePreference={state.languagePreference}
            retention={history?.retention ?? 'forever'}
            onChangeAccount={onChangeAccount}
            audioSettings={state.audioSettings}
            display={state.display}
            audio={state.audio}
          />
        )}
      </div>

      <nav className="tabbar" role="tablist" aria-label={t('tabs.label')}>
        {TABS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`tab-${item.id}`}
            aria-selected={tab === item.id}
            aria-controls={`panel-${item.id}`}
            className={`tab${tab === item.id ? ' tab-active' : ''}`}
            onClick={() => setTab(item.id)}
          >
            <span className="tab-icon">
              {item.icon}
              {item.id === 'calls' && missed > 0 && (
                <span
                  className="tab-badge"
                  data-testid="missed-badge"
                  aria-label={t('tabs.missedBadge', { count: missed })}
                >
                  {missed > 99 ? '99+' : missed}
                </span>
              )}
            </span>
            <span>{t(item.label)}</span>
          </button>
        ))}
      </nav>
    </div>
  );
}
