/**
 * Contact-center agents and switchboard users come to us from the TCCC workbench and the Wo Cloud PC client, whose
 * manuals name each status and action (issue 20, "The words users know"). Where our app does the same thing, the
 * zh-CN bundle uses their word, so an agent finds 示忙, not a synonym of our own. Each row quotes where the manual
 * uses the word (../shared/manuals/: 001 is TCCC, 003 is Wo Cloud).
 */
import { describe, expect, it } from 'vitest';
import { dictionaries } from './dictionaries.ts';

type ManualTerm = { key: string; term: string; manual: string };

const TERMS: ManualTerm[] = [
  // TCCC 001, 状态说明: "示闲 空闲时，系统会给当前员工分配来电…"
  { key: 'agent.status.available', term: '示闲', manual: 'TCCC 状态说明' },
  { key: 'agent.status.busy', term: '示忙', manual: 'TCCC 状态说明' },
  { key: 'agent.status.break', term: '小休', manual: 'TCCC 状态说明' },
  // "当员工处于通话中的状态，系统会自动进入忙碌状态，员工不可手动变更至该状态。"
  { key: 'agent.status.on-call', term: '忙碌', manual: 'TCCC 状态说明' },
  { key: 'agent.status.after-call-work', term: '话后整理', manual: 'TCCC 状态说明' },
  { key: 'agent.statusShort.after-call-work', term: '话后整理', manual: 'TCCC 状态说明' },
  { key: 'agent.status.offline', term: '下线', manual: 'TCCC 下线与退出登录' },
  { key: 'agent.acw.title', term: '话后整理', manual: 'TCCC 话后整理' },
  // "倒计时结束前员工可单击返回接待进入空闲状态，或单击继续话后整理保持该状态。"
  { key: 'agent.acw.readyNow', term: '返回接待', manual: 'TCCC 话后整理' },
  { key: 'agent.acw.moreTime', term: '继续话后整理', manual: 'TCCC 话后整理' },
  { key: 'settings.signOut', term: '退出登录', manual: 'TCCC 下线与退出登录' },
  // Wo Cloud 003, 3.6–3.8: the tray icon's menu "关于", "注销", "退出"; in About, "检查新版本".
  { key: 'desktop.tray.about', term: '关于', manual: 'Wo Cloud 3.6 关于' },
  { key: 'tray.logOut', term: '注销', manual: 'Wo Cloud 3.7 注销' },
  { key: 'tray.quit', term: '退出', manual: 'Wo Cloud 3.8 退出' },
  { key: 'desktop.update.check', term: '检查新版本', manual: 'Wo Cloud 3.6 关于' },
  // "若无新版本,则提示“您当前已是最新版本”"
  { key: 'desktop.update.latest', term: '您当前已是最新版本', manual: 'Wo Cloud 3.6 关于' },
];

/** Words of ours the manuals' words replace, which must not come back in the same places. */
const RETIRED: { key: string; word: string }[] = [
  { key: 'agent.status.after-call-work', word: '话后处理' },
  { key: 'agent.status.busy', word: '忙碌' },
  { key: 'agent.acw.readyNow', word: '就绪' },
  { key: 'tray.logOut', word: '退出登录' },
];

function lookUp(key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], dictionaries['zh-CN']);
}

describe('zh-CN speaks the manuals’ words', () => {
  it.each(TERMS)('$key says $term ($manual)', ({ key, term }) => {
    expect(lookUp(key)).toEqual(expect.stringContaining(term));
  });

  it.each(RETIRED)('$key no longer says $word', ({ key, word }) => {
    expect(lookUp(key)).not.toEqual(expect.stringContaining(word));
  });

  it('uses 话后整理 for after-call work wherever zh-CN mentions it', () => {
    const text = JSON.stringify(dictionaries['zh-CN']);
    expect(text).not.toContain('话后处理');
  });
});
