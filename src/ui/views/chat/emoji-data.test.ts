import { describe, expect, it } from 'vitest';
import { loadEmoji, searchEmoji } from './emoji-data.ts';

describe('the emoji the picker offers', () => {
  it('come in every UI language, grouped, without bare skin-tone components', async () => {
    for (const language of ['en', 'zh-CN', 'sv', 'fr'] as const) {
      const all = await loadEmoji(language);
      expect(all.length).toBeGreaterThan(1500);
      expect(all[0]!.emoji).toBe('😀');
      expect(all.some((e) => e.emoji === '🏽')).toBe(false);
    }
  });

  it('are found by name or search word in the UI’s language, names first', async () => {
    expect(searchEmoji(await loadEmoji('zh-CN'), '笑脸')[0]!.label).toContain('笑脸');
    const thumbs = searchEmoji(await loadEmoji('en'), 'thumbs up').map((e) => e.emoji);
    expect(thumbs[0]).toMatch(/^👍/u);
    expect(searchEmoji(await loadEmoji('fr'), 'cœur').length).toBeGreaterThan(0);
    expect(searchEmoji(await loadEmoji('en'), '   ')).toEqual([]);
  });
});
