/**
 * The provisioning service's chat desk for agents (docs/chat.md, openapi.yaml) over fetch, by device
 * token: the desk's event stream (`desk` on every change, `message` for my open chats; reconnected with
 * backoff, a fresh desk each time) and the requests. Answers are typed results, checked with zod.
 */
import { z } from 'zod';
import {
  AgentDeskSchema,
  ChatContextSchema,
  ChatGroupSchema,
  ChatIdSchema,
  ChatMessageSchema,
  ChatSummarySchema,
  DeskMessageEventSchema,
  type AgentDesk,
  type ChatContext,
  type ChatGroup,
  type ChatMessage,
  type ChatSummary,
  type ChatTransferTarget,
} from '../../../src/shared/chat.ts';
import {
  InternalChatListSchema,
  InternalSearchHitSchema,
  type InternalChatList,
  type InternalSearchHit,
} from '../../../src/shared/internal-chat.ts';
import {
  DeviceApi,
  eventTable,
  onEvent,
  type DeviceApiOptions,
  type RequestResult,
  type StreamState,
} from '../provisioning/device-api.ts';

export type ChatDeskListener = {
  desk(desk: AgentDesk): void;
  message(conversationId: string, message: ChatMessage): void;
  state(state: StreamState): void;
  /** Internal chats (issue 17) come on the same stream: my list on connect and on each change, and new messages. */
  internal?(list: InternalChatList): void;
  internalMessage?(conversationId: string, message: ChatMessage): void;
};

const MessagesSchema = z.object({ messages: z.array(ChatMessageSchema) });
const GroupsSchema = z.object({ groups: z.array(ChatGroupSchema) });
const RecordsSchema = z.object({ records: z.array(ChatSummarySchema) });
const InternalOpenedSchema = z.object({ conversationId: ChatIdSchema, list: InternalChatListSchema });
const SearchSchema = z.object({ results: z.array(InternalSearchHitSchema) });
const StartedSchema = z.object({ conversationId: ChatIdSchema, desk: AgentDeskSchema });
type Started = z.infer<typeof StartedSchema>;

export class ChatClient {
  readonly #api: DeviceApi;

  constructor(options: DeviceApiOptions) {
    this.#api = new DeviceApi(options);
  }

  start(listener: ChatDeskListener): void {
    this.#api.keepStream('/v1/chat/desk/events', {
      event: eventTable({
        desk: onEvent(AgentDeskSchema, (desk) => listener.desk(desk), true),
        message: onEvent(DeskMessageEventSchema, (event) => listener.message(event.conversationId, event.message)),
        internal: onEvent(InternalChatListSchema, (list) => listener.internal?.(list)),
        'internal-message': onEvent(DeskMessageEventSchema, (event) =>
          listener.internalMessage?.(event.conversationId, event.message),
        ),
      }),
      state: (state) => listener.state(state),
    });
  }

  stop(): void {
    this.#api.stop();
  }

  /** `read: false` catches up without clearing the unread count (the agent has not seen them). */
  async messages(id: string, after: number, read: boolean): Promise<RequestResult<ChatMessage[]>> {
    const answer = await this.#api.request(
      'GET',
      `/v1/chat/desk/${id}/messages?after=${after}${read ? '' : '&read=0'}`,
      undefined,
      MessagesSchema,
    );
    return answer.ok ? { ok: true, value: answer.value.messages } : answer;
  }

  send(id: string, clientId: string, text: string): Promise<RequestResult<ChatMessage>> {
    return this.#api.request('POST', `/v1/chat/desk/${id}/messages`, { clientId, text }, ChatMessageSchema);
  }

  accept(id: string): Promise<RequestResult<AgentDesk>> {
    return this.#api.request('POST', `/v1/chat/desk/${id}/accept`, undefined, AgentDeskSchema);
  }

  end(id: string): Promise<RequestResult<AgentDesk>> {
    return this.#api.request('POST', `/v1/chat/desk/${id}/end`, undefined, AgentDeskSchema);
  }

  hide(id: string): Promise<RequestResult<AgentDesk>> {
    return this.#api.request('POST', `/v1/chat/desk/${id}/hide`, undefined, AgentDeskSchema);
  }

  transfer(id: string, to: ChatTransferTarget, note: string | null): Promise<RequestResult<AgentDesk>> {
    return this.#api.request(
      'POST',
      `/v1/chat/desk/${id}/transfer`,
      { to, ...(note ? { note } : {}) },
      AgentDeskSchema,
    );
  }

  /** 服务记录 (times in the service's clock). */
  async records(query: {
    q?: string;
    from?: number;
    to?: number;
    beforeId?: string;
    limit?: number;
  }): Promise<RequestResult<ChatSummary[]>> {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.from !== undefined) params.set('from', String(Math.max(0, Math.round(query.from))));
    if (query.to !== undefined) params.set('to', String(Math.max(0, Math.round(query.to))));
    if (query.beforeId !== undefined) params.set('beforeId', query.beforeId);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const search = params.size > 0 ? `?${params}` : '';
    const answer = await this.#api.request('GET', `/v1/chat/records${search}`, undefined, RecordsSchema);
    return answer.ok ? { ok: true, value: answer.value.records } : answer;
  }

  /** 重新会话: answers the new chat's id (the desk comes with it). */
  reopen(id: string): Promise<RequestResult<Started>> {
    return this.#api.request('POST', `/v1/chat/desk/${id}/reopen`, undefined, StartedSchema);
  }

  contact(userId: string): Promise<RequestResult<Started>> {
    return this.#api.request('POST', '/v1/chat/contact', { userId }, StartedSchema);
  }

  context(id: string, cursor: string | null): Promise<RequestResult<ChatContext>> {
    const query = cursor === null ? '' : `?cursor=${encodeURIComponent(cursor)}`;
    return this.#api.request('GET', `/v1/chat/desk/${id}/context${query}`, undefined, ChatContextSchema);
  }

  sendImage(id: string, clientId: string, bytes: Uint8Array): Promise<RequestResult<ChatMessage>> {
    return this.#api.upload(
      `/v1/chat/desk/${id}/images?clientId=${encodeURIComponent(clientId)}`,
      bytes,
      ChatMessageSchema,
    );
  }

  image(id: string, imageId: string): Promise<RequestResult<{ type: string; bytes: Buffer }>> {
    return this.#api.download(`/v1/chat/desk/${id}/images/${imageId}`);
  }

  survey(id: string): Promise<RequestResult<AgentDesk>> {
    return this.#api.request('POST', `/v1/chat/desk/${id}/survey`, undefined, AgentDeskSchema);
  }

  async groups(): Promise<RequestResult<ChatGroup[]>> {
    const answer = await this.#api.request('GET', '/v1/chat/groups', undefined, GroupsSchema);
    return answer.ok ? { ok: true, value: answer.value.groups } : answer;
  }

  /** Internal chat (issue 17): "Message" on a colleague answers our one chat's id and my list. */
  internalOpen(personId: number): Promise<RequestResult<z.infer<typeof InternalOpenedSchema>>> {
    return this.#api.request('POST', '/v1/chat/internal', { personId }, InternalOpenedSchema);
  }

  internalList(): Promise<RequestResult<InternalChatList>> {
    return this.#api.request('GET', '/v1/chat/internal', undefined, InternalChatListSchema);
  }

  /** The history after `after`; fetching marks the colleague's messages delivered to me. */
  async internalMessages(id: string, after: number): Promise<RequestResult<ChatMessage[]>> {
    const answer = await this.#api.request(
      'GET',
      `/v1/chat/internal/${id}/messages?after=${after}`,
      undefined,
      MessagesSchema,
    );
    return answer.ok ? { ok: true, value: answer.value.messages } : answer;
  }

  internalSend(id: string, clientId: string, text: string): Promise<RequestResult<ChatMessage>> {
    return this.#api.request('POST', `/v1/chat/internal/${id}/messages`, { clientId, text }, ChatMessageSchema);
  }

  internalSendImage(id: string, clientId: string, bytes: Uint8Array): Promise<RequestResult<ChatMessage>> {
    return this.#api.upload(
      `/v1/chat/internal/${id}/images?clientId=${encodeURIComponent(clientId)}`,
      bytes,
      ChatMessageSchema,
    );
  }

  internalImage(id: string, imageId: string): Promise<RequestResult<{ type: string; bytes: Buffer }>> {
    return this.#api.download(`/v1/chat/internal/${id}/images/${imageId}`);
  }

  internalMarks(id: string, marks: { delivered?: number; read?: number }): Promise<RequestResult<InternalChatList>> {
    return this.#api.request('POST', `/v1/chat/internal/${id}/marks`, marks, InternalChatListSchema);
  }

  internalHide(id: string): Promise<RequestResult<InternalChatList>> {
    return this.#api.request('POST', `/v1/chat/internal/${id}/hide`, undefined, InternalChatListSchema);
  }

  async internalSearch(q: string, conversationId: string | null): Promise<RequestResult<InternalSearchHit[]>> {
    const params = new URLSearchParams({ q });
    if (conversationId !== null) params.set('conversation', conversationId);
    const answer = await this.#api.request('GET', `/v1/chat/internal/search?${params}`, undefined, SearchSchema);
    return answer.ok ? { ok: true, value: answer.value.results } : answer;
  }
}
