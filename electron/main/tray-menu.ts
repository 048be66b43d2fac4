/**
 * What the tray menu shows for a given app state, as plain data: the status line,
 * missed calls, and which actions apply now. Pure, so every state and language is
 * unit-tested; tray.ts only turns the items into an Electron menu.
 */
import type { AppState } from '../../src/shared/domain.ts';
import type { ChosenStatus } from '../../src/shared/presence.ts';
import { leaveRefusal } from './quit-confirmation.ts';
import { countPhrase, wordsFor } from '../../src/shared/locales/dictionaries.ts';
import { chatsWaiting } from '../services/desktop/chat-offer-notification.ts';

export type TrayAction = 'show' | 'showCalls' | 'logOut' | 'quit' | 'about';
/** A working status the tray can set (issue 10); a break carries its reason. */
export type TrayStatusChoice = { status: ChosenStatus; reason?: string };
export type TrayItem =
  | { kind: 'info'; label: string }
  | { kind: 'action'; action: TrayAction; label: string; enabled: boolean }
  | { kind: 'status'; choice: TrayStatusChoice; label: string; checked: boolean }
  | { kind: 'submenu'; label: string; items: TrayItem[] }
  | { kind: 'separator' };

/** Which tray icon to show: the registration state at a glance, with a dot for missed calls. */
export type TrayIconState = 'registered' | 'connecting' | 'error' | 'offline';
export type TrayIcon = { state: TrayIconState; missed: boolean };

export type TrayModel = { tooltip: string; icon: TrayIcon; items: TrayItem[] };

export function trayIconState(registration: AppState['registration']): TrayIconState {
  switch (registration.status) {
    case 'registered':
      return 'registered';
    case 'connecting':
      return 'connecting';
    case 'error':
      return 'error';
    default:
      return 'offline';
  }
}

export function trayMenuModel(
  state: Pick<AppState, 'account' | 'registration' | 'calls' | 'language' | 'agent'> & Partial<Pick<AppState, 'chat'>>,
  missedUnseen: number,
): TrayModel {
  const words = wordsFor(state.language);
  const status = words.registration.status[state.registration.status];
  const who = state.account ? `${state.account.displayName || state.account.user} · ${status}` : status;
  const inCall = state.calls.some((call) => call.phase !== 'ended');
  const items: TrayItem[] = [{ kind: 'info', label: who }];
  if (missedUnseen > 0) {
    items.push({
      kind: 'action',
      action: 'showCalls',
      label: countPhrase(state.language, words.tray, 'missed', missedUnseen),
      enabled: true,
    });
  }
  // Chat offers and unread chat messages (issue 16): the count, and a way to the window.
  const chats = chatsWaiting(state.chat);
  if (chats > 0) {
    items.push({
      kind: 'action',
      action: 'show',
      label: countPhrase(state.language, words.tray, 'chats', chats),
      enabled: true,
    });
  }
  items.push(...statusItems(state));
  // A number-signed-in agent's call or after-call work refuses Log out and Quit, saying why.
  const refusal = leaveRefusal(state);
  const refusedLabel = (template: string) =>
    template.replace('{{reason}}', refusal === 'acw' ? words.agent.tray.finishAcw : words.agent.tray.finishCall);
  items.push(
    { kind: 'separator' },
    { kind: 'action', action: 'show', label: words.tray.show, enabled: true },
    { kind: 'action', action: 'about', label: words.desktop.tray.about, enabled: true },
    { kind: 'separator' },
    {
      kind: 'action',
      action: 'logOut',
      // Logging out during a call would cut it: refused, and the menu says why.
      label: refusal
        ? refusedLabel(words.agent.tray.logOutRefused)
        : inCall
          ? words.tray.logOutDuringCall
          : words.tray.logOut,
      enabled: state.account !== null && !inCall && !refusal,
    },
    {
      kind: 'action',
      action: 'quit',
      label: refusal ? refusedLabel(words.agent.tray.quitRefused) : words.tray.quit,
      enabled: !refusal,
    },
  );
  const missedNote =
    (missedUnseen > 0 ? ` · ${countPhrase(state.language, words.tray, 'missed', missedUnseen)}` : '') +
    (chats > 0 ? ` · ${countPhrase(state.language, words.tray, 'chats', chats)}` : '');
  return {
    tooltip: `Switchboard — ${who}${missedNote}`,
    icon: { state: trayIconState(state.registration), missed: missedUnseen > 0 },
    items,
  };
}

/** The status line and choices, for a number-signed-in account with a live status. */
function statusItems(state: Pick<AppState, 'language' | 'agent'>): TrayItem[] {
  const agent = state.agent;
  if (!agent || agent.availability === 'needs-number-sign-in') return [];
  const words = wordsFor(state.language);
  const name = (status: keyof typeof words.agent.status) => words.agent.status[status];
  const shown =
    agent.reason && agent.status === 'break' ? `${name(agent.status)} · ${agent.reason}` : name(agent.status);
  const choice = (status: ChosenStatus): TrayItem => ({
    kind: 'status',
    choice: { status },
    label: name(status),
    checked: agent.chosen === status,
  });
  return [
    { kind: 'separator' },
    { kind: 'info', label: `${words.agent.tray.status}: ${shown}` },
    choice('available'),
    choice('busy'),
    {
      kind: 'submenu',
      label: name('break'),
      items: agent.policy.breakReasons.map((reason) => ({
        kind: 'status',
        choice: { status: 'break', reason },
        label: reason,
        checked: agent.chosen === 'break' && agent.chosenReason === reason,
      })),
    },
    choice('offline'),
  ];
}

/** The PNG in assets/ for an icon (scripts/make-icons.ts draws each; macOS gets the tinted "Template" one). */
export function trayIconFile(icon: TrayIcon, platform: NodeJS.Platform): string {
  const state = icon.state === 'registered' ? '' : `-${icon.state}`;
  return `tray-icon${state}${icon.missed ? '-missed' : ''}${platform === 'darwin' ? 'Template' : ''}.png`;
}
