import { describe, expect, it } from 'vitest';
import zh from 'emojibase-data/zh/compact.json' with { type: 'json' };
import { findEmoji } from './emoji.ts';

describe('the visitor page’s emoji search', () => {
  const all = zh as unknown as { label: string; tags?: string[]; unicode: string }[];
  it('finds emoji by their Chinese name first, then by search word', () => {
    const found = findEmoji(all, '笑');
    expect(found.length).toBeGreaterThan(10);
    expect(found[0]!.label).toContain('笑');
    expect(findEmoji(all, '  ')).toEqual([]);
  });
});
