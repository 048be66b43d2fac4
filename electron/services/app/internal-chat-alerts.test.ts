import { describe, expect, it } from 'vitest';
import type { ChatDeskView } from '../../../src/shared/chat.ts';
import type { AppState } from '../../../src/shared/domain.ts';
import type { InternalChatItem } from '../../../src/shared/internal-chat.ts';
import { followInternalMessages } from './internal-chat-alerts.ts';

const chatWith = (
  name: string,
  patch: Partial<InternalChatItem> & { at: number; text?: string },
): InternalChatItem => ({
  id: `Zi${name.padEnd(20, '0')}`,
  peer: { personId: 2, name, extension: '8002' },
  unread: 1,
  peerDeliveredSeq: 0,
  peerReadSeq: 0,
  lastLine: { mine: false, text: patch.text ?? 'hello', image: false, at: patch.at },
  ...patch,
});

function setUp(inFront: () => boolean, language: AppState['language'] = 'en', previews = () => true) {
  let chat: ChatDeskView | undefined = { connection: 'live', offers: [], open: [], recent: [] };
  const shown: { title: string; body: string }[] = [];
  const alerts = followInternalMessages(
    () => ({ chat, language }) as AppState,
    {
      mainWindowInFront: inFront,
      notify: (n) => shown.push(n),
    },
    previews,
  );
  return {
    shown,
    list(...internal: InternalChatItem[]) {
      chat = { ...chat!, internal };
      alerts.stateChanged();
    },
  };
}

describe('notifications of colleagues’ messages', () => {
  it('tells a new message with the sender and its first line while the window is not in front, once', () => {
    const { shown, list } = setUp(() => false);
    list(chatWith('李娜', { at: 1, text: 'old news' }));
    list(chatWith('李娜', { at: 2, text: '会议改到三点\n在 3 号会议室' }));
    list(chatWith('李娜', { at: 2, text: '会议改到三点\n在 3 号会议室' }));
    expect(shown).toEqual([{ title: '李娜', body: '会议改到三点' }]);
  });

  it('says nothing for my own messages, read ones, or while the window is in front; a picture is "[Image]"', () => {
    let front = true;
    const { shown, list } = setUp(() => front, 'zh-CN');
    list();
    list(chatWith('Bo', { at: 1 }));
    front = false;
    list(chatWith('Bo', { at: 2, lastLine: { mine: true, text: 'mine', image: false, at: 2 } }));
    list(chatWith('Bo', { at: 3, unread: 0 }));
    list(chatWith('Bo', { at: 4, lastLine: { mine: false, text: '', image: true, at: 4 } }));
    expect(shown).toEqual([{ title: 'Bo', body: '[图片]' }]);
  });

  it('with message text in notifications off, says only who wrote, in the UI language, and follows the setting', () => {
    let previews = false;
    const { shown, list } = setUp(
      () => false,
      'zh-CN',
      () => previews,
    );
    list();
    list(chatWith('李娜', { at: 1, text: '工资单在附件里' }));
    list(chatWith('Anna', { at: 2, text: 'the door code is 4411' }));
    previews = true;
    list(chatWith('Anna', { at: 3, text: 'thanks' }));
    expect(shown).toEqual([
      { title: '李娜 发来新消息', body: '' },
      { title: 'Anna 发来新消息', body: '' },
      { title: 'Anna', body: 'thanks' },
    ]);
    expect(JSON.stringify(shown.slice(0, 2))).not.toMatch(/工资单|4411/);
  });
});
