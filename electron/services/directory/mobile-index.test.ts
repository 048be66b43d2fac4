import { describe, expect, it } from 'vitest';
import { MobileIndex } from './mobile-index.ts';

describe('mobile digits index', () => {
  const index = new MobileIndex([
    { id: 1, mobile: '+8613800138000' },
    { id: 2, mobile: '+8613512345678' },
    { id: 3, mobile: '+4915112345678' },
    { id: 4, mobile: '+8618800000000' },
  ]);

  it('finds any run of digits, with where it starts', () => {
    expect(index.find('0013', 10)).toEqual([{ id: 1, at: 5 }]);
    expect(index.find('12345678', 10)).toEqual([
      { id: 2, at: 5 },
      { id: 3, at: 5 },
    ]);
    expect(index.find('99999', 10)).toEqual([]);
  });

  it('short runs and runs a number holds twice; at most `limit`', () => {
    expect(index.find('88', 10).map((h) => h.id)).toEqual([4]);
    expect(index.find('0000', 10)).toEqual([{ id: 4, at: 5 }]);
    expect(index.find('86', 2)).toHaveLength(2);
    expect(index.find('', 10)).toEqual([]);
    expect(index.find('12a', 10)).toEqual([]);
  });
});
