/**
 * A chat message's text with its http(s) addresses as links (shared/web-links.ts). Always rendered as
 * text, never HTML; a link opens a new window, which Electron's window.open hook turns into the system
 * browser (security-policy.ts), so the page itself never navigates away.
 */
import { Fragment } from 'react';
import { splitLinks } from '../../../shared/web-links.ts';

export function MessageText({ text }: { text: string }) {
  return splitLinks(text).map((part, index) =>
    part.href === null ? (
      <Fragment key={index}>{part.text}</Fragment>
    ) : (
      <a key={index} className="chat-link" href={part.href} target="_blank" rel="noreferrer noopener">
        {part.text}
      </a>
    ),
  );
}
