/**
 * Internal chats with colleagues in the app (issue 17), beside the customer desk of ChatDeskService and
 * on its stream and client: my list as the service keeps it (unread per chat, the colleague's marks), the
 * transcripts (merged by seq with the customer chat's Transcript, caught up after every reconnect, sends
 * retried with their client id), delivered marks for what reached this device and read marks for what was
 * shown. Plain Node.
 */
import { randomUUID } from 'node:crypto';
import { CHAT_TEXT_MAX, chatTextLength, type ChatMessage, type ChatTranscript } from '../../../src/shared/chat.ts';
import type {
  InternalChatItem,
  InternalChatList,
  InternalChatSummary,
  InternalSearchHit,
} from '../../../src/shared/internal-chat.ts';
import type { RequestResult } from '../provisioning/device-api.ts';
import { UserFacingError } from '../user-facing-error.ts';
import type { ChatClient } from './chat-client.ts';
import { decodeImage, imageDataUrl } from './chat-images.ts';
import { Transcript } from './transcript.ts';

const PAGE = 500;
const LAST_LINE_MAX = 120;

export type InternalChatBookOptions = {
  /** The list changed: the owner publishes the Chats tab's state again. */
  onChange: () => void;
  onTranscript: (transcript: ChatTranscript) => void;
  now?: () => number;
  newId?: () => string;
};

export class InternalChatBook {
  private readonly options: InternalChatBookOptions;
  private readonly now: () => number;
  private client: ChatClient | null = null;
  /** null until the service's first list since sign-in (or a restart) arrives. */
  private list: InternalChatSummary[] | null = null;
  private offsetMs = 0;
  private readonly transcripts = new Map<string, Transcript>();
  /** Per chat: up to which seq it was shown here (the service's unread count lags a read by a request). */
  private readonly readUpTo = new Map<string, number>();
  private viewing: string | null = null;
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly imageBytes = new Map<string, Buffer>();

  constructor(options: InternalChatBookOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** The desk's client (null: signed out): everything of the previous sign-in is forgotten. */
  attach(client: ChatClient | null): void {
    if (client === this.client) return;
    this.client = client;
    this.list = null;
    this.transcripts.clear();
    this.readUpTo.clear();
    this.chains.clear();
    this.imageBytes.clear();
    this.viewing = null;
  }

  owns(id: string): boolean {
    return (this.list ?? []).some((c) => c.id === id) || this.transcripts.has(id);
  }

  /** The section's lines; undefined until the service's list came (what is unread then is not news). */
  items(): InternalChatItem[] | undefined {
    return this.list?.map((c) => this.item(c));
  }

  /** The list from the stream (on connect and each change): catch up what the stream missed, resend cut-off sends. */
  gotList(client: ChatClient, list: InternalChatList): void {
    if (this.client !== client) return;
    this.setList(list);
    for (const chat of list.chats) {
      const transcript = this.transcripts.get(chat.id);
      if (transcript && transcript.contiguousSeq < chat.lastSeq) {
        void this.chain(chat.id, () => this.catchUp(client, transcript));
      }
    }
    for (const transcript of this.transcripts.values()) {
      for (const p of transcript.pendingSends()) {
        if (p.failed !== 'server-unreachable') continue;
        transcript.markPending(p.clientId, null);
        void this.chain(transcript.id, () => this.deliver(client, transcript, p.clientId, p.text));
      }
    }
  }

  /** A new message on the stream: kept, and marked received by this device (the colleague sees ✓✓). */
  gotMessage(client: ChatClient, id: string, message: ChatMessage): void {
    if (this.client !== client) return;
    const transcript = this.transcriptOf(id);
    const gap = message.seq > transcript.contiguousSeq + 1;
    if (transcript.merge([this.local(message)])) this.changed(client, transcript);
    if (gap) void this.chain(id, () => this.catchUp(client, transcript));
    else if (!message.mine) void client.internalMarks(id, { delivered: message.seq });
  }

  /** "Message" on a colleague: our one chat (made on first use); answers its id. */
  async start(personId: number): Promise<string> {
    const opened = await this.act(this.requireClient().internalOpen(personId));
    this.setList(opened.list);
    return opened.conversationId;
  }

  /** The window shows this chat (null: none): its whole history from the service, then marked read. */
  async open(id: string | null): Promise<ChatTranscript | null> {
    this.viewing = id;
    if (id === null) return null;
    const client = this.requireClient();
    const transcript = this.transcriptOf(id);
    await this.chain(id, () => this.catchUp(client, transcript));
    this.markRead(client, transcript);
    return transcript.view();
  }

  send(id: string, text: string): void {
    const client = this.requireClient();
    if (text.trim() === '') return;
    const length = chatTextLength(text);
    if (length > CHAT_TEXT_MAX) {
      throw new UserFacingError('message-too-long', `A message is at most ${CHAT_TEXT_MAX} characters (${length}).`);
    }
    const transcript = this.transcriptOf(id);
    const clientId = `i-${(this.options.newId ?? randomUUID)()}`;
    transcript.addPending({ clientId, text, createdAt: this.now(), failed: null });
    this.tell(transcript);
    void this.chain(id, () => this.deliver(client, transcript, clientId, text));
  }

  sendImage(id: string, base64: string): void {
    const client = this.requireClient();
    const bytes = decodeImage(base64);
    const transcript = this.transcriptOf(id);
    const clientId = `i-${(this.options.newId ?? randomUUID)()}`;
    this.imageBytes.set(clientId, bytes);
    transcript.addPending({ clientId, text: '', createdAt: this.now(), failed: null, image: true });
    this.tell(transcript);
    void this.chain(id, () => this.deliver(client, transcript, clientId, ''));
  }

  async image(id: string, imageId: string): Promise<{ dataUrl: string }> {
    const answer = await this.act(this.requireClient().internalImage(id, imageId));
    return { dataUrl: await imageDataUrl(answer.bytes) };
  }

  discard(id: string, clientId: string): void {
    const transcript = this.transcripts.get(id);
    if (!transcript) return;
    this.imageBytes.delete(clientId);
    transcript.discardPending(clientId);
    this.tell(transcript);
  }

  /** 不显示: off my list until the next message. */
  async hide(id: string): Promise<void> {
    this.setList(await this.act(this.requireClient().internalHide(id)));
  }

  async search(q: string, id: string | null): Promise<InternalSearchHit[]> {
    const hits = await this.act(this.requireClient().internalSearch(q, id));
    return hits.map((h) => ({ ...h, createdAt: h.createdAt - this.offsetMs }));
  }

  private setList(list: InternalChatList): void {
    this.offsetMs = list.at - this.now();
    this.list = list.chats;
    this.options.onChange();
  }

  private async catchUp(client: ChatClient, transcript: Transcript): Promise<void> {
    for (;;) {
      const answer = await client.internalMessages(transcript.id, transcript.contiguousSeq);
      if (!answer.ok || this.client !== client) return;
      if (transcript.merge(answer.value.map((m) => this.local(m)))) this.changed(client, transcript);
      if (answer.value.length < PAGE) return;
    }
  }

  private async deliver(client: ChatClient, transcript: Transcript, clientId: string, text: string): Promise<void> {
    if (!transcript.hasPending(clientId)) return;
    const image = this.imageBytes.get(clientId);
    const answer = image
      ? await client.internalSendImage(transcript.id, clientId, image)
      : await client.internalSend(transcript.id, clientId, text);
    if (this.client !== client) return;
    if (answer.ok) {
      this.imageBytes.delete(clientId);
      if (transcript.merge([this.local(answer.value)])) this.changed(client, transcript);
      else {
        transcript.discardPending(clientId);
        this.tell(transcript);
      }
      return;
    }
    const failed =
      answer.code === 'server-unreachable' || answer.code.startsWith('http-5') ? 'server-unreachable' : answer.code;
    transcript.markPending(clientId, failed);
    this.tell(transcript);
  }

  private changed(client: ChatClient, transcript: Transcript): void {
    if (this.viewing === transcript.id) this.markRead(client, transcript);
    this.tell(transcript);
  }

  private markRead(client: ChatClient, transcript: Transcript): void {
    const seq = transcript.lastSeq;
    if (seq <= (this.readUpTo.get(transcript.id) ?? 0)) return;
    this.readUpTo.set(transcript.id, seq);
    this.options.onChange();
    void client.internalMarks(transcript.id, { read: seq }).then((answer) => {
      if (answer.ok && this.client === client) this.setList(answer.value);
    });
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

  private local(message: ChatMessage): ChatMessage {
    return { ...message, createdAt: message.createdAt - this.offsetMs };
  }

  private item(c: InternalChatSummary): InternalChatItem {
    const readUpTo = this.readUpTo.get(c.id) ?? 0;
    const last = c.lastMessage;
    // The first line, as the list and a notification show it (issue 17: "the sender and the first line").
    const oneLine = last ? [...(last.body.trim().split('\n')[0] ?? '').replace(/\s+/g, ' ').trim()] : [];
    return {
      id: c.id,
      peer: { personId: c.peer.personId, name: c.peer.name, extension: c.peer.extension },
      unread: this.viewing === c.id || readUpTo >= c.lastSeq ? 0 : c.unread,
      peerDeliveredSeq: c.peerDeliveredSeq,
      peerReadSeq: c.peerReadSeq,
      lastLine: last && {
        mine: last.mine,
        text: oneLine.length > LAST_LINE_MAX ? `${oneLine.slice(0, LAST_LINE_MAX).join('')}…` : oneLine.join(''),
        image: last.kind === 'image',
        at: last.createdAt - this.offsetMs,
      },
    };
  }

  private async act<T>(request: Promise<RequestResult<T>>): Promise<T> {
    const answer = await request;
    if (!answer.ok) throw new UserFacingError(answer.code, answer.title || answer.code);
    return answer.value;
  }

  private requireClient(): ChatClient {
    if (!this.client) {
      throw new UserFacingError('needs-company-account', 'Chat needs a company account (sign in with your number).');
    }
    return this.client;
  }

  private tell(transcript: Transcript): void {
    this.options.onTranscript(transcript.view());
  }
}
