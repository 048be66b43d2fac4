/**
 * Customer context (832's buyer orders, for any company): the service asks the company's context
 * endpoint about the customer of a chat and hands the agent what it answered, checked. The endpoint
 * gets `GET <url>?companyId=&userId=&cursor=` and answers `{customer, orders, nextCursor}`; it is
 * someone else's server, so the answer is size-capped, time-capped and validated, and its text is
 * only ever shown as text. Only signed customers (a site user id) have context.
 */
import { z } from 'zod';
import { ProvisioningError } from '../problems.ts';

const text = (max: number) => z.string().max(max);

export const OrderSchema = z.object({
  id: text(64).min(1),
  title: text(200),
  /** As the shop writes it ("¥129.00"): the service does no currency arithmetic. */
  amount: text(40),
  status: text(40),
  createdAt: z.number().int().nonnegative(),
  items: z
    .array(z.object({ name: text(200), quantity: z.number().int().positive().max(1_000_000) }))
    .max(50)
    .default([]),
  address: text(300).nullable().default(null),
});
export type Order = z.infer<typeof OrderSchema>;

export const ContextAnswerSchema = z.object({
  customer: z
    .object({
      userId: text(100),
      nickname: text(100).nullable().default(null),
      /** The shop's words for the customer ("VIP 3", "Member since 2021"). */
      level: text(60).nullable().default(null),
    })
    .nullable(),
  orders: z.array(OrderSchema).max(50),
  nextCursor: text(200).nullable(),
});
export type ContextAnswer = z.infer<typeof ContextAnswerSchema>;

export const NO_CONTEXT: ContextAnswer = { customer: null, orders: [], nextCursor: null };

const MAX_BYTES = 256 * 1024;

class TooLarge extends Error {}

/**
 * The body as text, read chunk by chunk and given up (the stream cancelled) as soon as it passes
 * `maxBytes`: an endpoint that sends no Content-Length, or lies in it, cannot make the service hold
 * more than the cap in memory.
 */
export async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks the endpoint; any failure is `502 context-unavailable` in words, never the endpoint's own text. */
export async function fetchCustomerContext(
  url: string,
  query: { companyId: number; userId: string; cursor: string | null },
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<ContextAnswer> {
  const unavailable = (why: string) =>
    new ProvisioningError('context-unavailable', `The company's customer information could not be read (${why})`);
  const target = new URL(url);
  target.searchParams.set('companyId', String(query.companyId));
  target.searchParams.set('userId', query.userId);
  if (query.cursor !== null) target.searchParams.set('cursor', query.cursor);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(target, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
    });
  } catch {
    throw unavailable('no answer');
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw unavailable(`HTTP ${response.status}`);
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_BYTES) {
    await response.body?.cancel().catch(() => {});
    throw unavailable('too large');
  }
  const body = await readCapped(response, MAX_BYTES).catch((error: unknown) => {
    throw error instanceof TooLarge ? unavailable('too large') : unavailable('no answer');
  });
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw unavailable('not JSON');
  }
  const parsed = ContextAnswerSchema.safeParse(json);
  if (!parsed.success) throw unavailable('not the expected shape');
  return parsed.data;
}
