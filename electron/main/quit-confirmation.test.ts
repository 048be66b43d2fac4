import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../src/shared/domain.ts';
import { logOutConfirmation, quitConfirmation } from './quit-confirmation.ts';

const call: CallSnapshot = {
  id: 'c1',
  direction: 'outgoing',
  phase: 'connected',
  remoteNumber: '1002',
  remoteName: 'Bob Müller',
  startedAt: 1,
};

describe('quit confirmation', () => {
  it('quits without asking when no call is on (an ended call lingering on screen does not count)', () => {
    expect(quitConfirmation({ calls: [], language: 'en' })).toBeNull();
    expect(quitConfirmation({ calls: [{ ...call, phase: 'ended' }], language: 'en' })).toBeNull();
  });

  it('asks during a call, naming who would be cut off', () => {
    expect(quitConfirmation({ calls: [call], language: 'en' })).toEqual({
      title: 'Quit during a call?',
      body: 'Quitting ends your call with Bob Müller.',
      confirm: 'End call and quit',
      cancel: 'Keep calling',
    });
    const ringing = { ...call, phase: 'incoming' as const, remoteName: undefined };
    expect(quitConfirmation({ calls: [ringing], language: 'zh-CN' })?.body).toBe('退出将挂断与 1002 的通话。');
  });

  it('Log out asks first, in the UI language', () => {
    expect(logOutConfirmation('en')).toMatchObject({ title: 'Log out of Switchboard?', confirm: 'Log out' });
    expect(logOutConfirmation('zh-CN')).toMatchObject({ title: '退出登录？', cancel: '取消' });
  });
});
