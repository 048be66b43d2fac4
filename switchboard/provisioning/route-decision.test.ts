import { describe, expect, it } from 'vitest';
import type { HuntMember } from './hunting.ts';
import { formatDecision, routeDecision, type CallFacts } from './route-decision.ts';

const member = (extension: string, idleSince: number, extra: Partial<HuntMember> = {}): HuntMember => ({
  extension,
  status: 'available',
  idleSince,
  ringTarget: 'computer',
  awayUser: `86139000${extension}`,
  ...extra,
});
const hotline = (members: HuntMember[]): CallFacts['target'] => ({
  kind: 'group',
  group: { number: '8200', ringTimeoutSec: 15, members },
});
const person = (extra: Partial<Extract<CallFacts['target'], { kind: 'person' }>> = {}): CallFacts['target'] => ({
  kind: 'person',
  status: 'available',
  ringTarget: 'computer',
  awayUser: '8613800138000',
  ringTimeoutSec: 20,
  ...extra,
});
const decide = (target: CallFacts['target'], caller: CallFacts['caller'] = null, skip: string[] = []) =>
  formatDecision(
    routeDecision({ caller, target, announcementUser: 'all-busy' }, (extension) => skip.includes(extension)),
  );

describe('route decision for a new call', () => {
  it('refuses calls from someone who is offline', () => {
    expect(decide(person(), { status: 'offline' })).toBe('reject 403 You are offline');
    expect(decide(hotline([member('2001', 1)]), { status: 'offline' })).toBe('reject 403 You are offline');
    expect(decide(person(), { status: 'busy' })).toBe('direct 20');
  });

  it('rings the group member idle longest, on their mobile in mobile mode', () => {
    expect(decide(hotline([member('2001', 9), member('2002', 3)]))).toBe('ring 2002 2002 15 8200');
    expect(decide(hotline([member('2001', 9), member('2002', 3, { ringTarget: 'mobile' })]))).toBe(
      'ring 2002 86139000' + '2002 15 8200',
    );
    expect(decide(hotline([member('2001', 9), member('2002', 3)]), null, ['2002'])).toBe('ring 2001 2001 15 8200');
  });

  it('sends the caller to the announcement when no member is available', () => {
    expect(decide(hotline([member('2001', 1, { status: 'busy' })]))).toBe('announce all-busy');
    expect(decide(hotline([]))).toBe('announce all-busy');
  });

  it('rings busy, on-break and on-call people directly, refuses offline ones, forwards to the mobile', () => {
    for (const status of ['available', 'busy', 'break', 'on-call', 'after-call-work'] as const) {
      expect(decide(person({ status }))).toBe('direct 20');
    }
    expect(decide(person({ status: 'offline' }))).toBe('reject 480 Offline');
    expect(decide(person({ ringTarget: 'mobile' }))).toBe('forward 8613800138000 20');
    expect(decide(person({ ringTarget: 'mobile', status: 'offline' }))).toBe('reject 480 Offline');
  });

  it('forwards a direct call to the desk phone or the typed number chosen at the station step, not the computer', () => {
    expect(decide(person({ ringTarget: 'desk', awayUser: '1003' }))).toBe('forward 1003 20');
    expect(decide(person({ ringTarget: 'number', awayUser: '46701234567' }))).toBe('forward 46701234567 20');
    expect(decide(person({ ringTarget: 'desk', awayUser: null }))).toBe('direct 20');
  });

  it('leaves unknown numbers to the normal lookup', () => {
    expect(decide({ kind: 'unknown', ringTimeoutSec: 60 })).toBe('direct 60');
  });

  it('refuses a number beyond the caller’s call permission with a 403 that names the permission', () => {
    const outside = { kind: 'unknown', ringTimeoutSec: 60 } as const;
    expect(decide(outside, { status: 'available', limitedTo: 'national' })).toBe(
      'reject 403 Call permission: national calls only',
    );
    expect(decide(outside, { status: 'busy', limitedTo: 'internal' })).toBe(
      'reject 403 Call permission: internal calls only',
    );
    expect(decide(outside, { status: 'available', limitedTo: null })).toBe('direct 60');
  });
});
