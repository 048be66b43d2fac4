import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubscriberDb } from '../../subscriber-db.ts';
import { runAdmin } from '../admin-commands.ts';
import { demoPeople } from '../demo-data.ts';
import { provisioningPaths } from '../paths.ts';
import { startProvisioning, type RunningProvisioning } from '../start.ts';
import { ManualClock } from '../test-support/manual-clock.ts';
import { RecordingCodeCaller } from '../test-support/recording-code-caller.ts';

type Json = Record<string, unknown>;

describe('the session report exported by the admin CLI from chats run through the real service', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'chat-report-int-'));
  // 2026-01-05 09:00:00 UTC = 17:00 in Shanghai; the clock moves only when told.
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const caller = new RecordingCodeCaller();
  let running: RunningProvisioning;

  beforeAll(async () => {
    createSubscriberDb(provisioningPaths(runDir).subscriberDb);
    running = await startProvisioning(
      { runDir, domain: '127.0.0.1', wsUrl: 'ws://127.0.0.1:1', udpPort: 1 },
      { codeCaller: caller, clock, sweepIntervalMs: 20, pingIntervalMs: 50 },
    );
  });
  afterAll(async () => {
    await running?.stop();
    rmSync(runDir, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, bearer?: string, body?: unknown) => {
    const res = await fetch(`${running.url}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const signIn = async (extension: string) => {
    const person = demoPeople.find((p) => p.extension === extension)!;
    const lookup = await call('POST', '/v1/sign-in/lookup', undefined, { mobile: person.mobile });
    const companyId = (lookup.body['companies'] as { id: number }[])[0]!.id;
    await call('POST', '/v1/sign-in/code', undefined, { mobile: person.mobile, companyId });
    const code = caller.lastCode(person.mobile);
    const verify = await call('POST', '/v1/sign-in/verify', undefined, { mobile: person.mobile, companyId, code });
    return { token: (verify.body['device'] as { token: string }).token, companyId, name: person.name };
  };
  const admin = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdmin(['--run-dir', runDir, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  };

  it('the XLSX read back shows the customer waiting 20 s, a 90 s conversation, 60 s handling and 3 agent messages', async () => {
    const agent = await signIn('8002');
    expect((await call('PUT', '/v1/status', agent.token, { status: 'busy' })).status).toBe(200);
    const started = await call('POST', '/v1/chat/visits', undefined, { companyId: agent.companyId });
    const { conversationId: id, visitorToken, visitorId } = started.body as Record<string, string>;

    clock.advanceSec(20);
    expect((await call('PUT', '/v1/status', agent.token, { status: 'available' })).status).toBe(200);
    expect((await call('POST', `/v1/chat/desk/${id}/accept`, agent.token)).status).toBe(200);
    for (const [after, text] of [
      [10, '您好'],
      [20, '请稍等'],
      [30, '已为您补发'],
    ] as const) {
      clock.advanceSec(after);
      const sent = await call('POST', `/v1/chat/desk/${id}/messages`, agent.token, { clientId: `a-${after}`, text });
      expect(sent.status).toBe(200);
    }
    clock.advanceSec(30);
    expect((await call('POST', `/v1/chat/visits/${id}/end`, visitorToken)).status).toBe(200);

    const xlsx = join(runDir, 'sessions.xlsx');
    const common = ['--company', String(agent.companyId), '--from', '2026-01-05', '--to', '2026-01-05'];
    expect(await admin('chat-report', ...common, '--time-zone', 'Asia/Shanghai', '--out', xlsx)).toMatchObject({
      code: 0,
      out: [`1 chats written to ${xlsx}`],
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('在线会话清单');
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row).toEqual([
      visitorId,
      undefined,
      agent.name,
      '8002',
      '2026-01-05 17:00:00',
      '2026-01-05 17:00:20',
      '2026-01-05 17:01:50',
      20,
      90,
      60,
      3,
    ]);

    // The same report for one customer, in English CSV; another customer's is empty.
    const csv = join(runDir, 'sessions.csv');
    const one = await admin('chat-report', ...common, '--customer', visitorId!, '--lang', 'en', '--out', csv);
    expect(one.out).toEqual([`1 chats written to ${csv}`]);
    expect((await admin('chat-report', ...common, '--customer', 'u-nobody', '--out', csv)).out).toEqual([
      `0 chats written to ${csv}`,
    ]);
  });

  it('refuses a wrong language, file type or date with the usage, and an unknown company', async () => {
    const base = ['chat-report', '--company', '1', '--from', '2026-01-05', '--to', '2026-01-05'];
    const bad = async (...extra: string[]) => (await admin(...base, ...extra)).code;
    expect(await bad('--out', join(runDir, 'x.xlsx'), '--lang', 'de')).toBe(2);
    expect(await bad('--out', join(runDir, 'x.pdf'))).toBe(2);
    expect(await bad('--out', join(runDir, 'x.csv'), '--time-zone', 'Mars/Olympus')).toBe(2);
    expect(
      (await admin('chat-report', '--company', '1', '--from', '5.1.2026', '--to', '2026-01-05', '--out', 'x.csv'))
        .err[0],
    ).toMatch(/neither YYYY-MM-DD/);
    const unknown = await admin(
      'chat-report',
      '--company',
      '99',
      '--from',
      '2026-01-05',
      '--to',
      '2026-01-05',
      '--out',
      join(runDir, 'y.csv'),
    );
    expect(unknown).toMatchObject({ code: 1, err: ['no company 99'] });
  });
});
