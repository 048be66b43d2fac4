/**
 * 留言 on the visitor page: when the queue is full, a form for the visitor's message and (optionally)
 * how to reach them, instead of waiting. Sent, a thank-you line replaces it. Built with text nodes only:
 * nothing the visitor types is ever HTML.
 */
import type { Words } from './words.ts';

function node<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const element = document.createElement(tag);
  element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Shows the form in `container`; `send` answers null when the message is stored, else why not. */
export function showLeaveMessage(
  container: HTMLElement,
  words: Words['leave'],
  maxChars: number,
  send: (text: string, contact: string) => Promise<string | null>,
): void {
  container.hidden = false;
  const form = node('form', 'leave-card');
  form.setAttribute('aria-labelledby', 'leave-title');
  const title = node('h2', 'leave-title', words.title);
  title.id = 'leave-title';
  const text = node('textarea', 'leave-text');
  text.id = 'leave-text';
  text.rows = 4;
  text.maxLength = maxChars;
  text.setAttribute('aria-label', words.text);
  text.placeholder = words.text;
  const contact = node('input', 'leave-contact');
  contact.id = 'leave-contact';
  contact.maxLength = 100;
  contact.autocomplete = 'tel';
  contact.setAttribute('aria-label', words.contact);
  contact.placeholder = words.contact;
  const error = node('p', 'leave-error');
  error.setAttribute('role', 'alert');
  const button = node('button', 'leave-submit', words.submit);
  button.id = 'leave-submit';
  button.type = 'submit';
  form.append(title, node('p', 'leave-hint', words.hint), text, contact, error, button);
  text.addEventListener('input', () => {
    if (text.value.trim() !== '') error.textContent = '';
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (text.value.trim() === '') {
      error.textContent = words.empty;
      return;
    }
    button.disabled = true;
    void send(text.value, contact.value).then((problem) => {
      if (problem === null) {
        const thanks = node('p', 'leave-sent', words.sent);
        thanks.id = 'leave-sent';
        thanks.setAttribute('role', 'status');
        container.replaceChildren(thanks);
        return;
      }
      // Kept as typed: the visitor loses nothing and can send again.
      error.textContent = problem;
      button.disabled = false;
    });
  });
  container.replaceChildren(form);
}
