import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventTable, onEvent } from './device-api.ts';

describe("a stream's named events", () => {
  const seen: unknown[] = [];
  const handle = eventTable({
    snapshot: onEvent(z.object({ all: z.array(z.string()) }), (value) => seen.push(['snapshot', value]), true),
    change: onEvent(z.object({ one: z.string() }), (value) => seen.push(['change', value])),
  });

  it('hands each event to its taker once checked, and says the snapshot is the full state', () => {
    seen.length = 0;
    expect(handle('snapshot', '{"all":["a"]}')).toBe(true);
    expect(handle('change', '{"one":"b"}')).toBe(false);
    expect(seen).toEqual([
      ['snapshot', { all: ['a'] }],
      ['change', { one: 'b' }],
    ]);
  });

  it('drops what is not JSON, not the shape, or not an event it knows, without throwing', () => {
    seen.length = 0;
    expect(handle('snapshot', 'not json')).toBe(false);
    expect(handle('change', '{"one":1}')).toBe(false);
    expect(handle('toString', '{}')).toBe(false);
    expect(handle('unknown', '{"one":"x"}')).toBe(false);
    expect(seen).toEqual([]);
  });
});
