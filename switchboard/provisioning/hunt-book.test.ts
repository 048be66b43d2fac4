import { describe, expect, it } from 'vitest';
import { HuntBook } from './hunt-book.ts';

describe('hunt book', () => {
  it('skips the caller and tried members, and members ringing for another call until their reservation ends', () => {
    const book = new HuntBook();
    book.start('a', '8200', 0, '2009');
    book.start('b', '8200', 0, 'outside');
    book.ring('a', '2001', 20, 0);
    expect(book.skipFor('a', 1000)('2009')).toBe(true);
    expect(book.skipFor('a', 1000)('2001')).toBe(false);
    expect(book.skipFor('b', 1000)('2001')).toBe(true);
    // Ring timeout + 5 s without a report from Kamailio: free again.
    expect(book.skipFor('b', 25_001)('2001')).toBe(false);
    book.branchEnded('a', '2001', 2000);
    expect(book.skipFor('a', 2000)('2001')).toBe(true);
    expect(book.skipFor('b', 2000)('2001')).toBe(false);
  });

  it('forgets hunts nobody asked about for 10 minutes', () => {
    const book = new HuntBook();
    book.start('a', '8200', 0, 'x');
    book.start('b', '8200', 500_000, 'x');
    book.forgetStale(600_001);
    expect(book.group('a')).toBeNull();
    expect(book.group('b')).toBe('8200');
    book.end('b');
    expect(book.size).toBe(0);
  });
});
