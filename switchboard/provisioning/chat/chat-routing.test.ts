import { describe, expect, it } from 'vitest';
import { chooseAgent, queuePosition, type ChatCandidate } from './chat-routing.ts';

const rules = { maxOpenPerAgent: 5, chatsDuringCalls: false };
const agent = (personId: number, extra: Partial<ChatCandidate> = {}): ChatCandidate => ({
  personId,
  status: 'available',
  openChats: 0,
  lastChatEndedAt: null,
  ...extra,
});

describe('chat routing', () => {
  it('offers the chat to the least-loaded available agent', () => {
    expect(
      chooseAgent([agent(1, { openChats: 3 }), agent(2, { openChats: 1 }), agent(3, { openChats: 2 })], rules),
    ).toBe(2);
  });

  it('between equally loaded agents, the one whose last chat ended longest ago gets it; never-chatted first', () => {
    expect(chooseAgent([agent(1, { lastChatEndedAt: 500 }), agent(2, { lastChatEndedAt: 100 })], rules)).toBe(2);
    expect(chooseAgent([agent(1, { lastChatEndedAt: 100 }), agent(2)], rules)).toBe(2);
  });

  it.each(['busy', 'break', 'offline', 'after-call-work', 'on-call'] as const)(
    'gives a %s agent no chat while the company does not allow chats during calls',
    (status) => {
      expect(chooseAgent([agent(1, { status })], rules)).toBeNull();
    },
  );

  it('gives an on-call agent chats when the company allows chats during calls, but never a busy one', () => {
    const allow = { ...rules, chatsDuringCalls: true };
    expect(chooseAgent([agent(1, { status: 'on-call' })], allow)).toBe(1);
    expect(chooseAgent([agent(1, { status: 'busy' })], allow)).toBeNull();
  });

  it('gives an agent at the company maximum of open chats no more, so the visitor waits', () => {
    expect(chooseAgent([agent(1, { openChats: 5 })], rules)).toBeNull();
    expect(chooseAgent([agent(1, { openChats: 1 })], { ...rules, maxOpenPerAgent: 1 })).toBeNull();
  });

  it('skips an agent who already let this offer lapse and offers it to the next', () => {
    expect(chooseAgent([agent(1), agent(2, { openChats: 2 })], rules, new Set([1]))).toBe(2);
    expect(chooseAgent([agent(1)], rules, new Set([1]))).toBeNull();
  });

  it('numbers waiting visitors from 1 in line order; one not in the line has no position', () => {
    const line = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(['a', 'b', 'c', 'z'].map((id) => queuePosition(line, id))).toEqual([1, 2, 3, null]);
  });
});
