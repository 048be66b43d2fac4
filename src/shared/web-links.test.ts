import { describe, expect, it } from 'vitest';
import { isWebLink, splitLinks } from './web-links.ts';

const links = (text: string) => splitLinks(text).flatMap((part) => (part.href ? [part.href] : []));

describe('links in chat text', () => {
  it('cuts a message into text and its http and https addresses, losing nothing', () => {
    const text = 'See https://example.com/a?b=1#c and http://intranet.local:8080/x then reply';
    const parts = splitLinks(text);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(links(text)).toEqual(['https://example.com/a?b=1#c', 'http://intranet.local:8080/x']);
  });

  it('leaves sentence punctuation, brackets and Chinese text after an address out of the link', () => {
    expect(links('Go to https://example.com/help.')).toEqual(['https://example.com/help']);
    expect(links('(see https://example.com/x)')).toEqual(['https://example.com/x']);
    expect(links('https://en.wikipedia.org/wiki/Foo_(bar)')).toEqual(['https://en.wikipedia.org/wiki/Foo_(bar)']);
    expect(links('看这个https://example.com/a，谢谢')).toEqual(['https://example.com/a']);
  });

  it('keeps every other scheme as plain text', () => {
    for (const text of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://host/x', 'mailto:a@b.c', 'https://']) {
      expect(splitLinks(text)).toEqual([{ text, href: null }]);
    }
  });

  it('gives a message without links back as one plain run, and an empty one as nothing', () => {
    expect(splitLinks('hello')).toEqual([{ text: 'hello', href: null }]);
    expect(splitLinks('')).toEqual([]);
  });

  it('lets only whole http(s) addresses leave the app', () => {
    expect(isWebLink('https://docs.example.com/help')).toBe(true);
    expect(isWebLink('http://example.com')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://a b', 'https://']) {
      expect(isWebLink(url)).toBe(false);
    }
  });
});
