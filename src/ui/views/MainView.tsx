/** Signed-in shell: account header with registration badge, the active tab, and the tab bar. */
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import type { AppState } from '../../shared/domain.ts';
import { Avatar } from '../components/Avatar.tsx';
import { ChatIcon, ClockIcon, KeypadIcon, SettingsIcon, TeamIcon, UsersIcon } from '../components/icons.tsx';
import { RegistrationBadge, RegistrationProblem } from '../components/RegistrationBadge.tsx';
import { useApi } from '../state/api-context.ts';
import { useHistoryInfo } from '../state/use-history-info.ts';
import { DialPadView } from './DialPadView.tsx';
import { StatusMenu } from './agent/StatusMenu.tsx';
import { AgentBars } from './agent/AgentBars.tsx';
import { OfferBar } from './chat/OfferBar.tsx';
import { MessageColleagueContext, type MessageColleague } from './directory/message-colleague.ts';

// The dial pad is what the window opens on; the other tabs load when first chosen (their own chunks),
// so a window reopened from the tray parses and paints less (issue 23, bench:footprint).
const CallLogView = lazy(() => import('./CallLogView.tsx').then((m) => ({ default: m.CallLogView })));
const DirectoryView = lazy(() => import('./DirectoryView.tsx').then((m) => ({ default: m.DirectoryView })));
const ChatsView = lazy(() => import('./chat/ChatsView.tsx').then((m) => ({ default: m.ChatsView })));
const TeamView = lazy(() => import('./team/TeamView.tsx').then((m) => ({ default: m.TeamView })));
const SettingsView = lazy(() => import('./SettingsView.tsx').then((m) => ({ default: m.SettingsView })));

type Tab = 'dialpad' | 'calls' | 'chats' | 'team' | 'directory' | 'settings';
const TABS: ReadonlyArray<{ id: Tab; label: ParseKeys; icon: ReactNode }> = [
  { id: 'dialpad', label: 'tabs.dialpad', icon: <KeypadIcon size={22} /> },
  { id: 'calls', label: 'tabs.calls', icon: <ClockIcon size={22} /> },
  { id: 'chats', label: 'tabs.chats', icon: <ChatIcon size={22} /> },
  { id: 'team', label: 'tabs.team', icon: <TeamIcon size={22} /> },
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
  // The chat shown in the Chats tab (null: the list); kept while other tabs are looked at.
  const [shownChat, setShownChat] = useState<string | null>(null);
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
  // A chat accepted in the small offer window: this window came up to show it.
  const showChat = state.chat?.show;
  useEffect(() => {
    if (!showChat) return;
    setShownChat(showChat);
    setTab('chats');
  }, [showChat]);
  const missed = history?.missedUnseen ?? 0;
  const { account, registration } = state;
  const canDial = registration.status === 'registered';
  const title = account.displayName || account.user;
  // Chats only for a sign-in with a company (number sign-in): the service's desk.
  const chat = state.chat;
  // The Team tab only for a sign-in as supervisor (issue 19).
  const supervising = state.supervising === true;
  const tabs = TABS.filter((item) => (item.id !== 'chats' || chat) && (item.id !== 'team' || supervising));
  const shownTab = (tab === 'chats' && !chat) || (tab === 'team' && !supervising) ? 'dialpad' : tab;
  const chatBadge = chat
    ? chat.offers.length +
      chat.open.reduce((sum, c) => sum + c.unread, 0) +
      (chat.internal ?? []).reduce((sum, c) => sum + c.unread, 0)
    : 0;
  // "Message" on a colleague (issue 17): our chat, shown in the Chats tab; none without a company.
  const messageColleague: MessageColleague = chat
    ? (person) =>
        void api.startInternalChat({ personId: person.id }).then((result) => {
          if (!result.ok) return;
          setShownChat(result.value.id);
          setTab('chats');
        })
    : null;

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
      {chat && (
        <OfferBar
          offers={chat.offers}
          onAccepted={(id) => {
            setShownChat(id);
            setTab('chats');
          }}
        />
      )}

      <div className="tab-panel" role="tabpanel" id={`panel-${shownTab}`} aria-labelledby={`tab-${shownTab}`}>
        <Suspense fallback={null}>
          {shownTab === 'dialpad' && (
            <DialPadView
              key={draft?.key ?? 0}
              canDial={canDial}
              keyboardActive={interactive}
              initialNumber={draft?.number}
            />
          )}
          {shownTab === 'calls' && (
            <CallLogView
              canDial={canDial}
              missedUnseen={missed}
              onEditNumber={(number) => {
                setDraft({ number, key: Date.now() });
                setTab('dialpad');
              }}
            />
          )}
          {shownTab === 'chats' && chat && (
            <ChatsView chat={chat} myExtension={account.user} shown={shownChat} onShow={setShownChat} />
          )}
          {shownTab === 'team' && (
            <MessageColleagueContext.Provider value={messageColleague}>
              <TeamView />
            </MessageColleagueContext.Provider>
          )}
          {shownTab === 'directory' && (
            <MessageColleagueContext.Provider value={messageColleague}>
              <DirectoryView canDial={canDial} />
            </MessageColleagueContext.Provider>
          )}
          {shownTab === 'settings' && (
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
        </Suspense>
      </div>

      <nav className="tabbar" role="tablist" aria-label={t('tabs.label')}>
        {tabs.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`tab-${item.id}`}
            aria-selected={shownTab === item.id}
            aria-controls={`panel-${item.id}`}
            className={`tab${shownTab === item.id ? ' tab-active' : ''}`}
            onClick={() => setTab(item.id)}
          >
            <span className="tab-icon">
              {item.icon}
              {item.id === 'chats' && chatBadge > 0 && (
                <span
                  className="tab-badge"
                  data-testid="chats-badge"
                  aria-label={t('tabs.chatsBadge', { count: chatBadge })}
                >
                  {chatBadge > 99 ? '99+' : chatBadge}
                </span>
              )}
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
            <span className="tab-label">{t(item.label)}</span>
          </button>
        ))}
      </nav>
    </div>
  );
}
