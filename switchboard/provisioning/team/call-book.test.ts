import { describe, expect, it } from 'vitest';
import { CallBook, handlingMs } from './call-book.ts';

const call = { id: 'c1', direction: 'incoming' as const, party: '1001', talkMs: 3000 };

describe("the team view's call book", () => {
  it('places a reported call on the service clock from its talk time so far, and ends it when no longer listed', () => {
    const book = new CallBook();
    expect(book.report(7, [call], 10_000)).toBe(true);
    expect(book.current(7)).toMatchObject({ id: 'c1', answeredAt: 7000, endedAt: null });
    // The same list again changes nothing (the app reports on every call change).
    expect(book.report(7, [{ ...call, talkMs: 9000 }], 16_000)).toBe(false);
    expect(book.report(7, [], 20_000)).toBe(true);
    expect(book.current(7)).toBeNull();
    expect(book.endedSince(7, 0).map((c) => [c.id, c.endedAt])).toEqual([['c1', 20_000]]);
  });

  it('adds the after-call work that followed to the last ended call, and counts only calls ended since the day began', () => {
    const book = new CallBook();
    book.report(7, [{ ...call, id: 'yesterday', talkMs: 0 }], 1000);
    book.report(7, [], 2000);
    book.report(7, [{ ...call, id: 'today', talkMs: 0 }], 50_000);
    book.report(7, [], 110_000);
    book.addWrapUp(7, 30_000);
    const today = book.endedSince(7, 10_000);
    expect(today.map((c) => c.id)).toEqual(['today']);
    expect(handlingMs(today[0]!)).toBe(90_000);
  });

  it('ends whatever was open when the agent goes offline, and keeps agents apart', () => {
    const book = new CallBook();
    book.report(7, [call], 10_000);
    book.report(8, [{ ...call, id: 'other' }], 10_000);
    expect(book.endAll(7, 12_000)).toBe(true);
    expect(book.current(7)).toBeNull();
    expect(book.current(8)?.id).toBe('other');
  });
});
