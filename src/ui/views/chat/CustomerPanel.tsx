/**
 * The customer beside the chat on the wide desk (用户信息): user id, nickname, where they came from, when;
 * for a signed customer, their orders from the company (CustomerOrders).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatItem } from '../../../shared/chat.ts';
import { dateAndTime } from '../../format/locale-format.ts';
import { CustomerOrders } from './CustomerOrders.tsx';

export function CustomerPanel({ item }: { item: ChatItem }) {
  const { t, i18n } = useTranslation();
  const title = useId();
  const rows: [string, string, string][] = [
    ['user-id', t('chat.customer.userId'), item.siteUserId ?? t('chat.customer.anonymous', { tag: item.visitorTag })],
    ['nickname', t('chat.customer.nickname'), item.visitorName ?? '—'],
    ['channel', t('chat.customer.channel'), t(`chat.channel.${item.channel}`)],
    ['entered', t('chat.customer.entered'), dateAndTime(item.enteredAt, i18n.language)],
  ];
  return (
    <section className="chat-customer" data-testid="chat-customer" aria-labelledby={title}>
      <h2 className="chat-section-title" id={title}>
        {t('chat.customer.title')}
      </h2>
      <dl className="chat-customer-facts">
        {rows.map(([key, label, value]) => (
          <div key={key} className="chat-customer-fact">
            <dt>{label}</dt>
            <dd data-testid={`chat-customer-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {item.siteUserId !== null && <CustomerOrders item={item} />}
    </section>
  );
}
