import { describe, expect, it } from 'vitest';
import {
  INITIAL_AGENT_STATUS,
  acwExpired,
  callsChanged,
  choose,
  currentRequest,
  dialRefusal,
  dismissNotice,
  leaveRefusal,
  moreTime,
  pickWrapUp,
  readyNow,
  serverPresence,
  shownStatus,
  type AgentStatusState,
  type Step,
} from './agent-status.ts';
import { DEFAULT_AGENT_POLICY, type Presence } from './presence.ts';

const policy = DEFAULT_AGENT_POLICY;
const T = 1_000_000;

function step(result: ReturnType<typeof choose>): Step {
  if ('ok' in result) throw new Error(`refused: ${result.reason}`);
  return result;
}

function me(patch: Partial<Presence>): Presence {
  return {
    extension: '2001',
    status: 'available',
    reason: null,
    since: T,
    acwUntil: null,
    idleSince: null,
    ringTarget: 'computer',
    ...patch,
  };
}

describe('agent status', () => {
  it('starts Available and tells the server so after sign-in', () => {
    expect(shownStatus(INITIAL_AGENT_STATUS)).toEqual({ status: 'available', reason: null });
    expect(currentRequest(INITIAL_AGENT_STATUS)).toEqual({ status: 'available' });
  });

  it('a break needs a reason from the company list', () => {
    expect(choose(INITIAL_AGENT_STATUS, 'break', null, policy)).toEqual({ ok: false, reason: 'break-needs-reason' });
    expect(choose(INITIAL_AGENT_STATUS, 'break', 'Nap', policy)).toEqual({ ok: false, reason: 'unknown-break-reason' });
    const { state, send } = step(choose(INITIAL_AGENT_STATUS, 'break', 'Lunch', policy));
    expect(shownStatus(state)).toEqual({ status: 'break', reason: 'Lunch' });
    expect(send).toEqual({ status: 'break', reason: 'Lunch' });
  });

  it('a connected call shows "On a call"; the end of the last one starts after-call work for an Available person', () => {
    const onCall = callsChanged(INITIAL_AGENT_STATUS, true, T, policy);
    expect(onCall.send).toEqual({ status: 'on-call' });
    expect(shownStatus(onCall.state).status).toBe('on-call');
    // A second call connecting changes nothing.
    expect(callsChanged(onCall.state, true, T, policy).send).toBeNull();
    const ended = callsChanged(onCall.state, false, T + 5000, policy);
    expect(ended.send).toEqual({ status: 'after-call-work' });
    expect(ended.state.acwUntil).toBe(T + 5000 + 30_000);
    expect(shownStatus(ended.state).status).toBe('after-call-work');
  });

  it('a Busy or on-break person goes straight back to that status after a call, without after-call work', () => {
    const busy = step(choose(INITIAL_AGENT_STATUS, 'busy', null, policy)).state;
    const after = callsChanged(callsChanged(busy, true, T, policy).state, false, T, policy);
    expect(after.send).toEqual({ status: 'busy' });
    expect(after.state.acwUntil).toBeNull();
    const lunch = step(choose(INITIAL_AGENT_STATUS, 'break', 'Lunch', policy)).state;
    expect(callsChanged(callsChanged(lunch, true, T, policy).state, false, T, policy).send).toEqual({
      status: 'break',
      reason: 'Lunch',
    });
  });

  it('no after-call work when the company sets it to 0 s', () => {
    const onCall = callsChanged(INITIAL_AGENT_STATUS, true, T, policy).state;
    const ended = callsChanged(onCall, false, T, { ...policy, afterCallWorkSec: 0 });
    expect(ended.send).toEqual({ status: 'available' });
  });

  it('choosing during a call only changes where the user returns to', () => {
    const onCall = callsChanged(INITIAL_AGENT_STATUS, true, T, policy).state;
    const chose = step(choose(onCall, 'busy', null, policy));
    expect(chose.send).toBeNull();
    expect(shownStatus(chose.state).status).toBe('on-call');
    expect(callsChanged(chose.state, false, T, policy).send).toEqual({ status: 'busy' });
  });

  it('"Ready now" ends after-call work; "More time" adds a period; both only in after-call work', () => {
    const acw = callsChanged(callsChanged(INITIAL_AGENT_STATUS, true, T, policy).state, false, T, policy).state;
    const more = moreTime(acw, T + 10_000, policy);
    expect(more.send).toEqual({ status: 'after-call-work' });
    expect(more.state.acwUntil).toBe(T + 60_000);
    const ready = step(readyNow(more.state, policy));
    expect(ready.send).toEqual({ status: 'available' });
    expect(shownStatus(ready.state).status).toBe('available');
    expect(step(readyNow(ready.state, policy)).send).toBeNull();
    expect(moreTime(ready.state, T, policy).send).toBeNull();
  });

  it('the server ends after-call work (its deadline wins); a local expiry sends nothing', () => {
    const acw = callsChanged(callsChanged(INITIAL_AGENT_STATUS, true, T, policy).state, false, T, policy).state;
    const serverDeadline = serverPresence(acw, me({ status: 'after-call-work', acwUntil: T + 31_000 }));
    expect(serverDeadline.acwUntil).toBe(T + 31_000);
    expect(shownStatus(serverPresence(serverDeadline, me({ status: 'available' }))).status).toBe('available');
    expect(acwExpired(serverDeadline, T + 30_000)).toBe(serverDeadline);
    expect(acwExpired(serverDeadline, T + 31_000).acwUntil).toBeNull();
  });

  it('a ring-out Busy from the server shows the notice until dismissed, and is not sent back as ours', () => {
    const pushed = serverPresence(INITIAL_AGENT_STATUS, me({ status: 'busy', reason: 'not-responding' }));
    expect(pushed.notice).toBe('not-responding');
    expect(shownStatus(pushed)).toEqual({ status: 'busy', reason: 'not-responding' });
    expect(currentRequest(pushed)).toEqual({ status: 'busy' });
    expect(dismissNotice(pushed).notice).toBeNull();
    // Picking Available again clears it too.
    const back = step(choose(pushed, 'available', null, policy));
    expect(back.state.notice).toBeNull();
    expect(back.send).toEqual({ status: 'available' });
  });

  it('a stale echo does not undo a call or after-call work', () => {
    const onCall = callsChanged(INITIAL_AGENT_STATUS, true, T, policy).state;
    expect(serverPresence(onCall, me({ status: 'available' }))).toBe(onCall);
    const acw = callsChanged(onCall, false, T, policy).state;
    expect(serverPresence(acw, me({ status: 'on-call' }))).toBe(acw);
    expect(serverPresence(acw, me({ status: 'busy' }))).toBe(acw);
  });

  it('a change made elsewhere (another window, the admin) becomes the chosen status', () => {
    const state = serverPresence(INITIAL_AGENT_STATUS, me({ status: 'break', reason: 'Meeting' }));
    expect(shownStatus(state)).toEqual({ status: 'break', reason: 'Meeting' });
  });

  it('Offline refuses dialing; a call or after-call work refuses logging out and quitting', () => {
    const offline: AgentStatusState = step(choose(INITIAL_AGENT_STATUS, 'offline', null, policy)).state;
    expect(dialRefusal(offline)).toBe('offline-cannot-dial');
    expect(dialRefusal(INITIAL_AGENT_STATUS)).toBeNull();
    expect(leaveRefusal(INITIAL_AGENT_STATUS, 0)).toBeNull();
    expect(leaveRefusal(INITIAL_AGENT_STATUS, 1)).toBe('busy-in-call');
    const acw = callsChanged(callsChanged(INITIAL_AGENT_STATUS, true, T, policy).state, false, T, policy).state;
    expect(leaveRefusal(acw, 0)).toBe('busy-in-after-call-work');
  });

  describe('wrap-up codes', () => {
    const codes = [
      { code: 'inquiry', label: 'Inquiry' },
      { code: 'complaint', label: 'Complaint' },
    ];
    const required = { ...policy, wrapUpCodes: codes, wrapUpRequired: true };
    const optional = { ...policy, wrapUpCodes: codes, wrapUpRequired: false };
    const inAcw = (p = required) =>
      callsChanged(callsChanged(INITIAL_AGENT_STATUS, true, T, p).state, false, T, p).state;

    it('when the company requires a code, "Ready now" and choosing Available are refused until one is picked', () => {
      const acw = inAcw();
      expect(readyNow(acw, required)).toEqual({ ok: false, reason: 'wrap-up-needs-code' });
      expect(choose(acw, 'available', null, required)).toEqual({ ok: false, reason: 'wrap-up-needs-code' });
      const picked = pickWrapUp(acw, 'complaint', required);
      if ('ok' in picked) throw new Error(picked.reason);
      expect(step(readyNow(picked, required)).send).toEqual({ status: 'available', wrapUp: 'complaint' });
      expect(step(choose(picked, 'available', null, required)).send).toEqual({
        status: 'available',
        wrapUp: 'complaint',
      });
    });

    it('without the requirement "Ready now" goes at once, and Busy or a break never needs a code', () => {
      expect(step(readyNow(inAcw(optional), optional)).send).toEqual({ status: 'available' });
      expect(step(choose(inAcw(), 'busy', null, required)).send).toEqual({ status: 'busy' });
    });

    it('only a code from the company list is taken, and only during after-call work', () => {
      expect(pickWrapUp(inAcw(), 'sales', required)).toEqual({ ok: false, reason: 'unknown-wrap-up-code' });
      expect(pickWrapUp(INITIAL_AGENT_STATUS, 'inquiry', required)).toEqual({
        ok: false,
        reason: 'no-after-call-work',
      });
    });

    it('the next call starts its after-call work with no code picked', () => {
      const picked = pickWrapUp(inAcw(), 'inquiry', required);
      if ('ok' in picked) throw new Error(picked.reason);
      const next = callsChanged(callsChanged(picked, true, T, required).state, false, T + 5000, required).state;
      expect(next.wrapUp).toBeNull();
      expect(readyNow(next, required)).toEqual({ ok: false, reason: 'wrap-up-needs-code' });
    });
  });
});
