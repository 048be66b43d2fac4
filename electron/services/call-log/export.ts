/**
 * Writes a history list (as the user sees it: filters and search applied) to CSV or to an Excel
 * workbook (exceljs). Column headers and words are in the UI's language, times in the user's
 * time zone, durations both in seconds and as h:mm:ss. Plain Node: where the file goes is an
 * ExportTarget decided by the caller (a save dialog in Electron, a directory elsewhere).
 */
import ExcelJS from 'exceljs';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CallLogEntry, CallLogView, ExportFormat, Language } from '../../../src/shared/domain.ts';
import en from '../../../src/shared/locales/en.json' with { type: 'json' };
import zhCN from '../../../src/shared/locales/zh-CN.json' with { type: 'json' };
import { writeFileAtomic } from '../fs/atomic-write.ts';
import { MAX_LIST_LIMIT, type CallLogListOptions } from './call-log-store.ts';

/** Where an export goes. Returns the chosen path, or null when the user cancelled. */
export interface ExportTarget {
  choose(request: { suggestedName: string; format: ExportFormat }): Promise<string | null>;
}

export type ExportLabels = (typeof en)['callLog']['exportFile'];
export type OutcomeLabels = (typeof en)['callLog']['outcome'];

export function exportLabels(language: Language): { columns: ExportLabels; outcome: OutcomeLabels } {
  const dictionary = language === 'zh-CN' ? zhCN : en;
  return { columns: dictionary.callLog.exportFile, outcome: dictionary.callLog.outcome };
}

type Lister = (options: CallLogListOptions) => CallLogEntry[];

/** Every entry of a view, newest first, read page by page through the store's keyset. */
export function* allEntries(list: Lister, view: CallLogView): Generator<CallLogEntry> {
  let before: CallLogListOptions['before'];
  for (;;) {
    const page = list({ ...view, limit: MAX_LIST_LIMIT, before });
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < MAX_LIST_LIMIT) return;
    before = { startedAt: last.startedAt, id: last.id };
  }
}

/** "2026-11-23 14:05:09" in the given IANA time zone. */
export function localTime(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

export function hms(totalSeconds: number): string {
  const t = Math.max(0, Math.trunc(totalSeconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(t / 3600)}:${pad(Math.floor((t % 3600) / 60))}:${pad(t % 60)}`;
}

type Row = (string | number)[];

function table(
  entries: Iterable<CallLogEntry>,
  language: Language,
  timeZone: string,
): { header: string[]; rows: Row[] } {
  const { columns, outcome } = exportLabels(language);
  const header = [
    columns.time,
    columns.direction,
    columns.number,
    columns.name,
    columns.outcome,
    columns.durationSeconds,
    columns.duration,
    columns.answeredAt,
    columns.endedAt,
    columns.endReason,
  ];
  const rows: Row[] = [];
  for (const entry of entries) {
    const outcomeKey = entry.outcome === 'answered' ? 'answered' : (entry.outcome ?? 'unknown');
    rows.push([
      localTime(entry.startedAt, timeZone),
      entry.direction === 'incoming' ? columns.incoming : columns.outgoing,
      entry.remoteNumber,
      entry.remoteName ?? '',
      outcomeKey === 'answered' ? columns.answered : outcome[outcomeKey],
      entry.durationSec,
      hms(entry.durationSec),
      entry.answeredAt === undefined ? '' : localTime(entry.answeredAt, timeZone),
      entry.endedAt === undefined ? '' : localTime(entry.endedAt, timeZone),
      entry.endReason ?? '',
    ]);
  }
  return { header, rows };
}

/**
 * One CSV field. Text a spreadsheet would run as a formula (=, @, or +/- not followed by a
 * digit) gets a leading apostrophe; phone numbers such as +4930… stay as they are.
 */
function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^(?:[=@\t\r]|[+-](?![\d\s(]))/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: Row[]): string {
  // BOM so Excel opens UTF-8 (names in Chinese) correctly; CRLF as RFC 4180 says.
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export async function toXlsx(header: string[], rows: Row[], sheetName: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Switchboard';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  const widths = [20, 10, 18, 20, 12, 10, 10, 20, 20, 16];
  widths.forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  sheet.getColumn(6).numFmt = '0';
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export interface ExportRequest {
  list: Lister;
  view: CallLogView;
  format: ExportFormat;
  language: Language;
  timeZone: string;
  target: ExportTarget;
  now: number;
}

export type ExportResult = { saved: true; path: string; rows: number } | { saved: false };

/** Asks the target where to write, then writes the whole view there atomically. */
export async function exportCallLog(request: ExportRequest): Promise<ExportResult> {
  const stamp = localTime(request.now, request.timeZone).replace(/[-: ]/g, '').slice(0, 12);
  const suggestedName = `switchboard-calls-${stamp}.${request.format}`;
  const path = await request.target.choose({ suggestedName, format: request.format });
  if (path === null) return { saved: false };
  const { header, rows } = table(allEntries(request.list, request.view), request.language, request.timeZone);
  const sheetName = exportLabels(request.language).columns.sheet;
  const data = request.format === 'csv' ? toCsv(header, rows) : await toXlsx(header, rows, sheetName);
  writeFileAtomic(path, data);
  return { saved: true, path, rows: rows.length };
}

/**
 * The browser host's and tests' target: no dialog, files go into `dir` under the suggested
 * name ("-2", "-3"… appended rather than overwriting an earlier export).
 */
export function directoryExportTarget(dir: string): ExportTarget {
  return {
    async choose({ suggestedName }) {
      mkdirSync(dir, { recursive: true });
      const dot = suggestedName.lastIndexOf('.');
      for (let n = 1; ; n += 1) {
        const name = n === 1 ? suggestedName : `${suggestedName.slice(0, dot)}-${n}${suggestedName.slice(dot)}`;
        const path = join(dir, name);
        if (!existsSync(path)) return path;
      }
    },
  };
}
