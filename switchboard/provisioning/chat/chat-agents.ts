import type { DeviceTokens } from '../presence-service.ts';
import { ProvisioningError } from '../problems.ts';
import { agentKey, type ChatDesk } from './chat-desk.ts';
import { inMyRecords } from './chat-records.ts';
import { checkText } from './chat-limits.ts';
import { chatGroups } from './chat-settings.ts';
import type { AgentDesk, ChatEvent } from './chat-views.ts';
import type { ChatMessage, Conversation } from './conversation-store.ts';

export type TransferTarget = { extension: string } | { groupId: number };

/**
 * The agent's side, by device token: a conversation is theirs to read and act on while they are
 * (or were) its agent; anyone else's is 404.
 */
export class ChatAgents {
  private readonly desk: ChatDesk;
  private readonly devices: DeviceTokens;

  constructor(options: { desk: ChatDesk; devices: DeviceTokens }) {
    this.desk = options.desk;
    this.devices = options.devices;
    // A signed-out device sees no more chats.
    this.devices.onDeviceRevoked((revoked) => this.desk.streams.endDevice(revoked.deviceId));
  }

  deskOf(token: string): AgentDesk {
    return this.desk.desk(this.devices.deviceByToken(token).personId);
  }

  accept(token: string, id: string): AgentDesk {
    const { personId, conversation } = this.mine(token, id);
    this.desk.accept(conversation, personId);
    return this.desk.desk(personId);
  }

  send(token: string, id: string, clientId: string, text: string): ChatMessage {
    const { personId, conversation } = this.mine(token, id);
    checkText(text);
    if (conversation.state === 'offered') throw new ProvisioningError('chat-offer-gone', 'Accept the chat first');
    return this.desk.send(conversation, 'agent', personId, clientId, text);
  }

  /** An image message (chat-images.ts), like a text one: after accepting, before the end. */
  async sendImage(token: string, id: string, clientId: string, bytes: Buffer): Promise<ChatMessage> {
    const { personId, conversation } = this.mine(token, id);
    if (conversation.state === 'offered') throw new ProvisioningError('chat-offer-gone', 'Accept the chat first');
    return this.desk.images.send(conversation, 'agent', personId, clientId, bytes);
  }

  /** Throws unless this chat is on the asker's desk (an upload is checked before its bytes are read). */
  check(token: string, id: string): void {
    this.mine(token, id);
  }

  image(token: string, id: string, imageId: string) {
    return this.desk.images.image(this.mine(token, id).conversation.id, imageId);
  }

  /** 满意度调查: once per conversation, while it is open. */
  sendSurvey(token: string, id: string): AgentDesk {
    const { personId, conversation } = this.mine(token, id);
    this.desk.surveys.send(conversation, personId);
    return this.desk.desk(personId);
  }

  /** The transcript after `after`; reading an open chat marks what was read (the unread count). */
  messages(token: string, id: string, after: number, limit: number, markRead = true): ChatMessage[] {
    const { conversation } = this.mine(token, id, 'read');
    const messages = this.desk.store.messagesAfter(id, after, limit);
    const last = messages.at(-1);
    if (markRead && last && conversation.state === 'open') this.desk.store.markRead(id, last.seq);
    return messages;
  }

  end(token: string, id: string): AgentDesk {
    const { personId, conversation } = this.mine(token, id);
    if (conversation.state !== 'open') throw new ProvisioningError('chat-ended', 'This chat is not open');
    this.desk.end(conversation, 'agent');
    return this.desk.desk(personId);
  }

  transfer(token: string, id: string, target: TransferTarget, note: string | null): AgentDesk {
    const { personId, companyId, conversation } = this.mine(token, id);
    if (conversation.state !== 'open')
      throw new ProvisioningError('chat-ended', 'Only an open chat can be transferred');
    if ('extension' in target) {
      const member = this.desk.store.onlineMember(companyId, target.extension);
      if (!member) {
        throw new ProvisioningError('member-offline', `${target.extension} is not signed in, or is Offline`);
      }
      if (member.id === personId) throw new ProvisioningError('invalid-request', 'This chat is yours already');
      this.desk.transferToMember(conversation, personId, member.id, note);
    } else {
      if (!this.desk.store.groupOfCompany(companyId, target.groupId)) {
        throw new ProvisioningError('not-found', 'No such chat group in your company');
      }
      this.desk.transferToGroup(conversation, personId, target.groupId, note);
    }
    return this.desk.desk(personId);
  }

  /** 不显示: an ended chat leaves this agent's list; nothing is deleted. */
  hide(token: string, id: string): AgentDesk {
    const { personId, conversation } = this.mine(token, id);
    if (conversation.state !== 'ended') throw new ProvisioningError('chat-not-ended', 'End the chat before hiding it');
    this.desk.store.hide(id, personId);
    return this.desk.desk(personId);
  }

  /** The company's chat groups (转接 to a group). */
  groups(token: string): { id: number; name: string }[] {
    return chatGroups(this.desk.db, this.devices.deviceByToken(token).companyId);
  }

  subscribe(
    token: string,
    listener: (event: ChatEvent) => void,
    end: () => void,
  ): { desk: () => AgentDesk; unsubscribe: () => void } {
    const { deviceId, personId } = this.devices.deviceByToken(token);
    const unsubscribe = this.desk.streams.add(agentKey(personId), deviceId, listener, end);
    return { desk: () => this.desk.desk(personId), unsubscribe };
  }

  /** `read`: a message left in one of my chat groups may be read too (it is in my records). */
  private mine(
    token: string,
    id: string,
    access: 'act' | 'read' = 'act',
  ): { personId: number; companyId: number; conversation: Conversation } {
    const { personId, companyId } = this.devices.deviceByToken(token);
    const conversation = /^[A-Za-z0-9_-]{22}$/.test(id) ? this.desk.store.get(id) : null;
    const allowed =
      conversation !== null &&
      (access === 'read' ? inMyRecords(this.desk, conversation, personId) : conversation.agentId === personId);
    if (!conversation || conversation.companyId !== companyId || !allowed) {
      throw new ProvisioningError('not-found', 'No such chat on your desk');
    }
    return { personId, companyId, conversation };
  }
}
