/**
 * The customer context below the customer panel (832's buyer orders): the customer's recent orders from
 * the company's context endpoint, "Load more", an order's details, and "Send" that posts the order into
 * the chat as a card of plain text (the customer's page shows it as text; nothing here is HTML).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ChatItem, ChatOrder } from '../../../shared/chat.ts';
import { dateAndTime } from '../../format/locale-format.ts';
import { useApi } from '../../state/api-context.ts';

/** The order as the chat carries it: a few lines of text. */
export function orderCardText(t: TFunction, order: ChatOrder): string {
  return [`🧾 ${t('chat.context.card', { id: order.id })}`, order.title, `${order.amount} · ${order.status}`].join(
    '\n',
  );
}

function detailFacts(t: TFunction, language: string, order: ChatOrder): [string, string, string][] {
  return [
    ['id', t('chat.context.orderId'), order.id],
    ['title', t('chat.context.product'), order.title],
    ['amount', t('chat.context.amount'), order.amount],
    ['status', t('chat.context.status'), order.status],
    ['placed', t('chat.context.placed'), dateAndTime(order.createdAt, language)],
    [
      'items',
      t('chat.context.items'),
      order.items.map((i) => t('chat.context.quantity', { name: i.name, count: i.quantity })).join('\n'),
    ],
    ['address', t('chat.context.address'), order.address ?? '—'],
  ];
}

type Loaded = { orders: ChatOrder[]; nextCursor: string | null; level: string | null; configured: boolean };

export function CustomerOrders({ item }: { item: ChatItem }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [detail, setDetail] = useState<ChatOrder | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  const load = async (cursor: string | null) => {
    const result = await api.getChatContext({ id: item.id, cursor });
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setLoaded((before) => ({
      orders: [...(cursor === null ? [] : (before?.orders ?? [])), ...result.value.orders],
      nextCursor: result.value.nextCursor,
      level: result.value.customer?.level ?? null,
      configured: result.value.configured,
    }));
  };
  useEffect(() => {
    setLoaded(null);
    setDetail(null);
    void load(null);
    // The chat shown changed: its customer's orders (load is this render's, for this item).
  }, [item.id]);

  const send = async (order: ChatOrder) => {
    const result = await api.sendChatMessage({ id: item.id, text: orderCardText(t, order) });
    if (result.ok) setSent(order.id);
    else setError(result.error.message);
  };
  const canSend = item.state === 'open';

  if (detail) {
    return (
      <section className="chat-orders" data-testid="chat-order-detail" aria-label={t('chat.context.detail')}>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          data-testid="chat-order-back"
          onClick={() => setDetail(null)}
        >
          {t('chat.back')}
        </button>
        <dl className="chat-customer-facts">
          {detailFacts(t, i18n.language, detail).map(([key, label, value]) => (
            <div key={key} className="chat-customer-fact">
              <dt>{label}</dt>
              <dd data-testid={`chat-order-${key}`}>{value}</dd>
            </div>
          ))}
        </dl>
        {canSend && (
          <button
            type="button"
            className="btn btn-primary btn-small chat-order-send"
            data-testid="chat-order-send"
            onClick={() => void send(detail)}
          >
            {sent === detail.id ? t('chat.context.sent') : t('chat.context.send')}
          </button>
        )}
      </section>
    );
  }
  // No endpoint for the company: one line instead of an order list that would look like a customer without orders.
  if (loaded && !loaded.configured) {
    return (
      <p className="chat-empty chat-context-none" data-testid="chat-context-not-configured">
        {t('chat.context.notConfigured')}
      </p>
    );
  }
  return (
    <section className="chat-orders" data-testid="chat-orders" aria-label={t('chat.context.title')}>
      <h3 className="chat-section-title">{t('chat.context.title')}</h3>
      {loaded?.level && (
        <p className="chat-orders-level" data-testid="chat-customer-level">
          {loaded.level}
        </p>
      )}
      {error && (
        <div className="chat-error" role="alert">
          {error}
        </div>
      )}
      {loaded && loaded.orders.length === 0 && !error && <p className="chat-empty">{t('chat.context.none')}</p>}
      <ul className="chat-order-list">
        {loaded?.orders.map((order) => (
          <li key={order.id} className="chat-order" data-testid="chat-order" data-id={order.id}>
            <button type="button" className="chat-order-open" onClick={() => setDetail(order)}>
              <span className="chat-order-title">{order.title}</span>
              <span className="chat-order-meta">
                {order.amount} · {order.status}
              </span>
            </button>
            {canSend && (
              <button
                type="button"
                className="btn btn-secondary btn-small"
                data-testid="chat-order-send"
                aria-label={t('chat.context.sendOrder', { id: order.id })}
                onClick={() => void send(order)}
              >
                {sent === order.id ? t('chat.context.sent') : t('chat.context.send')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {loaded?.nextCursor && (
        <button
          type="button"
          className="btn btn-ghost btn-small"
          data-testid="chat-orders-more"
          onClick={() => void load(loaded.nextCursor)}
        >
          {t('chat.context.more')}
        </button>
      )}
    </section>
  );
}
