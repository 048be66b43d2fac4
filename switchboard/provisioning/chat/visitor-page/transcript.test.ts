import { describe, expect, it } from 'vitest';
import { lastSeq, mergeMessages, messageLength, stillPending, type Message } from './transcript.ts';

const message = (seq: number, body = `m${seq}`, extra: Partial<Message> = {}): Message => ({
  seq,
  sender: 'agent',
  authorName: '李娜 Li Na',
  clientId: null,
  kind: 'text',
  event: null,
  body,
  createdAt: 1_700_000_000_000 + seq,
  ...extra,
});

describe('the transcript', () => {
  it('shows a message once when the resumed backlog, the send answer and the live event all carry it', () => {
    const known = [message(1), message(2)];
    const merged = mergeMessages(known, [message(2), message(3), message(3)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('keeps seq order when messages arrive out of order', () => {
    expect(mergeMessages([message(3)], [message(1), message(2)]).map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('resumes the stream after the highest seq shown, or from the start when nothing is shown', () => {
    expect(lastSeq([message(1), message(7)])).toBe(7);
    expect(lastSeq([])).toBe(0);
  });

  it('stops showing a send as pending once the service confirmed it under the same client id', () => {
    const pending = [
      { clientId: 'v-a', text: 'hello', failed: null },
      { clientId: 'v-b', text: 'still out', failed: null },
    ];
    const confirmed = message(4, 'hello', { sender: 'visitor', clientId: 'v-a', authorName: null });
    expect(stillPending(pending, [confirmed]).map((p) => p.clientId)).toEqual(['v-b']);
  });

  it('counts a message in characters as the service does, so an emoji is one, not two', () => {
    expect(messageLength('好😀')).toBe(2);
  });
});
