import { describe, expect, it } from 'vitest';
import { huntOrder, ringUser, type HuntMember } from './hunting.ts';

const member = (extension: string, idleSince: number | null, status: HuntMember['status'] = 'available') => ({
  extension,
  status,
  idleSince,
  ringTarget: 'computer' as const,
  awayUser: `86138${extension}`,
});
const order = (members: HuntMember[], skip: string[] = []) =>
  huntOrder(members, (extension) => skip.includes(extension)).map((m) => m.extension);

describe('hunting order', () => {
  it('rings the member idle longest first', () => {
    expect(order([member('2001', 300), member('2002', 100), member('2003', 200)])).toEqual(['2002', '2003', '2001']);
  });

  it('breaks ties by extension, numerically', () => {
    expect(order([member('900', 5), member('1000', 5), member('20', 5)])).toEqual(['20', '900', '1000']);
  });

  it('rings only available members', () => {
    const members = [
      member('2001', 1, 'busy'),
      member('2002', 2, 'break'),
      member('2003', 3, 'offline'),
      member('2004', 4, 'on-call'),
      member('2005', 5, 'after-call-work'),
      member('2006', 6),
    ];
    expect(order(members)).toEqual(['2006']);
  });

  it('skips members already tried, ringing for another call, or not registered', () => {
    expect(order([member('2001', 1), member('2002', 2), member('2003', 3)], ['2001', '2003'])).toEqual(['2002']);
    expect(order([member('2001', 1)], ['2001'])).toEqual([]);
  });

  it('rings a member in mobile mode on their mobile', () => {
    expect(ringUser(member('2001', 1))).toBe('2001');
    expect(ringUser({ ...member('2001', 1), ringTarget: 'mobile' })).toBe('861382001');
  });

  it('rings a member on their desk phone or typed number when they chose it at the station step', () => {
    expect(ringUser({ ...member('2001', 1), ringTarget: 'desk', awayUser: '1003' })).toBe('1003');
    expect(ringUser({ ...member('2001', 1), ringTarget: 'number', awayUser: '46701234567' })).toBe('46701234567');
    // A target with nowhere to ring (the desk phone was taken away) falls back to the computer.
    expect(ringUser({ ...member('2001', 1), ringTarget: 'desk', awayUser: null })).toBe('2001');
  });
});
