/** The engine window is lost under a call (its renderer crashed): what the user sees, and what the core does. */
import { describe, expect, it, vi } from 'vitest';
import type { CallSnapshot } from '../../../src/shared/domain.ts';
import { createTestCore } from './test-doubles.ts';

const account = { server: 'ws://127.0.0.1:5066', user: '1001', password: 'secret' };
const talking: CallSnapshot = {
  id: 'c1',
  direction: 'outgoing',
  phase: 'connected',
  remoteNumber: '1002',
  startedAt: 1000,
  answeredAt: 2000,
};

describe('the engine window lost under a call', () => {
  it('ends the call with the reason, writes it to the history, and signs in again in a new engine window', async () => {
    const test = createTestCore();
    await test.ui('signIn', account);
    await test.engine('registration', { status: 'registered' });
    await test.engine('call', talking);
    const registersBefore = test.commands.filter((c) => c.command === 'register').length;

    test.crashEngine('The phone engine stopped (crashed)');

    expect(test.core.state.get().calls).toMatchObject([
      { id: 'c1', phase: 'ended', outcome: 'answered', endReason: 'The phone engine stopped (crashed)' },
    ]);
    expect(test.logged.at(-1)).toMatchObject({ kind: 'end', snapshot: { id: 'c1', phase: 'ended' } });
    await vi.waitFor(() => expect(test.engineOpen()).toBe(true));
    await vi.waitFor(() =>
      expect(test.commands.filter((c) => c.command === 'register')).toHaveLength(registersBefore + 1),
    );
    expect(test.log).toContainEqual({
      level: 'warn',
      message: 'engine window gone',
      fields: { service: 'session', reason: 'The phone engine stopped (crashed)' },
    });
  });

  it('a new engine window that cannot be opened is logged, not thrown into the host', async () => {
    const cannotOpen = new Error('no renderer process');
    let crash: (reason: string) => void = () => {};
    let opened = 0;
    const test = createTestCore({
      engine: {
        async open(onGone) {
          if (++opened > 1) throw cannotOpen;
          crash = onGone;
          queueMicrotask(() => void test.engine('ready', {}));
        },
        close: async () => {},
        send: () => {},
      },
    });
    await test.ui('signIn', account);
    expect(() => crash('gone')).not.toThrow();
    await vi.waitFor(() =>
      expect(test.log).toContainEqual({
        level: 'error',
        message: 'signing in again after the engine window was lost failed',
        fields: { service: 'session', err: cannotOpen },
      }),
    );
  });
});
