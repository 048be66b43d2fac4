import { describe, expect, it } from 'vitest';
import type { AppState, CallSnapshot } from '../../src/shared/domain.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { trayIconFile, trayMenuModel, type TrayItem } from './tray-menu.ts';
import { quitRefusedMessage } from './quit-confirmation.ts';
import { DEFAULT_AGENT_POLICY, type AgentView } from '../../src/shared/presence.ts';

const signedIn: Pick<AppState, 'account' | 'registration' | 'calls' | 'language'> = {
  account: { server: 'wss://pbx.example.com', user: '1001', domain: 'pbx.example.com', displayName: 'Alice' },
  registration: { status: 'registered' },
  calls: [],
  language: 'en',
};
const call: CallSnapshot = { id: 'c1', direction: 'incoming', phase: 'connected', remoteNumber: '1002', startedAt: 1 };
const actions = (items: TrayItem[]) =>
  items.flatMap((item) =>
    item.kind === 'action' ? [`${item.action}:${item.enabled ? 'on' : 'off'}:${item.label}`] : [],
  );

describe('tray menu model', () => {
  it('shows who is signed in and the registration state, with every action available', () => {
    const model = trayMenuModel(signedIn, 0);
    expect(model.items[0]).toEqual({ kind: 'info', label: 'Alice · Registered' });
    expect(model.tooltip).toBe('Switchboard — Alice · Registered');
    expect(actions(model.items)).toEqual([
      'show:on:Show Switchboard',
      'about:on:About Switchboard…',
      'logOut:on:Log out',
      'quit:on:Quit',
    ]);
    expect(model.icon).toEqual({ state: 'registered', missed: false });
  });

  it('lists missed calls when there are some', () => {
    const model = trayMenuModel(signedIn, 3);
    expect(actions(model.items)[0]).toBe('showCalls:on:3 missed calls');
    expect(model.icon).toEqual({ state: 'registered', missed: true });
    expect(model.tooltip).toBe('Switchboard — Alice · Registered · 3 missed calls');
  });

  it('refuses Log out during a call and says why', () => {
    expect(actions(trayMenuModel({ ...signedIn, calls: [call] }, 0).items)).toContain(
      'logOut:off:Log out (finish the call first)',
    );
    const ended = { ...call, phase: 'ended' as const };
    expect(actions(trayMenuModel({ ...signedIn, calls: [ended] }, 0).items)).toContain('logOut:on:Log out');
  });

  it('has nothing to log out of when signed out, and reports connection errors', () => {
    const model = trayMenuModel({ ...signedIn, account: null, registration: { status: 'signed-out' } }, 0);
    expect(model.items[0]).toEqual({ kind: 'info', label: 'Signed out' });
    expect(actions(model.items)).toContain('logOut:off:Log out');
    const failing = trayMenuModel({ ...signedIn, registration: { status: 'error', error: 'server-unreachable' } }, 0);
    expect(failing.items[0]).toEqual({ kind: 'info', label: 'Alice · Registration failed' });
    expect(failing.icon.state).toBe('error');
    expect(model.icon.state).toBe('offline');
    expect(trayMenuModel({ ...signedIn, registration: { status: 'connecting' } }, 0).icon.state).toBe('connecting');
  });

  it('speaks Chinese when the UI does', () => {
    const model = trayMenuModel({ ...signedIn, language: 'zh-CN', calls: [call] }, 2);
    expect(model.items[0]).toEqual({ kind: 'info', label: 'Alice · 已注册' });
    expect(actions(model.items)).toEqual([
      'showCalls:on:2 个未接来电',
      'show:on:显示 Switchboard',
      'about:on:关于 Switchboard…',
      'logOut:off:注销（请先结束通话）',
      'quit:on:退出',
    ]);
  });

  it('counts missed calls by each language’s plural rules: one call, several, in Swedish and French too', () => {
    const missedLabel = (language: AppState['language'], count: number) =>
      actions(trayMenuModel({ ...signedIn, language }, count).items)[0];
    expect(missedLabel('en', 1)).toBe('showCalls:on:1 missed call');
    expect(missedLabel('sv', 1)).toBe('showCalls:on:1 missat samtal');
    expect(missedLabel('sv', 4)).toBe('showCalls:on:4 missade samtal');
    expect(missedLabel('fr', 1)).toBe('showCalls:on:1 appel manqué');
    expect(missedLabel('fr', 2)).toBe('showCalls:on:2 appels manqués');
  });

  it('speaks Swedish and French: status, actions and the tooltip', () => {
    const sv = trayMenuModel({ ...signedIn, language: 'sv' }, 0);
    expect(sv.tooltip).toBe('Switchboard — Alice · Registrerad');
    expect(actions(sv.items)).toEqual([
      'show:on:Visa Switchboard',
      'about:on:Om Switchboard…',
      'logOut:on:Logga ut',
      'quit:on:Avsluta',
    ]);
    const fr = trayMenuModel({ ...signedIn, language: 'fr' }, 0);
    expect(actions(fr.items)).toEqual([
      'show:on:Afficher Switchboard',
      'about:on:À propos de Switchboard…',
      'logOut:on:Se déconnecter',
      'quit:on:Quitter',
    ]);
  });

  it('picks a drawn icon for every registration state, with and without missed calls, on every OS', () => {
    expect(trayIconFile({ state: 'registered', missed: false }, 'win32')).toBe('tray-icon.png');
    expect(trayIconFile({ state: 'error', missed: true }, 'darwin')).toBe('tray-icon-error-missedTemplate.png');
    for (const state of ['registered', 'connecting', 'error', 'offline'] as const)
      for (const missed of [false, true])
        for (const platform of ['win32', 'darwin', 'linux'] as const) {
          const file = join(import.meta.dirname, '../../assets', trayIconFile({ state, missed }, platform));
          expect(existsSync(file), file).toBe(true);
          expect(existsSync(file.replace('.png', '@2x.png')), file).toBe(true);
        }
  });
});

describe('tray menu: working status (issue 10)', () => {
  const agent = (patch: Partial<AgentView> = {}): AgentView => ({
    availability: 'live',
    status: 'available',
    reason: null,
    chosen: 'available',
    chosenReason: null,
    acwUntil: null,
    wrapUp: null,
    notice: null,
    ringTarget: 'computer',
    policy: DEFAULT_AGENT_POLICY,
    autoAnswer: false,
    callback: null,
    ...patch,
  });
  const statuses = (items: TrayItem[]): string[] =>
    items.flatMap((item) =>
      item.kind === 'status'
        ? [`${item.choice.status}${item.choice.reason ? `/${item.choice.reason}` : ''}${item.checked ? '*' : ''}`]
        : item.kind === 'submenu'
          ? [`${item.label}▸`, ...statuses(item.items)]
          : [],
    );

  it('shows the status and every choice, with break reasons from the company list', () => {
    const model = trayMenuModel(
      { ...signedIn, agent: agent({ status: 'break', reason: 'Lunch', chosen: 'break', chosenReason: 'Lunch' }) },
      0,
    );
    expect(model.items).toContainEqual({ kind: 'info', label: 'Status: On break · Lunch' });
    expect(statuses(model.items)).toEqual([
      'available',
      'busy',
      'On break▸',
      'break/Lunch*',
      'break/Meeting',
      'break/Training',
      'offline',
    ]);
  });

  it('a manual SIP account has no status items', () => {
    const model = trayMenuModel({ ...signedIn, agent: agent({ availability: 'needs-number-sign-in' }) }, 0);
    expect(statuses(model.items)).toEqual([]);
  });

  it('refuses Log out and Quit during a call and in after-call work, saying why', () => {
    const inCall = trayMenuModel({ ...signedIn, calls: [call], agent: agent({ status: 'on-call' }) }, 0);
    expect(actions(inCall.items).slice(-2)).toEqual([
      'logOut:off:Log out (finish the call first)',
      'quit:off:Quit (finish the call first)',
    ]);
    const acw = trayMenuModel(
      { ...signedIn, language: 'zh-CN', agent: agent({ status: 'after-call-work', acwUntil: 5 }) },
      0,
    );
    expect(actions(acw.items).slice(-2)).toEqual([
      'logOut:off:注销（请先完成话后整理）',
      'quit:off:退出（请先完成话后整理）',
    ]);
    expect(quitRefusedMessage({ calls: [], language: 'en', agent: agent({ status: 'after-call-work' }) })).toEqual({
      title: 'Quit (finish after-call work first)',
      ok: 'OK',
    });
    expect(quitRefusedMessage({ calls: [], language: 'en', agent: agent() })).toBeNull();
  });
});
