/**
 * The reference switchboard's demo context endpoint (`GET /v1/demo/customer-context`): made-up orders
 * for any user id, the same every time (derived from the id), 12 of them, 5 a page, newest first. It
 * stands in for a shop's own endpoint so the agent's customer panel has something to show.
 */
import { createHash } from 'node:crypto';
import type { RouteHandler } from '../http.ts';
import { sendJson } from '../http.ts';
import { ProvisioningError } from '../problems.ts';
import type { ContextAnswer, Order } from './customer-context.ts';

const PRODUCTS = [
  ['有机红茶礼盒 Organic black tea gift box', '¥168.00'],
  ['高山小米 5kg Highland millet 5 kg', '¥89.90'],
  ['野生蜂蜜 500g Wild honey 500 g', '¥59.00'],
  ['手工挂面 Hand-made noodles ×6', '¥45.50'],
  ['核桃仁 1kg Walnut kernels 1 kg', '¥78.00'],
] as const;
const STATUSES = ['待发货 To ship', '已发货 Shipped', '已签收 Delivered', '已完成 Completed'] as const;
const PAGE = 5;
const COUNT = 12;
const DAY = 86_400_000;

export function demoOrders(userId: string, now: number): Order[] {
  const seed = createHash('sha256').update(userId).digest();
  return Array.from({ length: COUNT }, (_, i) => {
    const [title, amount] = PRODUCTS[(seed[i]! + i) % PRODUCTS.length]!;
    return {
      id: `DD${(seed.readUInt32BE(i % 28) % 90_000_000) + 10_000_000}${String(i).padStart(2, '0')}`,
      title,
      amount,
      status: STATUSES[i === 0 ? 0 : i === 1 ? 1 : 3]!,
      createdAt: now - (i * 9 + (seed[i + 1]! % 7)) * DAY,
      items: [{ name: title, quantity: 1 + (seed[i + 2]! % 3) }],
      address: '北京市朝阳区望京街 10 号 10 Wangjing St, Chaoyang, Beijing',
    };
  });
}

export function demoContext(userId: string, cursor: string | null, now: number): ContextAnswer {
  const from = cursor === null ? 0 : Number(cursor);
  if (!Number.isInteger(from) || from < 0 || from > COUNT)
    throw new ProvisioningError('invalid-request', 'A bad cursor');
  const orders = demoOrders(userId, now).slice(from, from + PAGE);
  return {
    customer: { userId, nickname: null, level: 'VIP 2' },
    orders,
    nextCursor: from + PAGE < COUNT ? String(from + PAGE) : null,
  };
}

export function demoContextRoutes(now: () => number): Record<string, RouteHandler> {
  return {
    'GET /v1/demo/customer-context': async (_req, res, _a, target) => {
      const query = target.query.only('companyId', 'userId', 'cursor');
      const userId = query.string('userId');
      if (!userId || userId.length > 100) throw new ProvisioningError('invalid-request', 'userId is required');
      sendJson(res, 200, demoContext(userId, query.string('cursor') ?? null, now()));
    },
  };
}
