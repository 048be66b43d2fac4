import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { ProvisioningDb } from '../db.ts';
import { ProvisioningError } from '../problems.ts';
import { TokenBuckets } from '../token-bucket.ts';
import { visitorKey, type ChatDesk } from './chat-desk.ts';
import { activeChatOf } from './chat-records.ts';
import { checkText, type ChatLimits } from './chat-limits.ts';
import { chatSettings, visitorSigningSecret } from './chat-settings.ts';
import type { ChatEvent, VisitorView } from './chat-views.ts';
import type { ChatMessage, Conversation } from './conversation-store.ts';
import { checkSignedVisitor, type SignedVisitor } from './visitor-identity.ts';

export type StartVisit = {
  companyId: number;
  groupId?: number | undefined;
  channel?: 'web' | 'app' | undefined;
  /** The site's own user, signed by the company (visitor-identity.ts); absent: an anonymous visitor. */
  user?: SignedVisitor | undefined;
};

export type StartedVisit = { conversationId: string; visitorToken: string; visitorId: string; view: VisitorView };

const sha256 = (text: string) => createHash('sha256').update(text).digest();
const conversationIdPattern = /^[A-Za-z0-9_-]{22}$/;

/**
 * The visitor's side: starting a chat and everything done with its token. A token opens only its
 * own conversation; any other id, a wrong token or an unknown one is the same 404, so nothing tells
 * a prober which ids exist.
 */
export class ChatVisitors {
  private readonly db: ProvisioningDb;
  private readonly clock: Clock;
  private readonly desk: ChatDesk;
  private readonly messageBuckets: TokenBuckets<string>;
  private readonly visitBuckets: TokenBuckets<string>;

  constructor(options: { db: ProvisioningDb; clock: Clock; desk: ChatDesk; limits: ChatLimits }) {
    this.db = options.db;
    this.clock = options.clock;
    this.desk = options.desk;
    const { limits } = options;
    this.messageBuckets = new TokenBuckets(
      { burst: limits.visitorMessageBurst, perMinute: limits.visitorMessagesPerMinute },
      options.clock,
    );
    this.visitBuckets = new TokenBuckets(
      { burst: limits.visitBurst, perMinute: limits.visitsPerMinute },
      options.clock,
    );
  }

  /** Every new visit and left message: the address's rate, the company, the site's signature. */
  private admit(input: StartVisit, clientAddress: string): void {
    const now = this.clock.now();
    // Counted first: every attempt, good or bad, costs the address a token.
    const taken = this.visitBuckets.take(clientAddress);
    if (!taken.ok) {
      throw new ProvisioningError(
        'rate-limited',
        `Too many new chats from here. Try again in ${taken.retryAfterSec} s.`,
        {
          retryAfterSec: taken.retryAfterSec,
        },
      );
    }
    if (!this.db.prepare(`SELECT 1 FROM companies WHERE id = ?`).get(input.companyId)) {
      throw new ProvisioningError('not-found', 'No such company');
    }
    if (input.user) {
      const check = checkSignedVisitor(
        visitorSigningSecret(this.db, input.companyId),
        input.companyId,
        input.user,
        now,
      );
      if (!check.ok) throw new ProvisioningError('visitor-signature-invalid', check.reason);
    }
  }

  /** The chat group a visit asks for, or the company's first; 404 for another company's. */
  private groupFor(input: StartVisit): number {
    const store = this.desk.store;
    const groupId = input.groupId ?? store.defaultGroup(input.companyId);
    if (groupId === null || !store.groupOfCompany(input.companyId, groupId)) {
      throw new ProvisioningError('not-found', 'This company has no such online service group');
    }
    return groupId;
  }

  start(input: StartVisit, clientAddress: string): StartedVisit {
    const now = this.clock.now();
    const store = this.desk.store;
    this.admit(input, clientAddress);
    // A signed customer has one chat at a time: an agent's 重新会话 or contact, or their chat in another
    // tab, is continued here with a new token (the newest page holds it).
    const active = input.user ? activeChatOf(this.db, input.companyId, input.user.userId) : null;
    if (active !== null) {
      const visitorToken = randomBytes(32).toString('base64url');
      this.db.prepare(`UPDATE conversations SET visitor_token_hash = ? WHERE id = ?`).run(sha256(visitorToken), active);
      const c = store.get(active)!;
      return { conversationId: active, visitorToken, visitorId: c.visitorId, view: this.desk.visitorView(c) };
    }
    const groupId = this.groupFor(input);
    if (store.waiting(groupId).length >= chatSettings(this.db, input.companyId).queueLimit) {
      throw new ProvisioningError(
        'chat-queue-full',
        'All agents are busy and the queue is full. Please come back later.',
        { retryAfterSec: 60 },
      );
    }
    const conversationId = randomBytes(16).toString('base64url');
    const visitorToken = randomBytes(32).toString('base64url');
    const visitorId = input.user ? input.user.userId : `anon-${randomBytes(9).toString('base64url')}`;
    store.insert(
      {
        id: conversationId,
        companyId: input.companyId,
        visitorId,
        tokenHash: sha256(visitorToken),
        visitorNickname: input.user?.nickname ?? null,
        siteUserId: input.user?.userId ?? null,
        channel: input.channel ?? 'web',
        groupId,
        enteredAt: now,
      },
      groupId,
      now,
    );
    this.desk.enqueue(store.get(conversationId)!);
    return { conversationId, visitorToken, visitorId, view: this.desk.visitorView(store.get(conversationId)!) };
  }

  /**
   * 留言: the queue was full, so the visitor leaves a message instead (and how to reach them, if they
   * like). It lands in the group's service records as an ended chat with no agent, the text its one
   * message, for any member to read and answer (重新会话 for a signed customer). Counted against the
   * address like a new visit, so it is no way around the visit limit.
   */
  leaveMessage(
    input: StartVisit & { text: string; contact?: string | undefined },
    clientAddress: string,
  ): {
    conversationId: string;
  } {
    const now = this.clock.now();
    this.admit(input, clientAddress);
    const contact = input.contact?.trim();
    const text = checkText(contact ? `${input.text.trim()}\n\n${contact}` : input.text.trim());
    const groupId = this.groupFor(input);
    const conversationId = randomBytes(16).toString('base64url');
    const store = this.desk.store;
    this.db.transaction(() => {
      store.insertLeftMessage(
        {
          id: conversationId,
          companyId: input.companyId,
          visitorId: input.user ? input.user.userId : `anon-${randomBytes(9).toString('base64url')}`,
          // Nobody holds a token for it: the visitor's page only says the message was left.
          tokenHash: sha256(randomBytes(32).toString('base64url')),
          visitorNickname: input.user?.nickname ?? null,
          siteUserId: input.user?.userId ?? null,
          channel: input.channel ?? 'web',
          groupId,
          enteredAt: now,
        },
        groupId,
        now,
      );
      store.append(conversationId, { sender: 'visitor', authorId: null, clientId: null, event: null, body: text }, now);
    })();
    return { conversationId };
  }

  /** The conversation this token opens; 404 for any other id, in constant time against the stored hash. */
  conversation(id: string, token: string): Conversation {
    const notFound = () => new ProvisioningError('not-found', 'No such chat');
    if (!conversationIdPattern.test(id)) throw notFound();
    const stored = this.desk.store.tokenHash(id);
    if (!stored || !timingSafeEqual(stored, sha256(token))) throw notFound();
    return this.desk.store.get(id)!;
  }

  view(id: string, token: string): VisitorView {
    return this.desk.visitorView(this.conversation(id, token));
  }

  send(id: string, token: string, clientId: string, text: string): ChatMessage {
    const conversation = this.conversation(id, token);
    checkText(text);
    this.takeMessageToken(id);
    return this.desk.send(conversation, 'visitor', null, clientId, text);
  }

  private takeMessageToken(id: string): void {
    const taken = this.messageBuckets.take(id);
    if (!taken.ok) {
      throw new ProvisioningError(
        'rate-limited',
        `You are sending messages too fast. Wait ${taken.retryAfterSec} s, then send again.`,
        { retryAfterSec: taken.retryAfterSec },
      );
    }
  }

  /** An image message (chat-images.ts): counted against the same flood limit as text. */
  async sendImage(id: string, token: string, clientId: string, bytes: Buffer): Promise<ChatMessage> {
    const conversation = this.conversation(id, token);
    const sent = this.desk.store.byClientId(id, 'visitor', clientId);
    if (sent) return sent;
    this.takeMessageToken(id);
    return this.desk.images.send(conversation, 'visitor', null, clientId, bytes);
  }

  image(id: string, token: string, imageId: string) {
    return this.desk.images.image(this.conversation(id, token).id, imageId);
  }

  /** 满意度调查: the visitor's one answer, 1–5 and an optional comment. */
  answerSurvey(id: string, token: string, score: number, comment: string | null): VisitorView {
    const conversation = this.conversation(id, token);
    this.desk.surveys.answer(conversation, score, comment);
    return this.desk.visitorView(this.desk.store.get(id)!);
  }

  messages(id: string, token: string, after: number, limit: number): ChatMessage[] {
    this.conversation(id, token);
    return this.desk.store.messagesAfter(id, after, limit);
  }

  end(id: string, token: string): VisitorView {
    this.desk.end(this.conversation(id, token), 'visitor');
    return this.desk.visitorView(this.desk.store.get(id)!);
  }

  /** Registers `listener` before anything is read, so no event falls between the backlog and the live stream. */
  subscribe(
    id: string,
    token: string,
    listener: (event: ChatEvent) => void,
    end: () => void,
  ): { view: () => VisitorView; unsubscribe: () => void } {
    const conversation = this.conversation(id, token);
    const unsubscribe = this.desk.streams.add(visitorKey(id), null, listener, end);
    return { view: () => this.desk.visitorView(this.desk.store.get(conversation.id)!), unsubscribe };
  }
}
