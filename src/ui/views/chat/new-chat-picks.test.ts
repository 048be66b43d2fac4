import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../shared/directory.ts';
import { NEW_CHAT_PICKS, newChatPicks } from './new-chat-picks.ts';

const hit = (id: number, extension: string): SearchHit => ({
  person: {
    id,
    departmentId: null,
    departmentPath: [],
    name: `Person ${id}`,
    extension,
    mobile: '',
    email: null,
    callPermission: 'internal',
  },
  match: { field: 'name', start: 0, end: 1, via: 'name' },
});

describe('New chat picks', () => {
  it('leaves me out of the colleagues offered, keeping the order of the others', () => {
    const picks = newChatPicks([hit(1, '1001'), hit(2, '1002'), hit(3, '1003')], '1002');
    expect(picks.map((h) => h.person.extension)).toEqual(['1001', '1003']);
  });

  it('still offers a full page of colleagues when I was one of the hits', () => {
    const hits = Array.from({ length: NEW_CHAT_PICKS + 1 }, (_, i) => hit(i, String(1000 + i)));
    const picks = newChatPicks(hits, '1000');
    expect(picks).toHaveLength(NEW_CHAT_PICKS);
    expect(picks.some((h) => h.person.extension === '1000')).toBe(false);
  });
});
