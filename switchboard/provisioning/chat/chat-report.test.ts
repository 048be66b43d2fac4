import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../csv.ts';
import { chatFixture, type ChatFixture } from '../test-support/chat-fixture.ts';
import { reportInstant } from './chat-report-command.ts';
import { chatReportPage, chatReportRows, type ChatReportQuery } from './chat-report.ts';
import { writeChatReport } from './chat-report-file.ts';

let f: ChatFixture;
let dir: string;
beforeEach(async () => {
  f = chatFixture();
  dir = await mkdtemp(join(tmpdir(), 'chat-report-'));
});
afterEach(async () => {
  f.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Two chats with known timings on the manual clock (starts 2026-01-05 09:00:00 UTC):
 * A waits 15 s for 王小明 (8001), who writes twice (the last 30 s after joining); A ends 60 s after he joined.
 * B comes while he is Busy, waits 40 s and leaves without an agent.
 */
async function twoChats() {
  const a = f.chat.visitors.start({ companyId: f.companyId }, '203.0.113.7');
  f.clock.advanceSec(12);
  const agent = await f.signIn('8001');
  f.clock.advanceSec(3);
  f.chat.agents.accept(agent, a.conversationId);
  f.clock.advanceSec(5);
  f.chat.agents.send(agent, a.conversationId, 'a1', '您好，请问有什么可以帮您');
  f.clock.advanceSec(10);
  f.chat.visitors.send(a.conversationId, a.visitorToken, 'v1', '订单没到');
  f.clock.advanceSec(15);
  f.chat.agents.send(agent, a.conversationId, 'a2', '我查一下');
  f.clock.advanceSec(30);
  f.chat.visitors.end(a.conversationId, a.visitorToken);

  f.presence.setStatus(agent, { status: 'busy' });
  const b = f.chat.visitors.start({ companyId: f.companyId }, '203.0.113.8');
  f.clock.advanceSec(40);
  f.chat.visitors.end(b.conversationId, b.visitorToken);
  return { a, b };
}

const day = (companyId: number): ChatReportQuery => ({
  companyId,
  from: Date.UTC(2026, 0, 5),
  to: Date.UTC(2026, 0, 6),
});

describe('session report (会话清单)', () => {
  it('gives each ended chat its customer, agent, wait, length, handling time and agent message count', async () => {
    const { a, b } = await twoChats();
    const rows = chatReportPage(f.db, day(f.companyId), null, 100);
    expect(rows).toEqual([
      expect.objectContaining({
        customerId: a.visitorId,
        agentName: '王小明 Wang Xiaoming',
        agentId: '8001',
        enteredAt: Date.UTC(2026, 0, 5, 9, 0, 0),
        agentJoinedAt: Date.UTC(2026, 0, 5, 9, 0, 15),
        endedAt: Date.UTC(2026, 0, 5, 9, 1, 15),
        waitSec: 15,
        lengthSec: 60,
        handlingSec: 30,
        agentMessages: 2,
      }),
      expect.objectContaining({
        customerId: b.visitorId,
        agentName: null,
        agentId: null,
        agentJoinedAt: null,
        waitSec: 40,
        lengthSec: 0,
        handlingSec: 0,
        agentMessages: 0,
      }),
    ]);
  });

  it('filters by customer id and by the day the customer came; open chats are not in it yet', async () => {
    const { b } = await twoChats();
    f.chat.visitors.start({ companyId: f.companyId }, '203.0.113.9');
    expect(chatReportPage(f.db, { ...day(f.companyId), customerId: b.visitorId }, null, 100)).toHaveLength(1);
    expect(
      chatReportPage(f.db, { ...day(f.companyId), from: Date.UTC(2026, 0, 6), to: Date.UTC(2026, 0, 7) }, null, 100),
    ).toEqual([]);
    expect(chatReportPage(f.db, day(f.companyId), null, 100)).toHaveLength(2);
    expect(chatReportPage(f.db, { ...day(f.companyId), companyId: f.companyId + 1 }, null, 100)).toEqual([]);
  });

  it('pages through the rows in order without losing or repeating one', async () => {
    await twoChats();
    const first = chatReportPage(f.db, day(f.companyId), null, 1);
    const second = chatReportPage(
      f.db,
      day(f.companyId),
      { enteredAt: first[0]!.enteredAt, id: first[0]!.conversationId },
      1,
    );
    expect([...first, ...second].map((r) => r.conversationId)).toEqual(
      chatReportPage(f.db, day(f.companyId), null, 10).map((r) => r.conversationId),
    );
  });

  it('writes an XLSX with Chinese headers and Shanghai times that exceljs reads back with the waits as numbers', async () => {
    const { a } = await twoChats();
    const path = join(dir, 'report.xlsx');
    expect(await writeChatReport(path, 'xlsx', 'zh-CN', 'Asia/Shanghai', chatReportRows(f.db, day(f.companyId)))).toBe(
      2,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.getWorksheet('在线会话清单')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual([
      '客户编号',
      '客户昵称',
      '客服姓名',
      '客服工号',
      '客户进入时间',
      '客服进入时间',
      '会话结束时间',
      '客户等待时长（秒）',
      '会话时长（秒）',
      '处理时长（秒）',
      '客服消息数',
    ]);
    expect(values(2)).toEqual([
      a.visitorId,
      undefined, // no nickname: an empty cell
      '王小明 Wang Xiaoming',
      '8001',
      '2026-01-05 17:00:00',
      '2026-01-05 17:00:15',
      '2026-01-05 17:01:15',
      15,
      60,
      30,
      2,
    ]);
    expect(values(3).slice(7)).toEqual([40, 0, 0, 0]);
    expect(sheet.rowCount).toBe(3);
  });

  it('writes CSV in English with a BOM, and a nickname that looks like a formula stays text', async () => {
    const a = f.chat.visitors.start({ companyId: f.companyId }, '203.0.113.7');
    f.db.prepare(`UPDATE conversations SET visitor_nickname = ? WHERE id = ?`).run('=HYPERLINK("x")', a.conversationId);
    f.clock.advanceSec(7);
    f.chat.visitors.end(a.conversationId, a.visitorToken);
    const path = join(dir, 'report.csv');
    await writeChatReport(path, 'csv', 'en', 'UTC', chatReportRows(f.db, day(f.companyId)));
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('\uFEFFCustomer ID,Customer nickname,Agent name,Agent ID,Customer entered,')).toBe(true);
    expect(parseCsv(text)[1]).toEqual([
      a.visitorId,
      `'=HYPERLINK("x")`,
      '',
      '',
      '2026-01-05 09:00:00',
      '',
      '2026-01-05 09:00:07',
      '7',
      '0',
      '0',
      '0',
    ]);
  });

  it('reads a report day as midnight to midnight in the chosen time zone, across a daylight-saving change', () => {
    expect(reportInstant('2026-01-05', 'Asia/Shanghai')).toBe(Date.UTC(2026, 0, 4, 16));
    expect(reportInstant('2026-01-05', 'Asia/Shanghai', 1)).toBe(Date.UTC(2026, 0, 5, 16));
    expect(reportInstant('2026-03-29', 'Europe/Stockholm')).toBe(Date.UTC(2026, 2, 28, 23));
    expect(reportInstant('2026-03-30', 'Europe/Stockholm')).toBe(Date.UTC(2026, 2, 29, 22));
    expect(reportInstant('2026-01-05T10:00:00+08:00', 'UTC')).toBe(Date.UTC(2026, 0, 5, 2));
    expect(() => reportInstant('5.1.2026', 'UTC')).toThrow(/YYYY-MM-DD/);
  });
});
