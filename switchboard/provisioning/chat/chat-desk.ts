import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { ProvisioningDb } from '../db.ts';
import { ProvisioningError } from '../problems.ts';
import { canTakeChat, chooseAgent, queuePosition } from './chat-routing.ts';
import { ChatImages } from './chat-images.ts';
import { chatSettings } from './chat-settings.ts';
import { ChatSurveys } from './chat-survey.ts';
import { ChatStreams, type ChatStreamLimits } from './chat-streams.ts';
import { summaryOf, type AgentDesk, type ChatEvent, type VisitorView } from './chat-views.ts';
import {
  ConversationStore,
  type ChatMessage,
  type Conversation,
  type EndReason,
  type Sender,
  type SystemEvent,
} from './conversation-store.ts';

/** What the chat desk needs of presence (PresenceService): status changes, and ring-out handling. */
export interface ChatPresence {
  onPersonChanged(listener: (personId: number) => void): void;
  /** The person let a chat offer lapse: handled as a group call ring-out (agent-status.ts ringedOut). */
  chatOfferLapsed(personId: number): void;
}

export const visitorKey = (conversationId: string) => `c:${conversationId}`;
export const agentKey = (personId: number) => `p:${personId}`;

const RECENT_ENDED = 20;

/**
 * The conversations' life (docs/chat.md): queue → offer → open → ended, every change stored first
 * and then told to the visitor's and the agents' event streams. Who asks is checked by
 * chat-visitors.ts and chat-agents.ts; this file trusts its callers.
 */
export class ChatDesk {
  readonly store: ConversationStore;
  readonly streams: ChatStreams<ChatEvent>;
  readonly db: ProvisioningDb;
  readonly images: ChatImages;
  readonly surveys: ChatSurveys;
  readonly clock: Clock;
  private readonly presence: ChatPresence;
  private dispatching = false;
  private readonly pendingGroups = new Set<number>();
  private readonly changeListeners: ((change: { personId: number } | { companyId: number }) => void)[] = [];

  constructor(options: { db: ProvisioningDb; clock: Clock; presence: ChatPresence; streams: ChatStreamLimits }) {
    this.db = options.db;
    this.clock = options.clock;
    this.presence = options.presence;
    this.store = new ConversationStore(options.db);
    this.streams = new ChatStreams(options.streams);
    this.images = new ChatImages(this);
    this.surveys = new ChatSurveys(this);
    this.presence.onPersonChanged((personId) => {
      if (this.store.isOffline(personId)) this.handBack(personId);
      for (const groupId of this.store.groupsOfPerson(personId)) this.dispatch(groupId);
    });
  }

  /** Offers that ran out go to the next agent; chats the visitor left silent end. Called by a timer; tests call it. */
  sweep(): void {
    const now = this.clock.now();
    for (const id of this.store.offersDue(now)) this.lapse(id);
    for (const id of this.store.timeoutsDue(now)) {
      const c = this.store.get(id);
      if (c) this.end(c, 'timeout', chatSettings(this.db, c.companyId).timeoutMessage);
    }
  }

  /** Puts a new conversation in its group's queue and lets the queue move. */
  enqueue(conversation: Conversation): void {
    this.tellVisitor(conversation);
    if (conversation.groupId !== null) this.dispatch(conversation.groupId);
  }

  /**
   * Offers waiting conversations of the group to whoever may take them, oldest first. A visitor
   * whose only free agent let their offer lapse does not hold up the ones behind. Re-entry (a
   * presence change heard while offering) is queued, not nested.
   */
  dispatch(groupId: number): void {
    this.pendingGroups.add(groupId);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (const next of this.pendingGroups) {
        this.pendingGroups.delete(next);
        this.dispatchGroup(next);
      }
    } finally {
      this.dispatching = false;
    }
  }

  private dispatchGroup(groupId: number): void {
    const waiting = this.store.waiting(groupId);
    if (waiting.length === 0) return;
    const companyId = this.db.prepare(`SELECT company_id FROM chat_groups WHERE id = ?`).pluck().get(groupId) as number;
    const settings = chatSettings(this.db, companyId);
    const rules = { maxOpenPerAgent: settings.maxOpenPerAgent, chatsDuringCalls: settings.chatsDuringCalls };
    const candidates = this.store.candidates(groupId);
    const now = this.clock.now();
    for (const { id } of waiting) {
      // Nobody has room (the usual case with a long line): the rest of the line waits too.
      if (!candidates.some((c) => canTakeChat(c, rules))) break;
      // Someone who let this offer lapse is skipped until they have come back to work (a newer status).
      const since = new Map(candidates.map((c) => [c.personId, c.statusSince]));
      const skip = new Set(
        this.store
          .declinedSinceQueued(id)
          .filter((d) => d.offeredAt >= (since.get(d.personId) ?? Infinity))
          .map((d) => d.personId),
      );
      const personId = chooseAgent(candidates, rules, skip);
      if (personId === null) continue;
      candidates.find((c) => c.personId === personId)!.openChats += 1;
      if (settings.acceptMode === 'auto') {
        this.store.transaction(() => {
          this.store.offer(id, personId, now, now);
          this.store.offerOutcome(id, personId, 'accepted', now);
          this.store.open(id, personId, now);
        });
        this.joined(id, personId);
      } else {
        this.store.offer(id, personId, now, now + settings.offerTimeoutSec * 1000);
        this.tellAgent(personId);
        this.tellVisitor(this.store.get(id)!);
      }
    }
    // Everyone still waiting hears their place (computed once for the whole line).
    this.store.waiting(groupId).forEach(({ id }, index) => this.tellVisitor(this.store.get(id)!, index + 1));
  }

  /**
   * 重新会话 / contact by user id: a new conversation with the visitor of `previous`, open with this
   * agent at once (no queue, no offer). It keeps the visitor's token hash, so a page still holding the
   * old token may read it; a signed visitor's next visit joins it (chat-visitors.ts).
   */
  startWith(previous: Conversation, personId: number): string {
    const id = randomBytes(16).toString('base64url');
    const now = this.clock.now();
    const groupId = previous.groupId ?? this.store.defaultGroup(previous.companyId)!;
    this.store.transaction(() => {
      this.store.insert(
        {
          id,
          companyId: previous.companyId,
          visitorId: previous.visitorId,
          tokenHash: this.store.tokenHash(previous.id)!,
          visitorNickname: previous.visitorNickname,
          siteUserId: previous.siteUserId,
          channel: previous.channel,
          groupId,
          enteredAt: now,
        },
        groupId,
        now,
      );
      this.store.open(id, personId, now);
    });
    this.joined(id, personId);
    return id;
  }

  /** The agent takes the offer (接待). */
  accept(conversation: Conversation, personId: number): void {
    if (conversation.state !== 'offered' || conversation.agentId !== personId) {
      throw new ProvisioningError('chat-offer-gone', 'This chat is no longer offered to you');
    }
    const now = this.clock.now();
    this.store.transaction(() => {
      this.store.offerOutcome(conversation.id, personId, 'accepted', now);
      this.store.open(conversation.id, personId, now);
    });
    this.joined(conversation.id, personId);
  }

  private joined(id: string, personId: number): void {
    this.system(id, 'agent-joined', this.store.personName(personId) ?? '');
    this.tellAgent(personId);
    this.tellVisitor(this.store.get(id)!);
  }

  /** The offer rang out: back to the front of the queue, the agent handled like a call ring-out. */
  private lapse(id: string): void {
    const c = this.store.get(id);
    if (!c || c.state !== 'offered' || c.agentId === null) return;
    const now = this.clock.now();
    this.store.transaction(() => {
      this.store.offerOutcome(id, c.agentId!, 'lapsed', now);
      this.store.requeue(id);
    });
    this.tellAgent(c.agentId);
    // May dispatch this group itself (the agent's status changed); the dispatch below is then a no-op.
    this.presence.chatOfferLapsed(c.agentId);
    if (c.groupId !== null) this.dispatch(c.groupId);
  }

  /**
   * The agent went Offline (signed out, signed out by an administrator, or chose Offline): nobody would answer
   * their chats, so each goes back to the front of its queue (its place is kept) with a line saying so, and the
   * queue moves. Offers they had are withdrawn, so they are not offered back to them until they return.
   */
  private handBack(personId: number): void {
    const chats = this.store.agentConversations(personId);
    if (chats.length === 0) return;
    const now = this.clock.now();
    const groups = new Set<number>();
    for (const c of chats) {
      if (c.groupId === null) continue;
      groups.add(c.groupId);
      this.store.transaction(() => {
        if (c.state === 'offered') this.store.offerOutcome(c.id, personId, 'withdrawn', now);
        this.store.requeue(c.id);
      });
      if (c.state === 'open') this.system(c.id, 'agent-left', '');
      this.tellVisitor(this.store.get(c.id)!);
    }
    this.tellAgent(personId);
    for (const groupId of groups) this.dispatch(groupId);
  }

  /** A text (or, with `imageId`, an image) message; a retried client id returns the stored one. */
  send(
    conversation: Conversation,
    sender: 'visitor' | 'agent',
    authorId: number | null,
    clientId: string,
    text: string,
    imageId: string | null = null,
  ): ChatMessage {
    if (conversation.state === 'ended') throw new ProvisioningError('chat-ended', 'This chat has ended');
    const now = this.clock.now();
    const { message, duplicate } = this.store.append(
      conversation.id,
      { sender, authorId, clientId, event: null, body: text, imageId },
      now,
    );
    if (duplicate) return message;
    // 超时结束: the visitor's time to answer runs from the agent's last message.
    const timeoutSec = chatSettings(this.db, conversation.companyId).visitorTimeoutSec;
    if (sender === 'agent') this.store.setTimeoutDue(conversation.id, now + timeoutSec * 1000);
    else if (conversation.timeoutDueAt !== null) this.store.setTimeoutDue(conversation.id, null);
    this.deliver(conversation, message);
    return message;
  }

  /** Ends the chat with a line in the transcript; frees the agent's slot, so the queue moves. */
  end(conversation: Conversation, reason: EndReason, body = ''): void {
    if (conversation.state === 'ended') return;
    const now = this.clock.now();
    const event: SystemEvent =
      reason === 'timeout' ? 'timeout' : reason === 'agent' ? 'ended-by-agent' : 'ended-by-visitor';
    this.store.transaction(() => {
      if (conversation.state === 'offered' && conversation.agentId !== null) {
        this.store.offerOutcome(conversation.id, conversation.agentId, 'withdrawn', now);
      }
      this.store.end(conversation.id, reason, now);
    });
    this.system(conversation.id, event, body);
    const ended = this.store.get(conversation.id)!;
    this.tellVisitor(ended);
    if (ended.agentId !== null) this.tellAgent(ended.agentId);
    if (ended.groupId !== null) this.dispatch(ended.groupId);
  }

  /** 转接 to a colleague: theirs at once, with the note; the giver's slot frees. */
  transferToMember(conversation: Conversation, from: number, to: number, note: string | null): void {
    const now = this.clock.now();
    this.store.transaction(() => {
      this.store.offerOutcome(conversation.id, from, 'withdrawn', now);
      this.store.open(conversation.id, to, now);
      this.store.noteTransfer(conversation.id, from, note);
    });
    this.afterTransfer(conversation, from, to);
  }

  /** 转接 to a group: to the back of that group's queue, not to be offered back to the giver. */
  transferToGroup(conversation: Conversation, from: number, groupId: number, note: string | null): void {
    const now = this.clock.now();
    this.store.transaction(() => {
      this.store.queue(conversation.id, groupId, now);
      this.store.offerOutcome(conversation.id, from, 'withdrawn', now);
      this.store.noteTransfer(conversation.id, from, note);
    });
    this.afterTransfer(conversation, from, null);
    this.dispatch(groupId);
  }

  private afterTransfer(conversation: Conversation, from: number, to: number | null): void {
    this.system(conversation.id, 'transferred', '');
    this.tellAgent(from);
    if (to !== null) this.tellAgent(to);
    this.tellVisitor(this.store.get(conversation.id)!);
    if (conversation.groupId !== null) this.dispatch(conversation.groupId);
  }

  desk(personId: number): AgentDesk {
    const mine = this.store.agentConversations(personId);
    return {
      offers: mine.filter((c) => c.state === 'offered').map((c) => summaryOf(c)),
      open: mine.filter((c) => c.state === 'open').map((c) => summaryOf(c, c.unread, this.surveys.of(c.id))),
      recent: this.store.agentRecentlyEnded(personId, RECENT_ENDED).map((c) => summaryOf(c, 0, this.surveys.of(c.id))),
      at: this.clock.now(),
    };
  }

  /** `position`: the visitor's place when the caller knows it already (a whole line at once). */
  visitorView(c: Conversation, position?: number): VisitorView {
    const waiting = c.state === 'queued' && c.groupId !== null && c.queuedAt !== null;
    return {
      conversationId: c.id,
      state: c.state,
      queuePosition: waiting ? (position ?? queuePosition(this.store.waiting(c.groupId!), c.id)) : null,
      agentName: c.state === 'open' && c.agentId !== null ? this.store.personName(c.agentId) : null,
      endReason: c.endReason,
      lastSeq: c.lastSeq,
      survey: this.surveys.of(c.id),
    };
  }

  system(id: string, event: SystemEvent, body: string): void {
    const { message } = this.store.append(
      id,
      { sender: 'system' satisfies Sender, authorId: null, clientId: null, event, body },
      this.clock.now(),
    );
    this.deliver(this.store.get(id)!, message);
  }

  private deliver(c: Conversation, message: ChatMessage): void {
    const event: ChatEvent = { event: 'message', id: message.seq, data: { conversationId: c.id, message } };
    this.streams.emit(visitorKey(c.id), event);
    if (c.agentId !== null && c.state === 'open') this.streams.emit(agentKey(c.agentId), event);
  }

  tellVisitor(c: Conversation, position?: number): void {
    this.streams.emit(visitorKey(c.id), { event: 'state', data: this.visitorView(c, position) });
    this.changed({ companyId: c.companyId });
  }

  tellAgent(personId: number): void {
    this.streams.emit(agentKey(personId), { event: 'desk', data: this.desk(personId) });
    this.changed({ personId });
  }

  /** Tells `listener` when an agent's desk or a company's queue changed (the supervisors' team view, issue 19). */
  onChanged(listener: (change: { personId: number } | { companyId: number }) => void): void {
    this.changeListeners.push(listener);
  }

  private changed(change: { personId: number } | { companyId: number }): void {
    for (const listener of this.changeListeners) {
      try {
        listener(change);
      } catch (error) {
        // The chat itself is done and told; a team view's failure must not undo it.
        console.error('provisioning: chat change listener failed', error);
      }
    }
  }
}
