import type { VisitorView } from './api.ts';
import type { Message, Pending } from './transcript.ts';
import { systemLine, type Words } from './words.ts';

/** Text from others only ever goes in through textContent: a message is never HTML. */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function statusText(words: Words, view: VisitorView | null): string {
  if (!view) return words.starting;
  switch (view.state) {
    case 'queued':
      return words.waiting(view.queuePosition);
    case 'offered':
      return words.connecting;
    case 'open':
      return view.agentName ? words.serving(view.agentName) : words.connecting;
    case 'ended':
      return words.ended;
  }
}

/** What the transcript needs for images: their blob: URLs, the full-size view, and images still being sent. */
export type TranscriptMedia = {
  url(imageId: string): string | 'failed' | null;
  open(url: string, alt: string): void;
  sending: readonly { clientId: string; url: string }[];
};

/** An image in a bubble: a button that opens the full-size view (once its bytes are here). */
function imageBubble(words: Words, media: TranscriptMedia, imageId: string, alt: string): HTMLElement {
  const url = media.url(imageId);
  if (url === null) return element('div', 'bubble image-bubble loading', words.image.loading);
  if (url === 'failed') return element('div', 'bubble image-bubble failed', words.image.unavailable);
  const button = element('button', 'bubble image-bubble');
  button.type = 'button';
  button.title = words.image.open;
  button.setAttribute('aria-label', `${alt}. ${words.image.open}`);
  const image = element('img', 'image-thumb');
  image.src = url;
  image.alt = alt;
  button.append(image);
  button.addEventListener('click', () => media.open(url, alt));
  return button;
}

function messageLine(words: Words, time: Intl.DateTimeFormat, media: TranscriptMedia, message: Message): HTMLLIElement {
  if (message.sender === 'system') {
    const line = element('li', 'line system', systemLine(words, message.event, message.body));
    line.dataset['event'] = message.event ?? '';
    return line;
  }
  const line = element('li', `line ${message.sender}`);
  line.dataset['seq'] = String(message.seq);
  const who = message.sender === 'visitor' ? words.you : (message.authorName ?? words.agent);
  line.append(
    element('span', 'meta', `${who} ${time.format(message.createdAt)}`),
    message.kind === 'image' && message.image
      ? imageBubble(words, media, message.image.id, words.image.alt(who))
      : element('div', 'bubble', message.body),
  );
  return line;
}

function sendingImageLine(words: Words, sending: { url: string }): HTMLLIElement {
  const line = element('li', 'line visitor pending');
  const bubble = element('div', 'bubble image-bubble');
  const image = element('img', 'image-thumb');
  image.src = sending.url;
  image.alt = words.image.alt(words.you);
  bubble.append(image);
  line.append(element('span', 'meta', words.image.sending), bubble);
  return line;
}

function pendingLine(words: Words, pending: Pending, retry: (clientId: string) => void): HTMLLIElement {
  const line = element('li', `line visitor ${pending.failed ? 'failed' : 'pending'}`);
  line.append(
    element('span', 'meta', pending.failed ? `${words.notSent}: ${pending.failed}` : words.sending),
    element('div', 'bubble', pending.text),
  );
  if (pending.failed) {
    const again = element('button', '', words.retry);
    again.type = 'button';
    again.addEventListener('click', () => retry(pending.clientId));
    line.append(again);
  }
  return line;
}

/** Before anything is said: the place in line, large, so a visitor waiting does not face an empty page. */
function waitingCard(words: Words, view: VisitorView | null): HTMLLIElement[] {
  if (view?.state !== 'queued' && view?.state !== 'offered') return [];
  const card = element('li', 'waiting');
  card.append(element('p', 'waiting-status', statusText(words, view)), element('p', 'waiting-hint', words.waitingHint));
  return [card];
}

/** Redraws the transcript; keeps it scrolled to the newest line when the reader was there already. */
export function renderTranscript(
  list: HTMLOListElement,
  words: Words,
  time: Intl.DateTimeFormat,
  view: VisitorView | null,
  messages: readonly Message[],
  pending: readonly Pending[],
  retry: (clientId: string) => void,
  media: TranscriptMedia,
): void {
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(
    ...(messages.length === 0 && pending.length === 0 ? waitingCard(words, view) : []),
    ...messages.map((m) => messageLine(words, time, media, m)),
    ...pending.map((p) => pendingLine(words, p, retry)),
    ...media.sending.map((s) => sendingImageLine(words, s)),
  );
  if (atBottom || pending.length > 0 || media.sending.length > 0) list.scrollTop = list.scrollHeight;
}
