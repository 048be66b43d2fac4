import { describe, expect, it } from 'vitest';
import type { AppState } from '../../src/shared/domain.ts';
import { trayMenuModel } from './tray-menu.ts';

const signedIn: Pick<AppState, 'account' | 'registration' | 'calls' | 'language'> = {
  account: { server: 'wss://pbx.example.com', user: '1001', domain: 'pbx.example.com', displayName: 'Alice' },
  registration: { status: 'registered' },
  calls: [],
  language: 'en',
};

describe('tray status line for the connection states', () => {
  it('says reconnecting and offline, in both languages', () => {
    const reconnecting = { status: 'reconnecting' as const, error: 'connection-lost' as const, retryAt: 1 };
    expect(trayMenuModel({ ...signedIn, registration: reconnecting }, 0).items[0]).toEqual({
      kind: 'info',
      label: 'Alice · Reconnecting',
    });
    expect(trayMenuModel({ ...signedIn, registration: { status: 'offline' } }, 0).tooltip).toBe(
      'Switchboard — Alice · Offline',
    );
    expect(trayMenuModel({ ...signedIn, language: 'zh-CN', registration: { status: 'offline' } }, 0).items[0]).toEqual({
      kind: 'info',
      label: 'Alice · 离线',
    });
  });
});
