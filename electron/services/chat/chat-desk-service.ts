/**
 * The agent's chat desk in the app (issue 16): keeps the service's desk stream open for a
 * number-signed-in device, the transcripts of its open chats (nothing lost or shown twice: merged by
 * seq, caught up after every reconnect, sends retried with the same client id), and tells the window
 * the list (AppState.chat) and the transcripts that change. Plain Node.
 */
import { randomUUID } from 'node:crypto';
import {
  CHAT_TEXT_MAX,
  chatTextLength,
  type AgentDesk,
  type ChatContext,
  type ChatDeskView,
  type ChatGroup,
  type ChatItem,
  type ChatMessage,
  type ChatRecordQuery,
  type ChatSummary,
  type ChatTranscript,
  type ChatTransferTarget,
} from '../../../src/shared/chat.ts';
import type { ProvisionedDevice } from '../../../src/shared/domain.ts';
import type { RequestResult, StreamState } from '../provisioning/device-api.ts';
import { UserFacingError } from '../user-facing-error.ts';
import { ChatClient } from './chat-client.ts';
import { decodeImage, imageDataUrl } from './chat-images.ts';
import { InternalChatBook } from './internal-chat-book.ts';
import { Transcript } from './transcript.ts';

export type ChatDeskServiceOptions = {
  device: () => ProvisionedDevice | null;
  /** The Chats tab's state; undefined without a company sign-in. */
  onView: (view: ChatDeskView | undefined) => void;
  onTranscript: (transcript: ChatTranscript) => void;
  fetch?: typeof fetch;
  now?: () => number;
  retryMs?: number;
  newId?: () => string;
};

export class ChatDeskService {
  private readonly options: ChatDeskServiceOptions;
  private readonly now: () => number;
  private client: ChatClient | null = null;
  private clientDevice: ProvisionedDevice | null = null;
  private connection: ChatDeskView['connection'] = 'connecting';
  private desk: AgentDesk | null = null;
  /** The service's clock minus ours, from the desk's `at`. */
  private offsetMs = 0;
  private readonly transcripts = new Map<string, Transcript>();
  /** Per conversation: up to which seq the agent has read here (the service's unread count lags a read). */
  private readonly readUpTo = new Map<string, number>();
  private viewing: string | null = null;
  /** One catch-up / send chain per conversation, so its requests keep their order. */
  private readonly chains = new Map<string, Promise<unknown>>();
  /** The bytes of image sends not yet stored, by client id (the window only sees a placeholder). */
  private readonly imageBytes = new Map<string, Buffer>();
  private lastViewJson = '';
  /** Internal chats with colleagues (issue 17): same stream and client; the verbs below hand their ids to it. */
  readonly internal: InternalChatBook;
  /** A chat accepted away from the main window, for it to show (ChatDeskView.show). */
  private showRequest: string | null = null;

  constructor(options: ChatDeskServiceOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.internal = new InternalChatBook({
      onChange: () => this.publish(),
      onTranscript: (transcript) => options.onTranscript(transcript),
      ...(options.now ? { now: options.now } : {}),
      ...(options.newId ? { newId: options.newId } : {}),
    });
  }

  view(): ChatDeskView | undefined {
    if (!this.client) return undefined;
    const desk = this.desk;
    const internal = this.internal.items();
    return {
      connection: this.connection,
      offers: (desk?.offers ?? []).map((c) => this.item(c)),
      open: (desk?.open ?? []).map((c) => this.item(c)),
      recent: (desk?.recent ?? []).map((c) => this.item(c)),
      ...(internal ? { internal } : {}),
      ...(this.showRequest !== null ? { show: this.showRequest } : {}),
    };
  }

  /** The main window is to show this chat when it comes up (accepted in the small offer window). */
  requestShow(id: string): void {
    this.showRequest = id;
    this.publish();
  }

  /** Signed in with a company (or reachable again): open the desk stream. */
  start(): void {
    const device = this.options.device();
    if (!device) return this.forget();
    if (this.client && this.clientDevice === device) return;
    this.forget();
    this.clientDevice = device;
    this.client = new ChatClient({
      baseUrl: device.serviceUrl,
      token: device.token,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.retryMs ? { retryMs: this.options.retryMs } : {}),
    });
    const client = this.client;
    client.start({
      desk: (desk) => this.gotDesk(client, desk),
      message: (id, message) => this.gotMessage(client, id, message),
      state: (state) => this.streamState(state),
      internal: (list) => this.internal.gotList(client, list),
      internalMessage: (id, message) => this.internal.gotMessage(client, id, message),
    });
    this.internal.attach(client);
    this.connection = 'connecting';
    this.publish();
  }

  /** Log out, a revoked device, quit: no desk any more. */
  forget(): void {
    this.client?.stop();
    this.client = null;
    this.internal.attach(null);
    this.clientDevice = null;
    this.desk = null;
    this.transcripts.clear();
    this.readUpTo.clear();
    this.chains.clear();
    this.imageBytes.clear();
    this.viewing = null;
    this.publish();
  }

  /**
   * The window shows this conversation (null: none): its transcript now, what arrives while it is shown
   * counts as read. Reading marks it read at the service too (the unread count survives a restart).
   */
  async open(id: string | null): Promise<ChatTranscript | null> {
    if (id !== null && this.internal.owns(id)) {
      this.viewing = null;
      return this.internal.open(id);
    }
    void this.internal.open(null);
    this.viewing = id;
    if (id !== null && id === this.showRequest) {
      this.showRequest = null;
      this.publish();
    }
    if (id === null) return null;
    const client = this.requireClient();
    const transcript = this.transcriptOf(id);
    await this.chain(id, () => this.catchUp(client, transcript));
    this.markRead(client, transcript);
    return transcript.view();
  }

  /** Queues the text with a new client id; it is retried with that id until the service stores it once. */
  send(id: string, text: string): void {
    if (this.internal.owns(id)) return this.internal.send(id, text);
    const client = this.requireClient();
    if (text.trim() === '') return;
    const length = chatTextLength(text);
    if (length > CHAT_TEXT_MAX) {
      throw new UserFacingError('message-too-long', `A message is at most ${CHAT_TEXT_MAX} characters (${length}).`);
    }
    const transcript = this.transcriptOf(id);
    const clientId = `a-${(this.options.newId ?? randomUUID)()}`;
    transcript.addPending({ clientId, text, createdAt: this.now(), failed: null });
    this.tellTranscript(transcript);
    void this.chain(id, () => this.deliver(client, transcript, clientId, text));
  }

  /** 上传图片: queued like text, with a client id, retried with it until the service stores it once. */
  sendImage(id: string, base64: string): void {
    if (this.internal.owns(id)) return this.internal.sendImage(id, base64);
    const client = this.requireClient();
    const bytes = decodeImage(base64);
    const transcript = this.transcriptOf(id);
    const clientId = `a-${(this.options.newId ?? randomUUID)()}`;
    this.imageBytes.set(clientId, bytes);
    transcript.addPending({ clientId, text: '', createdAt: this.now(), failed: null, image: true });
    this.tellTranscript(transcript);
    void this.chain(id, () => this.deliver(client, transcript, clientId, ''));
  }

  /** An image of a chat on my desk, fetched with the device token, as a data: URL for the window. */
  async image(id: string, imageId: string): Promise<{ dataUrl: string }> {
    if (this.internal.owns(id)) return this.internal.image(id, imageId);
    const answer = await this.act(this.requireClient().image(id, imageId));
    return { dataUrl: await imageDataUrl(answer.bytes) };
  }

  /** 满意度评价: once per chat (the service refuses a second). */
  async sendSurvey(id: string): Promise<void> {
    this.setDesk(await this.act(this.requireClient().survey(id)));
  }

  /** A send the service refused (or that could not go): forget it. */
  discard(id: string, clientId: string): void {
    if (this.internal.owns(id)) return this.internal.discard(id, clientId);
    const transcript = this.transcripts.get(id);
    if (!transcript) return;
    this.imageBytes.delete(clientId);
    transcript.discardPending(clientId);
    this.tellTranscript(transcript);
  }

  async accept(id: string): Promise<void> {
    this.setDesk(await this.act(this.requireClient().accept(id)));
  }

  async end(id: string): Promise<void> {
    this.setDesk(await this.act(this.requireClient().end(id)));
  }

  async hide(id: string): Promise<void> {
    if (this.internal.owns(id)) return this.internal.hide(id);
    this.setDesk(await this.act(this.requireClient().hide(id)));
  }

  async transfer(id: string, to: ChatTransferTarget, note: string | null): Promise<void> {
    this.setDesk(await this.act(this.requireClient().transfer(id, to, note)));
  }

  /** 服务记录: the query's times and the answer's are in this computer's clock. */
  async records(query: ChatRecordQuery): Promise<ChatItem[]> {
    const service = (t: number | undefined) => (t === undefined ? undefined : t + this.offsetMs);
    const found = await this.act(
      this.requireClient().records({
        ...(query.q !== undefined ? { q: query.q } : {}),
        ...(query.from !== undefined ? { from: service(query.from)! } : {}),
        ...(query.to !== undefined ? { to: service(query.to)! } : {}),
        ...(query.beforeId !== undefined ? { beforeId: query.beforeId } : {}),
        ...(query.limit !== undefined ? { limit: query.limit } : {}),
      }),
    );
    return found.map((c) => this.item(c));
  }

  /** 重新会话: the new chat's id; it is on the desk already. */
  async reopen(id: string): Promise<string> {
    const started = await this.act(this.requireClient().reopen(id));
    this.setDesk(started.desk);
    return started.conversationId;
  }

  async contact(userId: string): Promise<string> {
    const started = await this.act(this.requireClient().contact(userId));
    this.setDesk(started.desk);
    return started.conversationId;
  }

  /** The customer context (the service asks the company's endpoint); order times in this computer's clock. */
  async context(id: string, cursor: string | null): Promise<ChatContext> {
    const answer = await this.act(this.requireClient().context(id, cursor));
    return { ...answer, orders: answer.orders.map((o) => ({ ...o, createdAt: o.createdAt - this.offsetMs })) };
  }

  groups(): Promise<ChatGroup[]> {
    return this.act(this.requireClient().groups());
  }

  private async act<T>(request: Promise<RequestResult<T>>): Promise<T> {
    const answer = await request;
    if (!answer.ok) throw new UserFacingError(answer.code, answer.title || answer.code);
    return answer.value;
  }

  private gotDesk(client: ChatClient, desk: AgentDesk): void {
    if (this.client !== client) return;
    this.offsetMs = desk.at - this.now();
    this.setDesk(desk);
    // After a reconnect the desk says how far each chat went: read what the stream did not bring.
    for (const chat of [...desk.open, ...desk.recent]) {
      const transcript = this.transcriptOf(chat.id);
      if (transcript.contiguousSeq < chat.lastSeq) void this.chain(chat.id, () => this.catchUp(client, transcript));
    }
    // Sends cut off by a drop go again, with their ids (the service keeps the first copy).
    for (const transcript of this.transcripts.values()) {
      for (const p of transcript.pendingSends()) {
        if (p.failed !== 'server-unreachable') continue;
        transcript.markPending(p.clientId, null);
        void this.chain(transcript.id, () => this.deliver(client, transcript, p.clientId, p.text));
      }
    }
  }

  private setDesk(desk: AgentDesk): void {
    this.desk = desk;
    const kept = new Set([...desk.offers, ...desk.open, ...desk.recent].map((c) => c.id));
    for (const id of this.transcripts.keys()) {
      if (!kept.has(id) && id !== this.viewing) this.transcripts.delete(id);
    }
    this.publish();
  }

  private gotMessage(client: ChatClient, id: string, message: ChatMessage): void {
    if (this.client !== client) return;
    const transcript = this.transcriptOf(id);
    const gap = message.seq > transcript.contiguousSeq + 1;
    if (transcript.merge([this.local(message)])) this.changed(client, transcript);
    if (gap) void this.chain(id, () => this.catchUp(client, transcript));
  }

  private async catchUp(client: ChatClient, transcript: Transcript): Promise<void> {
    for (;;) {
      const after = transcript.contiguousSeq;
      const answer = await client.messages(transcript.id, after, false);
      if (!answer.ok || this.client !== client) return;
      if (transcript.merge(answer.value.map((m) => this.local(m)))) this.changed(client, transcript);
      if (answer.value.length < 500) return;
    }
  }

  private async deliver(client: ChatClient, transcript: Transcript, clientId: string, text: string): Promise<void> {
    if (!transcript.hasPending(clientId)) return;
    const image = this.imageBytes.get(clientId);
    const answer = image
      ? await client.sendImage(transcript.id, clientId, image)
      : await client.send(transcript.id, clientId, text);
    if (this.client !== client) return;
    if (answer.ok) this.imageBytes.delete(clientId);
    if (answer.ok) {
      if (transcript.merge([this.local(answer.value)])) this.changed(client, transcript);
      else {
        transcript.discardPending(clientId);
        this.tellTranscript(transcript);
      }
      return;
    }
    // Unreachable: sent again when the desk stream is back; a refusal stays shown with its reason.
    const failed =
      answer.code === 'server-unreachable' || answer.code.startsWith('http-5') ? 'server-unreachable' : answer.code;
    transcript.markPending(clientId, failed);
    this.tellTranscript(transcript);
  }

  private changed(client: ChatClient, transcript: Transcript): void {
    if (this.viewing === transcript.id) this.markRead(client, transcript);
    this.tellTranscript(transcript);
    this.publish();
  }

  private markRead(client: ChatClient, transcript: Transcript): void {
    const seq = transcript.lastSeq;
    if (seq <= (this.readUpTo.get(transcript.id) ?? 0)) return;
    this.readUpTo.set(transcript.id, seq);
    this.publish();
    // Asking for the last message marks everything up to it read at the service.
    void client.messages(transcript.id, seq - 1, true);
  }

  private streamState(state: StreamState): void {
    this.connection = state === 'live' ? 'live' : state === 'connecting' && !this.desk ? 'connecting' : 'offline';
    this.publish();
  }

  private chain(id: string, step: () => Promise<void>): Promise<void> {
    const next = (this.chains.get(id) ?? Promise.resolve()).then(step, step);
    this.chains.set(
      id,
      next.catch(() => undefined),
    );
    return next;
  }

  private transcriptOf(id: string): Transcript {
    let transcript = this.transcripts.get(id);
    if (!transcript) {
      transcript = new Transcript(id);
      this.transcripts.set(id, transcript);
    }
    return transcript;
  }

  /** The service's times in this computer's clock. */
  private local(message: ChatMessage): ChatMessage {
    return { ...message, createdAt: message.createdAt - this.offsetMs };
  }

  private item(c: ChatSummary): ChatItem {
    const transcript = this.transcripts.get(c.id);
    const readUpTo = this.readUpTo.get(c.id) ?? 0;
    const unread =
      c.state !== 'open'
        ? 0
        : (readUpTo >= c.lastSeq ? 0 : c.unread) +
          (transcript?.visitorMessagesAfter(Math.max(c.lastSeq, readUpTo)) ?? 0);
    const local = (t: number | null) => (t === null ? null : t - this.offsetMs);
    return {
      id: c.id,
      state: c.state,
      visitorName: c.visitorNickname,
      // An anonymous visitor's id is 'anon-' and random characters: a few of those tell two visitors apart.
      visitorTag: c.visitorId.replace(/^anon-/, '').slice(0, 6),
      siteUserId: c.siteUserId,
      channel: c.channel,
      enteredAt: c.enteredAt - this.offsetMs,
      agentJoinedAt: local(c.agentJoinedAt),
      endedAt: local(c.endedAt),
      endReason: c.endReason,
      offerExpiresAt: local(c.offerExpiresAt),
      transferNote: c.transferNote,
      unread,
      lastLine: transcript?.lastLine() ?? null,
      survey: c.survey
        ? c.survey.state === 'sent'
          ? { ...c.survey, sentAt: c.survey.sentAt - this.offsetMs }
          : { ...c.survey, sentAt: c.survey.sentAt - this.offsetMs, answeredAt: c.survey.answeredAt - this.offsetMs }
        : null,
      waitingSince: c.state === 'open' ? (transcript?.waitingSince() ?? null) : null,
      ...(c.leftMessage ? { leftMessage: true as const } : {}),
    };
  }

  private requireClient(): ChatClient {
    if (!this.client) throw new UserFacingError('needs-number-sign-in', 'Chats need sign-in by mobile number.');
    return this.client;
  }

  private tellTranscript(transcript: Transcript): void {
    this.options.onTranscript(transcript.view());
  }

  private publish(): void {
    const view = this.view();
    const json = JSON.stringify(view ?? null);
    if (json === this.lastViewJson) return;
    this.lastViewJson = json;
    this.options.onView(view);
  }
}
