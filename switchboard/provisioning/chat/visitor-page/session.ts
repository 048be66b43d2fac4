import type { Pending } from './transcript.ts';

/** What survives a reload: the conversation, its visitor token and the sends not yet confirmed. */
export type StoredChat = { conversationId: string; visitorToken: string; pending: Pending[] };

/**
 * Kept in sessionStorage (per tab, gone when the tab closes): a reload keeps the conversation, and a
 * shared computer does not hand the next person this visitor's token.
 */
const keyOf = (companyId: number) => `switchboard-chat:${companyId}`;

export function loadChat(storage: Storage, companyId: number): StoredChat | null {
  try {
    const value = JSON.parse(storage.getItem(keyOf(companyId)) ?? 'null') as Partial<StoredChat> | null;
    if (!value || typeof value.conversationId !== 'string' || typeof value.visitorToken !== 'string') return null;
    return {
      conversationId: value.conversationId,
      visitorToken: value.visitorToken,
      pending: Array.isArray(value.pending) ? value.pending : [],
    };
  } catch {
    return null;
  }
}

export function saveChat(storage: Storage, companyId: number, chat: StoredChat): void {
  storage.setItem(keyOf(companyId), JSON.stringify(chat));
}

export function forgetChat(storage: Storage, companyId: number): void {
  storage.removeItem(keyOf(companyId));
}

/** A client id the service accepts (`[A-Za-z0-9_.:-]{1,64}`); getRandomValues works outside secure contexts too. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `v-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
