/**
 * Writes a history list (as the user sees it: filters and search applied) to CSV or to an Excel
 * workbook (exceljs). Column headers and words are in the UI's language, times in the user's
 * time zone, durations both in seconds and as h:mm:ss. Plain Node: where the file goes is an
 * ExportTarget decided by the caller (a save dialog in Electron, a directory elsewhere).
 */
import { localTime } from '../../../lib/local-time.ts';
import { once } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { CallLogEntry, CallLogView, ExportFormat, Language } from '../../../src/shared/domain.ts';
import en from '../../../src/shared/locales/en.json' with { type: 'json' };
import { wordsFor } from '../../../src/shared/locales/dictionaries.ts';
import { writeFileAtomicStreaming } from '../fs/atomic-write.ts';
import { MAX_LIST_LIMIT, type CallLogListOptions } from './call-log-store.ts';

/** Where an export goes. Returns the chosen path, or null when the user cancelled. */
export interface ExportTarget {
  choose(request: { suggestedName: string; format: ExportFormat }): Promise<string | null>;
}

export type ExportLabels = (typeof en)['callLog']['exportFile'];
export type OutcomeLabels = (typeof en)['callLog']['outcome'];

export function exportLabels(language: Language): { columns: ExportLabels; outcome: OutcomeLabels } {
  const dictionary = wordsFor(language);
  return { columns: dictionary.callLog.exportFile, outcome: dictionary.callLog.outcome };
}

type Lister = (options: CallLogListOptions) => CallLogEntry[] | Promise<CallLogEntry[]>;

/**
 * Every entry of a view, newest first, a page at a time through the store's keyset. Between pages
 * the event loop gets a turn: an export of a million calls must not hold up a ringing call.
 */
export async function* entryPages(list: Lister, view: CallLogView): AsyncGenerator<CallLogEntry[]> {
  let before: CallLogListOptions['before'];
  for (;;) {
    const page = await list({ ...view, limit: MAX_LIST_LIMIT, before });
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < MAX_LIST_LIMIT) return;
    before = { startedAt: last.startedAt, id: last.id };
    await yieldToLoop();
  }
}

export function hms(totalSeconds: number): string {
  const t = Math.max(0, Math.trunc(totalSeconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(t / 3600)}:${pad(Math.floor((t % 3600) / 60))}:${pad(t % 60)}`;
}

type Row = (string | number)[];
type Columns = { header: string[]; row: (entry: CallLogEntry) => Row };

function columnsFor(language: Language, timeZone: string): Columns {
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
    columns.wrapUp,
    columns.wrapUpCode,
    columns.wrapUpNote,
  ];
  const row = (entry: CallLogEntry): Row => {
    const outcomeKey = entry.outcome === 'answered' ? 'answered' : (entry.outcome ?? 'unknown');
    return [
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
      entry.wrapUp?.label ?? (entry.wrapUp?.missing ? columns.wrapUpMissing : ''),
      entry.wrapUp?.code ?? '',
      entry.wrapUp?.note ?? '',
    ];
  };
  return { header, row };
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

const csvLine = (row: Row) => `${row.map(csvField).join(',')}\r\n`;

/** Writes `chunk`, waiting while the file lags behind (a page at a time, memory stays flat). */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

async function writeCsv(out: Writable, columns: Columns, pages: AsyncIterable<CallLogEntry[]>): Promise<number> {
  // BOM so Excel opens UTF-8 (names in Chinese) correctly; CRLF as RFC 4180 says.
  await write(out, `\uFEFF${csvLine(columns.header)}`);
  let rows = 0;
  for await (const page of pages) {
    await write(out, page.map((entry) => csvLine(columns.row(entry))).join(''));
    rows += page.length;
  }
  return rows;
}

/** exceljs's streaming writer: rows are committed to the zip as they come, never all in memory. */
async function writeXlsx(
  out: Writable,
  columns: Columns,
  pages: AsyncIterable<CallLogEntry[]>,
  sheetName: string,
): Promise<number> {
  // Loaded at the first .xlsx export, not at start: exceljs alone is ~300 ms of module loading (issue 23).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Switchboard';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [20, 10, 18, 20, 12, 10, 10, 20, 20, 16, 18, 14, 40];
  sheet.columns = widths.map((width, index) => ({ width, ...(index === 5 ? { style: { numFmt: '0' } } : {}) }));
  const header = sheet.addRow(columns.header);
  header.font = { bold: true };
  header.commit();
  let rows = 0;
  for await (const page of pages) {
    for (const entry of page) sheet.addRow(columns.row(entry)).commit();
    rows += page.length;
  }
  sheet.commit();
  await workbook.commit();
  return rows;
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

/**
 * Asks the target where to write, then writes the whole view there atomically, streamed a page at
 * a time so neither the file nor the work of making it is ever held at once.
 */
export async function exportCallLog(request: ExportRequest): Promise<ExportResult> {
  const stamp = localTime(request.now, request.timeZone).replace(/[-: ]/g, '').slice(0, 12);
  const suggestedName = `switchboard-calls-${stamp}.${request.format}`;
  const path = await request.target.choose({ suggestedName, format: request.format });
  if (path === null) return { saved: false };
  const columns = columnsFor(request.language, request.timeZone);
  const pages = entryPages(request.list, request.view);
  const sheetName = exportLabels(request.language).columns.sheet;
  let rows = 0;
  await writeFileAtomicStreaming(path, async (out) => {
    rows =
      request.format === 'csv' ? await writeCsv(out, columns, pages) : await writeXlsx(out, columns, pages, sheetName);
  });
  return { saved: true, path, rows };
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
