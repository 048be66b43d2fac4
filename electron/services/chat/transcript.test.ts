import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src/shared/chat.ts';
import { Transcript } from './transcript.ts';

const message = (seq: number, sender: ChatMessage['sender'], body: string, clientId: string | null = null) =>
  ({
    seq,
    sender,
    authorName: null,
    clientId,
    kind: sender === 'system' ? 'system' : 'text',
    event: sender === 'system' ? 'agent-joined' : null,
    body,
    createdAt: seq * 1000,
  }) satisfies ChatMessage;

describe('a chat transcript in the app', () => {
  it('shows each message once and in seq order, whatever order the stream and the catch-up bring them in', () => {
    const t = new Transcript('c');
    expect(t.merge([message(2, 'visitor', 'b'), message(4, 'visitor', 'd')])).toBe(true);
    expect(t.contiguousSeq).toBe(0);
    t.merge([message(1, 'system', ''), message(2, 'visitor', 'b'), message(3, 'agent', 'c')]);
    expect(t.merge([message(4, 'visitor', 'd')])).toBe(false);
    expect(t.view().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(t.contiguousSeq).toBe(4);
  });

  it('drops our own unconfirmed send when the service’s copy with its client id arrives', () => {
    const t = new Transcript('c');
    t.addPending({ clientId: 'a-1', text: 'hello', createdAt: 1, failed: null });
    t.addPending({ clientId: 'a-2', text: 'again', createdAt: 2, failed: null });
    t.merge([message(1, 'agent', 'hello', 'a-1')]);
    expect(t.view().pending.map((p) => p.clientId)).toEqual(['a-2']);
    // A visitor's message with the same client id is someone else's.
    t.merge([message(2, 'visitor', 'x', 'a-2')]);
    expect(t.view().pending.map((p) => p.clientId)).toEqual(['a-2']);
  });

  it('knows how long the visitor has waited for an answer, and the list’s one-line preview', () => {
    const t = new Transcript('c');
    t.merge([message(1, 'visitor', 'one'), message(2, 'visitor', 'two')]);
    expect(t.waitingSince()).toBe(1000);
    t.merge([message(3, 'agent', 'line\n  two')]);
    expect(t.waitingSince()).toBeNull();
    expect(t.lastLine()).toMatchObject({ sender: 'agent', text: 'line two' });
    t.merge([message(4, 'visitor', '😀'.repeat(200))]);
    expect(t.waitingSince()).toBe(4000);
    expect([...t.lastLine()!.text].length).toBe(121);
    expect(t.visitorMessagesAfter(2)).toBe(1);
  });
});
