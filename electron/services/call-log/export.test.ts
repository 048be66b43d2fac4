import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../fs/temp-dir.ts';
import { CallLogStore } from './call-log-store.ts';
import { localTime } from '../../../lib/local-time.ts';
import { directoryExportTarget, exportCallLog, hms, type ExportTarget } from './export.ts';
import type { Language } from '../../../src/shared/domain.ts';

// 2026-03-01 23:30:05 UTC = 2026-03-02 07:30:05 in Shanghai.
const T0 = Date.UTC(2026, 2, 1, 23, 30, 5);

describe('call log export', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: CallLogStore;

  beforeEach(() => {
    temp = makeTempDir('call-log-export');
    store = CallLogStore.open(join(temp.dir, 'calls.sqlite'));
    store.recordCallEnded({
      id: 'a',
      direction: 'outgoing',
      phase: 'ended',
      remoteNumber: '+4930123',
      remoteName: 'Bob, "the" Müller',
      startedAt: T0,
      answeredAt: T0 + 2_000,
      endedAt: T0 + 2_000 + 3_725_000,
      outcome: 'answered',
      endReason: 'Bye',
    });
    store.recordCallEnded({
      id: 'b',
      direction: 'incoming',
      phase: 'ended',
      remoteNumber: '1001',
      remoteName: '=HYPERLINK("x")',
      startedAt: T0 + 60_000,
      endedAt: T0 + 80_000,
      outcome: 'missed',
    });
  });
  afterEach(() => {
    store.close();
    temp.cleanup();
  });

  const run = (format: 'csv' | 'xlsx', language: Language, view = {}, target?: ExportTarget) =>
    exportCallLog({
      list: (q) => store.list(q),
      view,
      format,
      language,
      timeZone: 'Asia/Shanghai',
      target: target ?? directoryExportTarget(join(temp.dir, 'out')),
      now: T0,
    });

  it('formats times in a time zone and durations as h:mm:ss', () => {
    expect(localTime(T0, 'Asia/Shanghai')).toBe('2026-03-02 07:30:05');
    expect(localTime(T0, 'UTC')).toBe('2026-03-01 23:30:05');
    expect(hms(0)).toBe('0:00:00');
    expect(hms(3_725)).toBe('1:02:05');
  });

  it('writes CSV with a BOM, localized headers, quoting, and formula text defused', async () => {
    const result = await run('csv', 'en');
    expect(result).toMatchObject({ saved: true, rows: 2 });
    if (!result.saved) throw new Error('not saved');
    expect(result.path).toMatch(/switchboard-calls-202603020730\.csv$/);
    const text = readFileSync(result.path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Time,Direction,Number,Name,Outcome,Duration (s),Duration (h:mm:ss),Answered at,Ended at,End reason,Wrap-up,Wrap-up code,Wrap-up note',
    );
    expect(lines[1]).toBe(
      `2026-03-02 07:31:05,Incoming,1001,"'=HYPERLINK(""x"")",Missed,0,0:00:00,,2026-03-02 07:31:25,,,,`,
    );
    expect(lines[2]).toBe(
      '2026-03-02 07:30:05,Outgoing,+4930123,"Bob, ""the"" Müller",Answered,3725,1:02:05,2026-03-02 07:30:07,2026-03-02 08:32:12,Bye,,,',
    );
  });

  it('names the columns and words the directions and outcomes in Swedish and French', async () => {
    const header = async (language: Language) => {
      const result = await run('csv', language);
      if (!result.saved) throw new Error('not saved');
      return readFileSync(result.path, 'utf8').slice(1).split('\r\n').slice(0, 2);
    };
    expect(await header('sv')).toEqual([
      'Tid,Riktning,Nummer,Namn,Utfall,Längd (s),Längd (h:mm:ss),Besvarat,Avslutat,Orsak till avslut,Avslutning,Avslutskod,Anteckning',
      `2026-03-02 07:31:05,Inkommande,1001,"'=HYPERLINK(""x"")",Missat,0,0:00:00,,2026-03-02 07:31:25,,,,`,
    ]);
    expect((await header('fr'))[0]).toBe(
      'Date et heure,Sens,Numéro,Nom,Résultat,Durée (s),Durée (h:mm:ss),Décroché à,Terminé à,Motif de fin,Clôture,Code de clôture,Note de clôture',
    );
  });

  it('writes a real xlsx in Chinese, only the rows of the view, readable by exceljs', async () => {
    const result = await run('xlsx', 'zh-CN', { filter: 'missed' });
    if (!result.saved) throw new Error('not saved');
    expect(result.rows).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(result.path);
    const sheet = workbook.getWorksheet('通话记录')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '时间',
      '方向',
      '号码',
      '姓名',
      '结果',
      '时长（秒）',
      '时长（时:分:秒）',
      '接通时间',
      '结束时间',
      '结束原因',
      '服务小结',
      '服务小结代码',
      '备注',
    ]);
    expect(sheet.getRow(2).getCell(2).value).toBe('呼入');
    expect(sheet.getRow(2).getCell(5).value).toBe('未接来电');
    expect(sheet.getRow(2).getCell(6).value).toBe(0);
    expect(sheet.rowCount).toBe(2);
  });

  it('has the wrap-up picked after each call: its label, code and note, or that a required one was missing', async () => {
    store.setWrapUp(['a'], { code: 'complaint', label: '投诉 Complaint', note: 'Wants a refund, "soon"' });
    store.setWrapUp(['b'], { missing: true });
    const csv = await run('csv', 'en');
    if (!csv.saved) throw new Error('not saved');
    const lines = readFileSync(csv.path, 'utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[1]).toMatch(/,Missing \(required\),,$/);
    expect(lines[2]).toMatch(/,Bye,投诉 Complaint,complaint,"Wants a refund, ""soon"""$/);

    const xlsx = await run('xlsx', 'zh-CN');
    if (!xlsx.saved) throw new Error('not saved');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx.path);
    const sheet = workbook.getWorksheet('通话记录')!;
    expect(sheet.getRow(2).getCell(11).value).toBe('未填写（必填）');
    expect([11, 12, 13].map((column) => sheet.getRow(3).getCell(column).value)).toEqual([
      '投诉 Complaint',
      'complaint',
      'Wants a refund, "soon"',
    ]);
  });

  it('does not overwrite an earlier export and writes nothing when the user cancels', async () => {
    const first = await run('csv', 'en');
    const second = await run('csv', 'en');
    if (!first.saved || !second.saved) throw new Error('not saved');
    expect(second.path).not.toBe(first.path);
    expect(second.path).toMatch(/-2\.csv$/);
    const cancelled = await run('csv', 'en', {}, { choose: async () => null });
    expect(cancelled).toEqual({ saved: false });
  });

  it('pages through views larger than one page', async () => {
    for (let i = 0; i < 1_203; i += 1) {
      store.recordCallEnded({
        id: `m${i}`,
        direction: 'incoming',
        phase: 'ended',
        remoteNumber: '555',
        startedAt: T0 - i * 1_000,
        endedAt: T0 - i * 1_000 + 500,
        outcome: 'missed',
      });
    }
    const path = join(temp.dir, 'big.csv');
    writeFileSync(path, 'old');
    // Between pages the app stays responsive: a call event that arrives meanwhile is handled before the export ends.
    let handledDuringExport = false;
    const exporting = run('csv', 'en', { number: '555' }, { choose: async () => path });
    setImmediate(() => (handledDuringExport = true));
    const result = await exporting;
    expect(handledDuringExport).toBe(true);
    expect(result).toEqual({ saved: true, path, rows: 1_203 });
    expect(readFileSync(path, 'utf8').trimEnd().split('\r\n')).toHaveLength(1_204);
  });
});
