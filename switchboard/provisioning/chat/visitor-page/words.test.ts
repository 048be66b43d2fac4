import { describe, expect, it } from 'vitest';
import { pickLanguage, systemLine, wordsFor } from './words.ts';

describe('the page language', () => {
  it('follows ?lang= over the browser', () => {
    expect(pickLanguage('en', ['zh-CN'])).toBe('en');
    expect(pickLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
  });

  it('follows the browser when the link says nothing, and is Chinese when the browser is neither', () => {
    expect(pickLanguage(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(pickLanguage(null, ['zh-TW'])).toBe('zh-CN');
    expect(pickLanguage(null, ['de-DE', 'fr'])).toBe('zh-CN');
  });
});

describe('system lines', () => {
  const zh = wordsFor('zh-CN');
  const en = wordsFor('en');

  it('word the agent joining with the agent name in the page language', () => {
    expect(systemLine(zh, 'agent-joined', '李娜 Li Na')).toBe('客服 李娜 Li Na 已接入');
    expect(systemLine(en, 'agent-joined', '李娜 Li Na')).toBe('李娜 Li Na joined the chat');
  });

  it('word the end of a chat by who ended it', () => {
    expect(systemLine(en, 'ended-by-agent', '')).toBe('The agent ended the chat');
    expect(systemLine(zh, 'ended-by-visitor', '')).toBe('您已结束会话');
    expect(systemLine(en, 'transferred', '')).toBe('The chat was transferred to another agent');
  });

  it("show the company's own timeout message as it wrote it", () => {
    expect(systemLine(en, 'timeout', 'We closed the chat, thank you')).toBe('We closed the chat, thank you');
    expect(systemLine(en, 'timeout', '')).toBe('The chat ended: no reply in time');
  });

  it('fall back to what the service wrote for an event this page does not know', () => {
    expect(systemLine(en, 'order-card-sent', 'An order card')).toBe('An order card');
    expect(systemLine(en, 'survey-sent', '')).toBe('The agent asks you to rate this chat');
    expect(systemLine(en, 'toString', 'plain')).toBe('plain');
  });

  it('say how long a refused message is and how long to wait after a flood refusal', () => {
    expect(en.tooLong(5001, 5000)).toBe('The message is too long: 5001 characters, at most 5000');
    expect(zh.tooFast(12)).toBe('发送太频繁，请 12 秒后再发');
    expect(zh.waiting(1)).toBe('正在等待客服接入，您排在第 1 位');
  });
});
