import { describe, expect, it } from 'vitest';
import { clockTime, decimal, megabytes, percent, talkDuration } from './locale-format.ts';

// Intl separates some units with a no-break or narrow no-break space; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('locale formatting', () => {
  it('writes a talk time in each language’s own words', () => {
    expect(plain(talkDuration(185, 'en'))).toBe('3m 5s');
    expect(plain(talkDuration(185, 'zh-CN'))).toBe('3分钟5秒');
    expect(plain(talkDuration(185, 'fr'))).toBe('3min 5s');
    expect(plain(talkDuration(3_780, 'sv'))).toBe('1h 3m');
    expect(plain(talkDuration(42, 'sv'))).toBe('42s');
  });

  it('writes a memory size in whole megabytes with the language’s unit (About’s Memory line)', () => {
    const size = 182.4 * 1024 * 1024;
    expect(plain(megabytes(size, 'en'))).toBe('182 MB');
    expect(plain(megabytes(size, 'fr'))).toBe('182 Mo');
    expect(plain(megabytes(size, 'sv'))).toBe('182 MB');
    expect(plain(megabytes(1234.6 * 1024 * 1024, 'en'))).toBe('1,235 MB');
  });

  it('writes decimals and percentages with the language’s decimal sign and spacing', () => {
    expect(decimal(3.84, 'en')).toBe('3.8');
    expect(decimal(3.84, 'fr')).toBe('3,8');
    expect(plain(percent(4.2, 'sv'))).toBe('4,2 %');
    expect(percent(4.2, 'zh-CN')).toBe('4.2%');
    expect(percent(45, 'en')).toBe('45%');
  });

  it('writes the time of day as the language does: 12-hour English, 24-hour elsewhere', () => {
    const afternoon = new Date(2026, 11, 7, 14, 5).getTime();
    expect(plain(clockTime(afternoon, 'en'))).toBe('2:05 PM');
    expect(clockTime(afternoon, 'sv')).toBe('14:05');
    expect(clockTime(afternoon, 'fr')).toBe('14:05');
    expect(clockTime(afternoon, 'zh-CN')).toBe('14:05');
    expect(clockTime(new Date(2026, 11, 7, 8, 5).getTime(), 'sv')).toBe('08:05');
  });
});
