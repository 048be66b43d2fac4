/**
 * The emoji the picker offers, from emojibase-data (the maintained Unicode/CLDR emoji dataset: each
 * Unicode release, names and search words translated in all four of our languages). Loaded only when
 * the picker first opens, and only the UI's language (about 0.5 MB each).
 */
import type { Language } from '../../../shared/domain.ts';

export type EmojiGroup =
  'smileys' | 'people' | 'animals' | 'food' | 'travel' | 'activities' | 'objects' | 'symbols' | 'flags';
export type PickableEmoji = { emoji: string; label: string; tags: readonly string[]; group: EmojiGroup };

/** emojibase's group numbers (meta/groups.json); 2 ("component": bare skin tones, hair) is not for sending. */
const GROUPS: Record<number, EmojiGroup> = {
  0: 'smileys',
  1: 'people',
  3: 'animals',
  4: 'food',
  5: 'travel',
  6: 'activities',
  7: 'objects',
  8: 'symbols',
  9: 'flags',
};
export const EMOJI_GROUPS: readonly EmojiGroup[] = Object.values(GROUPS);

type CompactEmoji = { unicode: string; label: string; tags?: string[]; group?: number; order?: number };

const loaders: Record<Language, () => Promise<{ default: unknown }>> = {
  en: () => import('emojibase-data/en/compact.json'),
  'zh-CN': () => import('emojibase-data/zh/compact.json'),
  sv: () => import('emojibase-data/sv/compact.json'),
  fr: () => import('emojibase-data/fr/compact.json'),
};

const cache = new Map<Language, Promise<PickableEmoji[]>>();

export function loadEmoji(language: Language): Promise<PickableEmoji[]> {
  let loaded = cache.get(language);
  if (!loaded) {
    loaded = loaders[language]().then(({ default: data }) =>
      (data as CompactEmoji[])
        .filter((e) => e.group !== undefined && GROUPS[e.group] !== undefined)
        .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
        .map((e) => ({ emoji: e.unicode, label: e.label, tags: e.tags ?? [], group: GROUPS[e.group!]! })),
    );
    cache.set(language, loaded);
  }
  return loaded;
}

/** By name or search word in the UI's language, names first. */
export function searchEmoji(all: readonly PickableEmoji[], query: string): PickableEmoji[] {
  const term = query.trim().toLocaleLowerCase();
  if (!term) return [];
  const byLabel = all.filter((e) => e.label.toLocaleLowerCase().includes(term));
  const seen = new Set(byLabel);
  const byTag = all.filter((e) => !seen.has(e) && e.tags.some((tag) => tag.toLocaleLowerCase().includes(term)));
  return [...byLabel, ...byTag];
}
