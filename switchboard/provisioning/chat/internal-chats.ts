import type { DeviceTokens } from '../presence-service.ts';
import { ProvisioningError } from '../problems.ts';
import { TokenBuckets } from '../token-bucket.ts';
import { agentKey, type ChatDesk } from './chat-desk.ts';
import { checkText, type ChatLimits } from './chat-limits.ts';
import type { ChatMessage, Conversation } from './conversation-store.ts';
import { InternalChatStore, type InternalChatRow, type InternalSearchHit } from './internal-chat-store.ts';

/** A message as one member sees it: `mine` tells their own from the colleague's (both are sender 'agent'). */
export type InternalMessage = ChatMessage & { mine: boolean };

export type InternalChatSummary = Omit<InternalChatRow, 'lastMessage'> & {
  lastMessage: (Omit<NonNullable<InternalChatRow['lastMessage']>, 'authorId'> & { mine: boolean }) | null;
};

/** A person's internal chats (the `internal` event and answer), with the total unread for the tab and badge. */
export type InternalChatList = { chats: InternalChatSummary[]; unread: number; at: number };

export type InternalChatEvent =
  | { event: 'internal'; data: InternalChatList }
  | { event: 'internal-message'; data: { conversationId: string; message: InternalMessage } };

const SEARCH_LIMIT = 100;

/**
 * Internal chat between colleagues (issue 17), by device token: one-to-one chats of two people of the
 * same company on the conversation store and event streams of customer chat (a member's `p:<person>`
 * stream gets `internal` and `internal-message` events beside the desk's). Anyone not in a chat gets 404.
 */
export class InternalChats {
  readonly store: InternalChatStore;
  private readonly desk: ChatDesk;
  private readonly devices: DeviceTokens;
  private readonly buckets: TokenBuckets<number>;

  constructor(options: { desk: ChatDesk; devices: DeviceTokens; limits: ChatLimits }) {
    this.desk = options.desk;
    this.devices = options.devices;
    this.store = new InternalChatStore(options.desk.db);
    this.buckets = new TokenBuckets(
      { burst: options.limits.internalMessageBurst, perMinute: options.limits.internalMessagesPerMinute },
      options.desk.clock,
    );
  }

  list(token: string): InternalChatList {
    return this.listOf(this.devices.deviceByToken(token).personId);
  }

  listOf(personId: number): InternalChatList {
    const chats = this.store.list(personId).map(({ lastMessage, ...row }) => ({
      ...row,
      lastMessage: lastMessage && {
        seq: lastMessage.seq,
        kind: lastMessage.kind,
        body: lastMessage.body,
        createdAt: lastMessage.createdAt,
        mine: lastMessage.authorId === personId,
      },
    }));
    return { chats, unread: chats.reduce((sum, c) => sum + c.unread, 0), at: this.desk.clock.now() };
  }

  /** "Message" on a colleague: their one chat with me (made on first use), in my list from now on. */
  open(token: string, colleagueId: number): { conversationId: string; list: InternalChatList } {
    const { personId, companyId } = this.devices.deviceByToken(token);
    const colleague = this.store.colleague(colleagueId);
    if (!colleague) throw new ProvisioningError('not-found', 'No such colleague');
    if (colleague.companyId !== companyId) {
      throw new ProvisioningError('not-same-company', 'Chat is only with colleagues of your own company');
    }
    if (colleague.id === personId) throw new ProvisioningError('invalid-request', 'You cannot chat with yourself');
    const conversationId = this.store.open(companyId, personId, colleague.id, this.desk.clock.now());
    this.tellList(personId);
    return { conversationId, list: this.listOf(personId) };
  }

  send(token: string, id: string, clientId: string, text: string): InternalMessage {
    const { personId, conversation, members } = this.mine(token, id);
    const sent = this.alreadySent(conversation, personId, clientId);
    if (sent) return sent;
    checkText(text);
    this.takeToken(personId);
    const { message, duplicate } = this.desk.store.append(
      id,
      { sender: 'agent', authorId: personId, clientId, event: null, body: text },
      this.desk.clock.now(),
    );
    if (!duplicate) this.posted(conversation, message, personId, members);
    return { ...message, mine: true };
  }

  /** An image by the customer chat's path (sniffed type, 10 MB, stored with its message); same flood limit. */
  async sendImage(token: string, id: string, clientId: string, bytes: Buffer): Promise<InternalMessage> {
    const { personId, conversation, members } = this.mine(token, id);
    const sent = this.alreadySent(conversation, personId, clientId);
    if (sent) return sent;
    this.takeToken(personId);
    let stored: ChatMessage | null = null;
    const message = await this.desk.images.send(conversation, 'agent', personId, clientId, bytes, (_c, imageId) => {
      const appended = this.desk.store.append(
        id,
        { sender: 'agent', authorId: personId, clientId, event: null, body: '', imageId },
        this.desk.clock.now(),
      );
      if (!appended.duplicate) stored = appended.message;
      return appended.message;
    });
    if (stored) this.posted(conversation, stored, personId, members);
    return { ...message, mine: true };
  }

  /** Throws unless the asker is in this chat (an upload is checked before its bytes are read). */
  check(token: string, id: string): void {
    this.mine(token, id);
  }

  image(token: string, id: string, imageId: string) {
    return this.desk.images.image(this.mine(token, id).conversation.id, imageId);
  }

  /**
   * The history after `after`, from the service (any computer, after any time offline). Fetching is
   * receiving: the colleague's messages returned are marked delivered (read is the app's `marks`).
   */
  messages(token: string, id: string, after: number, limit: number): InternalMessage[] {
    const { personId, members } = this.mine(token, id);
    const messages = this.viewOf(id, personId, this.desk.store.messagesAfter(id, after, limit));
    const last = messages.at(-1);
    if (last && this.store.mark(id, personId, { delivered: last.seq })) this.tellOthers(members, personId);
    return messages;
  }

  /** Sent → delivered → read: the member's marks move forward; the colleague's list shows them. */
  marks(
    token: string,
    id: string,
    marks: { delivered?: number | undefined; read?: number | undefined },
  ): InternalChatList {
    const { personId, members } = this.mine(token, id);
    if (this.store.mark(id, personId, marks)) {
      this.tellList(personId);
      this.tellOthers(members, personId);
    }
    return this.listOf(personId);
  }

  /** 不显示: leaves my list until the next message in it; nothing is deleted, the colleague keeps theirs. */
  hide(token: string, id: string): InternalChatList {
    const { personId } = this.mine(token, id);
    this.store.hide(id, personId);
    this.tellList(personId);
    return this.listOf(personId);
  }

  /** Text in my internal chats (or in one of them), newest first. */
  search(token: string, text: string, conversationId: string | null): InternalSearchHit[] {
    const { personId } = this.devices.deviceByToken(token);
    if (conversationId !== null) this.mine(token, conversationId);
    const query = text.trim();
    if (query === '') throw new ProvisioningError('invalid-request', 'Say what to search for');
    return this.store.search(personId, query, conversationId, SEARCH_LIMIT);
  }

  private mine(token: string, id: string): { personId: number; conversation: Conversation; members: number[] } {
    const { personId, companyId } = this.devices.deviceByToken(token);
    const conversation = /^[A-Za-z0-9_-]{22}$/.test(id) ? this.desk.store.get(id) : null;
    const members =
      conversation?.kind === 'internal' && conversation.companyId === companyId
        ? this.store.membersIfIn(id, personId)
        : null;
    if (!conversation || !members) throw new ProvisioningError('not-found', 'No such chat of yours');
    return { personId, conversation, members };
  }

  /** A retried send is the message stored the first time; a client id the colleague used is refused, not merged. */
  private alreadySent(conversation: Conversation, personId: number, clientId: string): InternalMessage | null {
    const sent = this.desk.store.byClientId(conversation.id, 'agent', clientId);
    if (!sent) return null;
    if (this.store.authors(conversation.id, sent.seq, sent.seq).get(sent.seq) !== personId) {
      throw new ProvisioningError('invalid-request', 'This client id is taken in this chat; send with a new one');
    }
    return { ...sent, mine: true };
  }

  private takeToken(personId: number): void {
    const taken = this.buckets.take(personId);
    if (!taken.ok) {
      throw new ProvisioningError(
        'rate-limited',
        `You are sending messages too fast. Wait ${taken.retryAfterSec} s, then send again.`,
        { retryAfterSec: taken.retryAfterSec },
      );
    }
  }

  private viewOf(id: string, personId: number, messages: ChatMessage[]): InternalMessage[] {
    if (messages.length === 0) return [];
    const authors = this.store.authors(id, messages[0]!.seq, messages.at(-1)!.seq);
    return messages.map((m) => ({ ...m, mine: authors.get(m.seq) === personId }));
  }

  /** A new message: the chat shows again for both, each member's devices get it and their list. */
  private posted(conversation: Conversation, message: ChatMessage, authorId: number, members: number[]): void {
    this.store.unhide(conversation.id);
    this.store.mark(conversation.id, authorId, { read: message.seq });
    for (const member of members) {
      const data = { conversationId: conversation.id, message: { ...message, mine: member === authorId } };
      this.desk.streams.emit(agentKey(member), { event: 'internal-message', data });
      this.tellList(member);
    }
  }

  private tellOthers(members: number[], personId: number): void {
    for (const member of members) if (member !== personId) this.tellList(member);
  }

  private tellList(personId: number): void {
    this.desk.streams.emit(agentKey(personId), { event: 'internal', data: this.listOf(personId) });
  }
}
