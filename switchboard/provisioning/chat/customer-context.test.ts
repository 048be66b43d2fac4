import { afterEach, describe, expect, it } from 'vitest';
import { ProvisioningError } from '../problems.ts';
import { chatFixture, type ChatFixture } from '../test-support/chat-fixture.ts';
import { ChatContext } from './chat-context.ts';
import { contextSetting, setContextSetting } from './chat-settings.ts';
import { fetchCustomerContext } from './customer-context.ts';
import { demoContext } from './demo-context.ts';
import { signVisitor } from './visitor-identity.ts';

const answer = (body: unknown, init: ResponseInit = {}) =>
  (async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), init)) as unknown as typeof fetch;
const refusal = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof ProvisioningError) return { code: error.code, status: error.status, title: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
};
const NOW = Date.UTC(2026, 11, 7);
const query = { companyId: 1, userId: 'u-42', cursor: null };

describe('customer context from the company endpoint', () => {
  it('asks with the company, user id and cursor, and passes on a checked answer', async () => {
    let asked = '';
    const fetcher = (async (url: URL) => {
      asked = url.toString();
      return new Response(JSON.stringify(demoContext('u-42', null, NOW)));
    }) as unknown as typeof fetch;
    const got = await fetchCustomerContext('https://shop.example/ctx', { ...query, cursor: '5' }, { fetch: fetcher });
    expect(asked).toBe('https://shop.example/ctx?companyId=1&userId=u-42&cursor=5');
    expect(got.orders).toHaveLength(5);
    expect(got.nextCursor).toBe('5');
  });

  it('refuses an answer that is an error, not JSON, the wrong shape or too large, in its own words', async () => {
    const url = 'https://shop.example/ctx';
    for (const fetcher of [
      answer({}, { status: 500 }),
      answer('<html>'),
      answer({ orders: 'none' }),
      answer({
        customer: null,
        orders: [{ id: '1', title: 'x'.repeat(201), amount: '', status: '', createdAt: 0 }],
        nextCursor: null,
      }),
      answer('x'.repeat(300_000)),
      (async () => {
        throw new Error('connect ECONNREFUSED');
      }) as unknown as typeof fetch,
    ]) {
      expect(await refusal(fetchCustomerContext(url, query, { fetch: fetcher }))).toMatchObject({
        code: 'context-unavailable',
        status: 502,
      });
    }
  });

  it('stops reading an answer with no Content-Length as soon as it passes 256 KiB', async () => {
    let sent = 0;
    let cancelled = false;
    const chunk = new TextEncoder().encode(`[${'1,'.repeat(8191)}1]`.padEnd(16 * 1024, ' '));
    // An endless body: reading it all first would never end (or fill the memory).
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const fetcher = (async () => new Response(endless)) as unknown as typeof fetch;
    expect(await refusal(fetchCustomerContext('https://shop.example/ctx', query, { fetch: fetcher }))).toMatchObject({
      code: 'context-unavailable',
      title: expect.stringContaining('too large'),
    });
    expect(cancelled).toBe(true);
    expect(sent).toBeLessThan(256 * 1024 + 4 * chunk.byteLength);
  });

  it('reads an answer in pieces with no Content-Length, up to the cap', async () => {
    const text = JSON.stringify(demoContext('u-42', null, NOW));
    const bytes = new TextEncoder().encode(text);
    const pieces = new ReadableStream<Uint8Array>({
      start(controller) {
        // Split inside a multi-byte character too: the pieces are joined before decoding.
        for (let at = 0; at < bytes.length; at += 7) controller.enqueue(bytes.slice(at, at + 7));
        controller.close();
      },
    });
    const fetcher = (async () => new Response(pieces)) as unknown as typeof fetch;
    expect(await fetchCustomerContext('https://shop.example/ctx', query, { fetch: fetcher })).toEqual(
      demoContext('u-42', null, NOW),
    );
  });

  it('the demo endpoint gives 12 orders for a user, 5 a page, the same each time', () => {
    const pages = [demoContext('u-42', null, NOW), demoContext('u-42', '5', NOW), demoContext('u-42', '10', NOW)];
    expect(pages.map((p) => [p.orders.length, p.nextCursor])).toEqual([
      [5, '5'],
      [5, '10'],
      [2, null],
    ]);
    expect(demoContext('u-42', null, NOW)).toEqual(pages[0]);
    expect(new Set(pages.flatMap((p) => p.orders.map((o) => o.id))).size).toBe(12);
  });
});

describe("the agent's customer context", () => {
  let f: ChatFixture;
  afterEach(() => f.close());

  it('is the signed customer’s, only for the chat’s agent; an anonymous visitor has none', async () => {
    f = chatFixture({ settings: { acceptMode: 'auto' } });
    const asked: string[] = [];
    const context = new ChatContext({
      desk: f.chat.desk,
      devices: f.service,
      endpoints: () => 'https://shop.example/ctx',
      fetch: (async (url: URL) => {
        asked.push(url.searchParams.get('userId')!);
        return new Response(JSON.stringify(demoContext(url.searchParams.get('userId')!, null, NOW)));
      }) as unknown as typeof fetch,
    });
    const agent = await f.signIn('8001');
    const user = { userId: 'u-42', nickname: 'qwe', expiresAt: Math.floor(f.clock.now() / 1000) + 600 };
    const signed = f.chat.visitors.start(
      { companyId: f.companyId, user: { ...user, signature: signVisitor(f.signingSecret, f.companyId, user) } },
      '203.0.113.7',
    );
    const anon = f.chat.visitors.start({ companyId: f.companyId }, '203.0.113.8');
    expect((await context.of(agent, signed.conversationId, null)).orders).toHaveLength(5);
    expect(await context.of(agent, anon.conversationId, null)).toEqual({
      customer: null,
      orders: [],
      nextCursor: null,
      configured: true,
    });
    expect(asked).toEqual(['u-42']);
    const other = await f.signIn('8002');
    expect(await refusal(context.of(other, signed.conversationId, null))).toMatchObject({ status: 404 });
  });

  it('a company with no endpoint says so (configured: false) and asks nobody', async () => {
    f = chatFixture({ settings: { acceptMode: 'auto' } });
    // The fixture's demo company has the demo endpoint; this company has none.
    expect(contextSetting(f.db, f.companyId)).toBe('demo');
    setContextSetting(f.db, f.companyId, null);
    let asked = 0;
    const context = new ChatContext({
      desk: f.chat.desk,
      devices: f.service,
      endpoints: (companyId) => contextSetting(f.db, companyId),
      fetch: (async () => {
        asked++;
        return new Response(JSON.stringify(demoContext('u-42', null, NOW)));
      }) as unknown as typeof fetch,
    });
    const agent = await f.signIn('8001');
    const user = { userId: 'u-42', nickname: 'qwe', expiresAt: Math.floor(f.clock.now() / 1000) + 600 };
    const signed = f.chat.visitors.start(
      { companyId: f.companyId, user: { ...user, signature: signVisitor(f.signingSecret, f.companyId, user) } },
      '203.0.113.7',
    );
    expect(await context.of(agent, signed.conversationId, null)).toEqual({
      customer: null,
      orders: [],
      nextCursor: null,
      configured: false,
    });
    expect(asked).toBe(0);
    // Set for this company, the same chat gets the customer's orders.
    setContextSetting(f.db, f.companyId, 'https://shop.example/ctx');
    expect(await context.of(agent, signed.conversationId, null)).toMatchObject({ configured: true });
    expect(asked).toBe(1);
    expect(() => setContextSetting(f.db, f.companyId, 'file:///etc/passwd')).toThrow(/http\(s\) URL/);
  });
});
