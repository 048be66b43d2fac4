/**
 * Everything a name is found by, computed once at sync time (never per keystroke): the folded
 * name, its later words, and for Chinese characters their pinyin (full and initials).
 */
import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

/** Search keys by kind; the numbers are stored, so never renumber. */
export const KeyKind = {
  name: 1,
  namePart: 2,
  pinyin: 3,
  initials: 4,
  extension: 5,
  email: 6,
} as const;
export type KeyKindValue = (typeof KeyKind)[keyof typeof KeyKind];

export type SearchKey = { kind: KeyKindValue; key: string; start: number };

export type NameKeys = {
  /** Lower-case, accents removed, same length as the name, so a match's offsets are the name's. */
  folded: string;
  /** One syllable per Han character, in order, and where each character is in the name. */
  syllables: string[];
  syllableAt: number[];
  /** Sorts Chinese and Latin names together, as a phone's contacts do ("li na" near "Lisa"). */
  sortKey: string;
  keys: SearchKey[];
};

const surnameCache = new Map<string, string>();
const charCache = new Map<string, string>();

function syllableOf(char: string, isSurname: boolean): string {
  const cache = isSurname ? surnameCache : charCache;
  let syllable = cache.get(char);
  if (syllable === undefined) {
    // Character by character (cached): 50 µs per name with pinyin-pro's phrase matching, which names
    // do not need; the surname reading (曾 zeng, not ceng) is the one context that matters.
    syllable =
      pinyin(char, { toneType: 'none', type: 'array', v: true, ...(isSurname ? { surname: 'head' } : {}) })[0] ?? '';
    cache.set(char, syllable);
  }
  return syllable;
}

/** Lower-case and without accents, character by character, keeping the length. */
export function fold(text: string): string {
  let out = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    const bare = lower.normalize('NFD').replace(/\p{M}/gu, '');
    out += bare.length === lower.length ? bare : lower;
  }
  return out;
}

export function nameKeys(name: string): NameKeys {
  const folded = fold(name);
  const syllables: string[] = [];
  const syllableAt: number[] = [];
  for (let i = 0; i < name.length; i++) {
    const char = name[i]!;
    if (!HAN.test(char)) continue;
    syllables.push(syllableOf(char, syllables.length === 0));
    syllableAt.push(i);
  }
  const keys: SearchKey[] = [{ kind: KeyKind.name, key: folded, start: 0 }];
  // Later words: "schmidt" finds Anna Schmidt, "xiaoming" (a word) finds 王小明 Wang Xiaoming.
  for (const match of folded.matchAll(/[\s.\-·]+(?=\S)/g)) {
    const start = match.index + match[0].length;
    keys.push({ kind: KeyKind.namePart, key: folded.slice(start), start });
  }
  if (syllables.length > 0) {
    // The given name: 小明 finds 王小明.
    if (syllables.length > 1)
      keys.push({ kind: KeyKind.namePart, key: folded.slice(syllableAt[1]!), start: syllableAt[1]! });
    keys.push({ kind: KeyKind.pinyin, key: syllables.join(''), start: 0 });
    if (syllables.length > 1) keys.push({ kind: KeyKind.pinyin, key: syllables.slice(1).join(''), start: 1 });
    keys.push({ kind: KeyKind.initials, key: syllables.map((s) => s[0]).join(''), start: 0 });
  }
  const sortKey = syllables.length > 0 && syllableAt[0] === 0 ? `${syllables.join(' ')} ${folded}` : folded;
  return { folded, syllables, syllableAt, sortKey, keys: dedupe(keys) };
}

function dedupe(keys: SearchKey[]): SearchKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = `${k.kind}:${k.key}`;
    if (seen.has(id) || k.key.length === 0) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Which characters of the name a pinyin match covers: `typed` letters from syllable `from`
 * (full pinyin: whole syllables then a partial one; initials: one character per letter).
 */
export function pinyinSpan(
  syllables: readonly string[],
  syllableAt: readonly number[],
  from: number,
  typed: number,
  initials: boolean,
): { start: number; end: number } {
  let covered = 0;
  if (initials) covered = Math.min(typed, syllables.length - from);
  else {
    let letters = 0;
    while (from + covered < syllables.length && letters < typed) letters += syllables[from + covered++]!.length;
  }
  const last = Math.max(from, from + covered - 1);
  return { start: syllableAt[from] ?? 0, end: (syllableAt[last] ?? 0) + 1 };
}
