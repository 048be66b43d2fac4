import { describe, expect, it } from 'vitest';
import { fold, KeyKind, nameKeys, pinyinSpan } from './name-keys.ts';

describe('name keys', () => {
  it('张三 is found by "zhangsan" and "zs"', () => {
    const keys = nameKeys('张三');
    expect(keys.keys).toContainEqual({ kind: KeyKind.pinyin, key: 'zhangsan', start: 0 });
    expect(keys.keys).toContainEqual({ kind: KeyKind.initials, key: 'zs', start: 0 });
    expect(keys.keys).toContainEqual({ kind: KeyKind.pinyin, key: 'san', start: 1 });
  });

  it('reads surnames as surnames and ü as v', () => {
    expect(nameKeys('曾小贤').syllables).toEqual(['zeng', 'xiao', 'xian']);
    expect(nameKeys('吕布').keys).toContainEqual({ kind: KeyKind.pinyin, key: 'lvbu', start: 0 });
  });

  it('mixed and Latin names: later words, accents folded, same length', () => {
    const wang = nameKeys('王小明 Wang Xiaoming');
    expect(wang.keys.filter((k) => k.kind === KeyKind.namePart).map((k) => k.key)).toEqual([
      'wang xiaoming',
      'xiaoming',
      '小明 wang xiaoming',
    ]);
    expect(fold('María García')).toBe('maria garcia');
    expect(nameKeys('María García').keys).toContainEqual({ kind: KeyKind.namePart, key: 'garcia', start: 6 });
  });

  it('maps a pinyin match to the characters it covers', () => {
    const { syllables, syllableAt } = nameKeys('王小明 Wang');
    expect(pinyinSpan(syllables, syllableAt, 0, 'wangx'.length, false)).toEqual({ start: 0, end: 2 });
    expect(pinyinSpan(syllables, syllableAt, 0, 'wx'.length, true)).toEqual({ start: 0, end: 2 });
    expect(pinyinSpan(syllables, syllableAt, 1, 'xiaoming'.length, false)).toEqual({ start: 1, end: 3 });
  });

  it('sorts Chinese names by pinyin among Latin ones', () => {
    const names = ['Zoe', '王小明', 'Anna', '李娜', 'Liu'];
    names.sort((a, b) => (nameKeys(a).sortKey < nameKeys(b).sortKey ? -1 : 1));
    expect(names).toEqual(['Anna', '李娜', 'Liu', '王小明', 'Zoe']);
  });
});
