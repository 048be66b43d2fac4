import { describe, expect, it } from 'vitest';
import { describeCallTime, splitDuration } from './call-time.ts';
import { cleanPasted, cleanTyped } from './dial-input.ts';
import { formatTimer } from './timer.ts';

describe('formatTimer', () => {
  it('shows mm:ss under an hour and h:mm:ss after', () => {
    expect(formatTimer(0)).toBe('00:00');
    expect(formatTimer(65)).toBe('01:05');
    expect(formatTimer(3599)).toBe('59:59');
    expect(formatTimer(3600)).toBe('1:00:00');
    expect(formatTimer(3723.9)).toBe('1:02:03');
    expect(formatTimer(-4)).toBe('00:00');
  });
});

describe('describeCallTime', () => {
  const now = new Date(2025, 10, 21, 16, 0).getTime();
  it('names today and yesterday, else month-day, else a full date', () => {
    expect(describeCallTime(new Date(2025, 10, 21, 14, 5).getTime(), now)).toEqual({ kind: 'today', time: '14:05' });
    expect(describeCallTime(new Date(2025, 10, 20, 9, 12).getTime(), now)).toEqual({
      kind: 'yesterday',
      time: '09:12',
    });
    expect(describeCallTime(new Date(2025, 10, 2, 9, 12).getTime(), now)).toEqual({
      kind: 'date',
      text: '11-02 09:12',
    });
    expect(describeCallTime(new Date(2024, 0, 3, 9, 12).getTime(), now)).toEqual({ kind: 'date', text: '2024-01-03' });
  });
  it('splits durations', () => {
    expect(splitDuration(3725)).toEqual({ h: 1, m: 2, s: 5 });
  });
});

describe('dial input', () => {
  it('keeps only dialable characters from pasted numbers', () => {
    expect(cleanPasted('+86 138-0013-8000')).toEqual({ kind: 'digits', value: '+8613800138000' });
    expect(cleanPasted('tel:(010) 6552 1234 ext *9#')).toEqual({ kind: 'digits', value: '01065521234*9#' });
  });
  it('keeps the extension separators of a pasted dial string', () => {
    expect(cleanPasted('025 5795 1235,,8057')).toEqual({ kind: 'digits', value: '02557951235,,8057' });
    expect(cleanPasted('Tel. 025-5795-1235;8057')).toEqual({ kind: 'digits', value: '02557951235;8057' });
    expect(cleanTyped('1003,,12;3')).toBe('1003,,12;3');
  });
  it('keeps a pasted SIP address whole', () => {
    expect(cleanPasted('Alice <sip:alice@pbx.example.com>')).toEqual({
      kind: 'address',
      value: 'sip:alice@pbx.example.com',
    });
    expect(cleanPasted(' 1001@pbx.example.com:5060 ')).toEqual({ kind: 'address', value: '1001@pbx.example.com:5060' });
  });
  it('lets typing through SIP address characters but not spaces', () => {
    expect(cleanTyped('alice @pbx.cn')).toBe('alice@pbx.cn');
  });
});
