import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { provisioningMigrations } from './migrations/index.ts';
import {
  agentStatuses,
  defaultAgentPolicy as policy,
  expireAfterCallWork,
  requestStatus,
  ringedOut,
  StatusRefusedError,
  type AgentState,
  type StatusRequest,
} from './agent-status.ts';

const t0 = 1_000_000;
const available: AgentState = {
  status: 'available',
  reason: null,
  since: 0,
  acwUntil: null,
  idleSince: 0,
  beforeCall: null,
};
const apply = (state: AgentState, request: StatusRequest, now = t0) => requestStatus(state, request, policy, now);

describe('agent status rules', () => {
  it('takes a break only with a reason from the company list', () => {
    expect(() => apply(available, { status: 'break' })).toThrow(StatusRefusedError);
    expect(() => apply(available, { status: 'break', reason: 'Nap' })).toThrow(/Lunch, Meeting, Training/);
    expect(apply(available, { status: 'break', reason: 'Lunch' })).toMatchObject({
      status: 'break',
      reason: 'Lunch',
      since: t0,
    });
  });

  it('keeps "not responding" for the switchboard', () => {
    expect(() => apply(available, { status: 'busy', reason: 'not-responding' })).toThrow(/switchboard only/);
    const rung = ringedOut(available, t0);
    expect(rung).toMatchObject({ status: 'busy', reason: 'not-responding', since: t0 });
    // Choosing busy again clears the notice; a ring-out does nothing to someone not available.
    expect(apply(rung, { status: 'busy' })).toMatchObject({ status: 'busy', reason: null });
    expect(ringedOut(apply(available, { status: 'offline' }), t0)).toMatchObject({ status: 'offline' });
  });

  it('moves idleSince only when the person becomes available', () => {
    const busy = apply(available, { status: 'busy' }, t0);
    expect(busy.idleSince).toBe(0);
    const back = apply(busy, { status: 'available' }, t0 + 5000);
    expect(back).toMatchObject({ status: 'available', since: t0 + 5000, idleSince: t0 + 5000 });
    expect(apply(back, { status: 'available' }, t0 + 9000)).toBe(back);
  });

  it('goes through after-call work only when the person was available before the call', () => {
    const onCall = apply(available, { status: 'on-call' }, t0);
    expect(onCall).toMatchObject({ status: 'on-call', since: t0 });
    const acw = apply(onCall, { status: 'after-call-work' }, t0 + 60_000);
    expect(acw).toMatchObject({ status: 'after-call-work', since: t0 + 60_000, acwUntil: t0 + 90_000 });

    const busyCall = apply(apply(available, { status: 'busy' }), { status: 'on-call' });
    expect(apply(busyCall, { status: 'after-call-work' })).toMatchObject({ status: 'busy', acwUntil: null });
    const lunchCall = apply(apply(available, { status: 'break', reason: 'Lunch' }), { status: 'on-call' });
    expect(apply(lunchCall, { status: 'after-call-work' })).toMatchObject({ status: 'break', reason: 'Lunch' });
    // A busy person who did not report the call stays busy.
    expect(apply(apply(available, { status: 'busy' }), { status: 'after-call-work' }).status).toBe('busy');
  });

  it('"More time" adds the company\'s after-call work time to the deadline', () => {
    const acw = apply(apply(available, { status: 'on-call' }), { status: 'after-call-work' }, t0);
    expect(apply(acw, { status: 'after-call-work' }, t0 + 10_000).acwUntil).toBe(t0 + 60_000);
  });

  it('ends after-call work at its deadline, in available and idle from then', () => {
    const acw = apply(apply(available, { status: 'on-call' }), { status: 'after-call-work' }, t0);
    expect(expireAfterCallWork(acw, t0 + 29_999)).toBe(acw);
    expect(expireAfterCallWork(acw, t0 + 30_000)).toMatchObject({
      status: 'available',
      since: t0 + 30_000,
      idleSince: t0 + 30_000,
      acwUntil: null,
    });
    // "Ready now" is simply available.
    expect(apply(acw, { status: 'available' }, t0 + 1000)).toMatchObject({ status: 'available', acwUntil: null });
  });

  it('skips after-call work when the company sets it to 0 s', () => {
    const onCall = apply(available, { status: 'on-call' });
    expect(
      requestStatus(onCall, { status: 'after-call-work' }, { ...policy, afterCallWorkSec: 0 }, t0 + 1),
    ).toMatchObject({ status: 'available', idleSince: t0 + 1 });
  });

  it('a second call during after-call work returns to after-call work when it ends', () => {
    const acw = apply(apply(available, { status: 'on-call' }), { status: 'after-call-work' }, t0);
    const again = apply(acw, { status: 'on-call' }, t0 + 5000);
    expect(again).toMatchObject({ status: 'on-call', acwUntil: null, beforeCall: { status: 'available' } });
    expect(apply(again, { status: 'after-call-work' }, t0 + 9000)).toMatchObject({ acwUntil: t0 + 39_000 });
  });
});

describe('agent statuses and the stored schema', () => {
  it('allows in the store exactly the statuses the rules know (the schema spells them out, frozen)', () => {
    const db = new Database(':memory:');
    migrate(db, provisioningMigrations);
    const table = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'agent_state'`).get() as { sql: string };
    const allowed = /\bstatus TEXT NOT NULL CHECK \(status IN \(([^)]*)\)\)/.exec(table.sql)?.[1];
    expect(allowed?.split(',').map((value) => value.trim().replaceAll("'", ''))).toEqual([...agentStatuses]);
    db.close();
  });
});

describe('wrap-up codes', () => {
  const codes = [
    { code: 'inquiry', label: '咨询 Inquiry' },
    { code: 'other', label: '其他 Other' },
  ];
  const inAcw: AgentState = { ...available, status: 'after-call-work', acwUntil: t0 + 30_000 };

  it('a company that requires a code refuses Available from after-call work without one from its list', () => {
    const required = { ...policy, wrapUpCodes: codes, wrapUpRequired: true };
    expect(() => requestStatus(inAcw, { status: 'available' }, required, t0)).toThrow(/inquiry, other/);
    expect(() => requestStatus(inAcw, { status: 'available', wrapUp: 'sales' }, required, t0)).toThrow(
      StatusRefusedError,
    );
    expect(requestStatus(inAcw, { status: 'available', wrapUp: 'other' }, required, t0).status).toBe('available');
    // Busy, a break or Offline need none; nor does Available when not coming from after-call work.
    expect(requestStatus(inAcw, { status: 'busy' }, required, t0).status).toBe('busy');
    expect(requestStatus(available, { status: 'available' }, required, t0).status).toBe('available');
  });

  it('the server timer ends after-call work even without a code (the app records it as missing)', () => {
    expect(expireAfterCallWork(inAcw, t0 + 30_000).status).toBe('available');
  });

  it('without the requirement Ready now needs no code', () => {
    const optional = { ...policy, wrapUpCodes: codes, wrapUpRequired: false };
    expect(requestStatus(inAcw, { status: 'available' }, optional, t0).status).toBe('available');
  });
});
