/**
 * The customer chat page (docs/chat.md, "The visitor page"): starts or resumes the visitor's
 * conversation, reads its event stream with fetch() and resumes it from the last seq after a drop,
 * and sends with a client id that makes a retry after a dropped connection harmless.
 */
import {
  answerSurvey,
  ApiError,
  endVisit,
  fetchImage,
  leaveMessage,
  readEvents,
  sendImage,
  sendMessage,
  startVisit,
  type VisitorView,
} from './api.ts';
import { IMAGE_MIMES } from '../image-rules.ts';
import { askToSend, imageOf, imageRefusal, ImageUrls, showFullSize } from './media.ts';
import { showLeaveMessage } from './leave-message.ts';
import { renderSurvey } from './survey.ts';
import { parseLink } from './link.ts';
import { renderTranscript, statusText } from './render.ts';
import { forgetChat, loadChat, newClientId, saveChat, type StoredChat } from './session.ts';
import type { SseEvent } from './sse.ts';
import {
  lastSeq,
  MAX_MESSAGE_CHARS,
  mergeMessages,
  messageLength,
  stillPending,
  type Message,
  type Pending,
} from './transcript.ts';
import { emojiPicker } from './emoji.ts';
import { pickLanguage, wordsFor } from './words.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const link = parseLink(location.search);
const language = pickLanguage(link.lang, navigator.languages);
const words = wordsFor(language);
const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
const storage = sessionStorage;

let chat: StoredChat | null = null;
let view: VisitorView | null = null;
let messages: Message[] = [];
let stream: AbortController | null = null;
let online = true;
let flushing = false;
let wake: (() => void) | null = null;
/** A function, not an inline test: events change `view` while a stream is awaited. */
const ended = () => view?.state === 'ended';

let tooLongShown = false;
/** Images on their way (in memory: a reload while one is sending loses it; the visitor sees it never arrived). */
let sendingImages: { clientId: string; url: string }[] = [];
const imageUrls = new ImageUrls(
  (imageId) => fetchImage(chat!.conversationId, chat!.visitorToken, imageId),
  () => render(),
);

function notify(text: string | null, tooLong = false): void {
  tooLongShown = tooLong;
  const notice = $('notice');
  notice.textContent = text ?? '';
  notice.hidden = text === null;
}

function render(): void {
  $('status').textContent = statusText(words, view);
  const banner = $('banner');
  banner.textContent = words.reconnecting;
  banner.hidden = online || chat === null;
  $('end').hidden = chat === null || ended() || view === null;
  $('composer').hidden = chat === null || ended();
  $('again').hidden = !(ended() || (chat === null && view === null && !$('notice').hidden));
  renderTranscript($<HTMLOListElement>('transcript'), words, time, view, messages, chat?.pending ?? [], retry, {
    url: (imageId) => (chat ? imageUrls.url(imageId) : 'failed'),
    open: (url, alt) => {
      $('image-viewer').setAttribute('aria-label', alt);
      showFullSize($<HTMLDialogElement>('image-viewer'), url, alt, words.image);
    },
    sending: sendingImages,
  });
  renderSurvey($('survey'), words.survey, view?.survey, submitSurvey);
}

async function submitSurvey(score: number, comment: string): Promise<string | null> {
  if (!chat) return null;
  try {
    view = await answerSurvey(chat.conversationId, chat.visitorToken, score, comment);
    render();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** 上传图片: checked, previewed, then sent with a client id (retried with it after a dropped connection). */
async function pickedImage(file: File | null): Promise<void> {
  if (!file || !chat || ended()) return;
  const refusal = imageRefusal(file, words.image);
  if (refusal) return notify(refusal);
  notify(null);
  if (!(await askToSend($<HTMLDialogElement>('image-preview'), file, words.image))) return;
  const current = chat;
  const sending = { clientId: newClientId(), url: URL.createObjectURL(file) };
  sendingImages = [...sendingImages, sending];
  render();
  for (let attempt = 0; ; attempt += 1) {
    try {
      const message = await sendImage(current.conversationId, current.visitorToken, sending.clientId, file);
      if (chat === current) messages = mergeMessages(messages, [message]);
      break;
    } catch (error) {
      if (error instanceof ApiError || attempt >= 5) {
        notify(
          error instanceof ApiError && error.status === 429
            ? words.tooFast(error.retryAfterSec ?? 5)
            : words.failed(error instanceof Error ? error.message : String(error)),
        );
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  sendingImages = sendingImages.filter((s) => s !== sending);
  URL.revokeObjectURL(sending.url);
  render();
}

function store(): void {
  if (chat && link.companyId !== null) saveChat(storage, link.companyId, chat);
}

function setPending(pending: Pending[]): void {
  if (!chat) return;
  chat.pending = stillPending(pending, messages);
  store();
}

function onEvent(event: SseEvent): void {
  const data = JSON.parse(event.data) as unknown;
  if (event.event === 'state') {
    view = data as VisitorView;
    // Nothing follows the end: the stream is let go rather than held open for nothing.
    if (ended()) stream?.abort();
  }
  if (event.event === 'message') {
    messages = mergeMessages(messages, [(data as { message: Message }).message]);
    setPending(chat?.pending ?? []);
  }
  render();
}

const pause = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      wake = null;
      resolve();
    }
    wake = done;
  });

/** Reads the stream until the chat ends; after a drop, waits (1 s doubling to 10 s, or until back online) and resumes. */
async function follow(current: StoredChat): Promise<void> {
  let delay = 1000;
  while (chat === current && !ended()) {
    stream = new AbortController();
    try {
      await readEvents(
        current.conversationId,
        current.visitorToken,
        lastSeq(messages),
        {
          onOpen() {
            online = true;
            delay = 1000;
            render();
            void flush();
          },
          onEvent,
        },
        stream.signal,
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        forget();
        notify(words.gone);
        render();
        return;
      }
      if (error instanceof ApiError && error.retryAfterSec) delay = error.retryAfterSec * 1000;
    }
    if (chat !== current || ended()) break;
    online = false;
    render();
    await pause(delay);
    delay = Math.min(delay * 2, 10_000);
  }
}

/** Sends what is pending, oldest first, each with its own client id (a resend of a delivered one is answered with it). */
async function flush(): Promise<void> {
  if (flushing || !chat) return;
  flushing = true;
  const current = chat;
  try {
    for (;;) {
      const next = current.pending.find((p) => p.failed === null);
      if (!next || chat !== current) return;
      try {
        const message = await sendMessage(current.conversationId, current.visitorToken, next.clientId, next.text);
        messages = mergeMessages(messages, [message]);
        notify(null);
        setPending(current.pending);
      } catch (error) {
        if (!(error instanceof ApiError)) {
          // The connection dropped: sent again when the stream is back, or in a few seconds if it never left.
          setTimeout(() => void flush(), 3000);
          return;
        }
        if (error.status === 429) {
          notify(words.tooFast(error.retryAfterSec ?? 5));
          setTimeout(() => void flush(), (error.retryAfterSec ?? 5) * 1000);
          return;
        }
        setPending(current.pending.map((p) => (p === next ? { ...p, failed: error.message } : p)));
      } finally {
        render();
      }
    }
  } finally {
    flushing = false;
  }
}

function retry(clientId: string): void {
  if (!chat) return;
  setPending(chat.pending.map((p) => (p.clientId === clientId ? { ...p, failed: null } : p)));
  render();
  void flush();
}

function forget(): void {
  stream?.abort();
  imageUrls.clear();
  if (link.companyId !== null) forgetChat(storage, link.companyId);
  chat = null;
  view = null;
  messages = [];
}

/** Why a chat could not start, in the page's words where the service's code is known. */
function startRefusal(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'chat-queue-full') return words.queueFull;
    if (error.code === 'visitor-signature-invalid') return words.badIdentity;
    if (error.code === 'rate-limited') return words.tooFast(error.retryAfterSec ?? 60);
  }
  return words.failed(error instanceof Error ? error.message : String(error));
}

/** The queue is full: come back later, or leave a message for the company (留言). */
function offerToLeaveMessage(companyId: number): void {
  showLeaveMessage($('leave'), words.leave, MAX_MESSAGE_CHARS, async (text, contact) => {
    try {
      await leaveMessage({
        companyId,
        channel: 'web',
        ...(link.groupId !== null ? { groupId: link.groupId } : {}),
        ...(link.user ? { user: link.user } : {}),
        text,
        ...(contact.trim() ? { contact: contact.trim() } : {}),
      });
      notify(null);
      $('again').hidden = true;
      return null;
    } catch (error) {
      return startRefusal(error);
    }
  });
}

async function begin(companyId: number): Promise<void> {
  notify(null);
  chat = loadChat(storage, companyId);
  if (!chat) {
    render();
    try {
      const started = await startVisit({
        companyId,
        channel: 'web',
        ...(link.groupId !== null ? { groupId: link.groupId } : {}),
        ...(link.user ? { user: link.user } : {}),
      });
      chat = { conversationId: started.conversationId, visitorToken: started.visitorToken, pending: [] };
      view = started.view;
      store();
    } catch (error) {
      notify(startRefusal(error));
      render();
      if (error instanceof ApiError && error.code === 'chat-queue-full') offerToLeaveMessage(companyId);
      return;
    }
  }
  render();
  void follow(chat);
}

function submit(): void {
  const box = $<HTMLTextAreaElement>('text');
  const text = box.value;
  if (!chat || text.trim() === '') return;
  const length = messageLength(text);
  if (length > MAX_MESSAGE_CHARS) {
    notify(words.tooLong(length, MAX_MESSAGE_CHARS), true);
    return;
  }
  notify(null);
  box.value = '';
  setPending([...chat.pending, { clientId: newClientId(), text, failed: null }]);
  render();
  void flush();
}

function wire(companyId: number): void {
  $('title').textContent = words.title;
  document.title = words.title;
  document.documentElement.lang = language;
  $<HTMLTextAreaElement>('text').placeholder = words.placeholder;
  $('send').textContent = words.send;
  $('end').textContent = words.endChat;
  $('new-chat').textContent = words.newChat;
  const attach = $<HTMLButtonElement>('attach');
  attach.textContent = '🖼';
  attach.title = words.image.attach;
  attach.setAttribute('aria-label', words.image.attach);
  const fileInput = $<HTMLInputElement>('image-file');
  fileInput.accept = IMAGE_MIMES.join(',');
  attach.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0] ?? null;
    fileInput.value = '';
    void pickedImage(file);
  });
  $('text').addEventListener('paste', (event) => {
    const file = imageOf(event.clipboardData);
    if (!file) return;
    event.preventDefault();
    void pickedImage(file);
  });
  const main = document.querySelector('main')!;
  main.addEventListener('dragover', (event) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  });
  main.addEventListener('drop', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    void pickedImage(imageOf(event.dataTransfer));
  });
  emojiPicker({
    button: $<HTMLButtonElement>('emoji'),
    panel: $('emoji-panel'),
    box: $<HTMLTextAreaElement>('text'),
    language,
    words: words.emoji,
  });
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  $('text').addEventListener('input', () => {
    // A refusal for length goes once the text is short enough again.
    if (tooLongShown && messageLength($<HTMLTextAreaElement>('text').value) <= MAX_MESSAGE_CHARS) notify(null);
  });
  $('text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  $('end').addEventListener('click', () => {
    if (!chat || !window.confirm(words.confirmEnd)) return;
    endVisit(chat.conversationId, chat.visitorToken).then(
      (ended) => {
        view = ended;
        render();
      },
      (error: unknown) => notify(words.failed(error instanceof Error ? error.message : '')),
    );
  });
  $('new-chat').addEventListener('click', () => {
    forget();
    void begin(companyId);
  });
  window.addEventListener('online', () => wake?.());
}

if (link.companyId === null) {
  $('title').textContent = words.title;
  $('composer').hidden = true;
  notify(words.noCompany);
} else {
  wire(link.companyId);
  void begin(link.companyId);
}
