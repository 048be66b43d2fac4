import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_POLICY, type AgentView } from '../../../src/shared/presence.ts';
import { decideDial } from './dial-policy.ts';

const registered = { status: 'registered' } as const;
const agent = (view: Partial<AgentView> = {}): AgentView => ({
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
  ...view,
});

describe('what dialing does', () => {
  it('calls the number and keeps the digits after it for once the call connects', () => {
    expect(decideDial('0255795125,,8057', { registration: registered, agent: agent() })).toEqual({
      kind: 'call',
      target: '0255795125',
      postDial: ',,8057',
    });
    expect(decideDial(' 1002 ', { registration: registered, agent: undefined })).toEqual({
      kind: 'call',
      target: '1002',
      postDial: '',
    });
  });

  it('is refused while not registered, whatever the way of dialing', () => {
    for (const status of ['signed-out', 'connecting', 'reconnecting', 'error'] as const) {
      expect(decideDial('1002', { registration: { status }, agent: agent() })).toEqual({
        kind: 'refused',
        reason: 'not-registered',
      });
    }
  });

  it('is refused while Offline, even before registering; a call already on does not count as Offline', () => {
    const offline = agent({ chosen: 'offline', status: 'offline' });
    expect(decideDial('1002', { registration: registered, agent: offline })).toEqual({
      kind: 'refused',
      reason: 'offline',
    });
    expect(decideDial('1002', { registration: { status: 'connecting' }, agent: offline })).toMatchObject({
      reason: 'offline',
    });
    // After-call work with Offline chosen: still no calls out.
    const inAcw = agent({ chosen: 'offline', status: 'after-call-work', acwUntil: 1 });
    expect(decideDial('1002', { registration: registered, agent: inAcw })).toMatchObject({ reason: 'offline' });
    const onCall = agent({ chosen: 'offline', status: 'on-call' });
    expect(decideDial('1002', { registration: registered, agent: onCall })).toMatchObject({ kind: 'call' });
  });

  it('in mobile mode asks for a callback to the number alone (the switchboard cannot send digits after it)', () => {
    expect(decideDial('0255795125;8057', { registration: registered, agent: agent({ ringTarget: 'mobile' }) })).toEqual(
      { kind: 'callback', to: '0255795125' },
    );
  });

  it('a SIP-account sign-in has no working status: a saved Offline or mobile choice does not apply', () => {
    const none = agent({ availability: 'needs-number-sign-in', chosen: 'offline', ringTarget: 'mobile' });
    expect(decideDial('1002', { registration: registered, agent: none })).toMatchObject({ kind: 'call' });
  });
});
