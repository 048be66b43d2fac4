/**
 * Writes the session report (chat-report.ts) to an Excel workbook (exceljs's streaming writer, as
 * the app's call-history export does) or to CSV (UTF-8 with a BOM so Excel reads the Chinese).
 * Column headers in the service's languages (zh-CN, as 832's 会话清单, or en); times in the given
 * time zone as "2026-01-05 17:00:15"; waits and lengths as whole seconds (numbers in the sheet).
 */
import { localTime } from '../../../lib/local-time.ts';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { csvLine } from '../csv.ts';
import type { ChatReportRow } from './chat-report.ts';

export type ReportLanguage = 'zh-CN' | 'en';

const headers: Record<ReportLanguage, { sheet: string; columns: string[] }> = {
  'zh-CN': {
    sheet: '在线会话清单',
    columns: [
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
    ],
  },
  en: {
    sheet: 'Chat sessions',
    columns: [
      'Customer ID',
      'Customer nickname',
      'Agent name',
      'Agent ID',
      'Customer entered',
      'Agent joined',
      'Chat ended',
      'Customer wait (s)',
      'Conversation length (s)',
      'Handling time (s)',
      'Agent messages',
    ],
  },
};

export function reportHeader(language: ReportLanguage): string[] {
  return headers[language].columns;
}

export function reportCells(row: ChatReportRow, timeZone: string): (string | number)[] {
  return [
    row.customerId,
    row.customerNickname ?? '',
    row.agentName ?? '',
    row.agentId ?? '',
    localTime(row.enteredAt, timeZone),
    row.agentJoinedAt === null ? '' : localTime(row.agentJoinedAt, timeZone),
    localTime(row.endedAt, timeZone),
    row.waitSec,
    row.lengthSec,
    row.handlingSec,
    row.agentMessages,
  ];
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

async function writeCsv(out: Writable, header: string[], pages: Iterable<ChatReportRow[]>, timeZone: string) {
  await write(out, `\uFEFF${csvLine(header)}`);
  let rows = 0;
  for (const page of pages) {
    await write(out, page.map((row) => csvLine(reportCells(row, timeZone))).join(''));
    rows += page.length;
  }
  out.end();
  return rows;
}

async function writeXlsx(
  out: Writable,
  language: ReportLanguage,
  pages: Iterable<ChatReportRow[]>,
  timeZone: string,
): Promise<number> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Switchboard';
  const sheet = workbook.addWorksheet(headers[language].sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [22, 16, 16, 10, 20, 20, 20, 12, 12, 12, 10].map((width, index) => ({
    width,
    ...(index >= 7 ? { style: { numFmt: '0' } } : {}),
  }));
  const header = sheet.addRow(headers[language].columns);
  header.font = { bold: true };
  header.commit();
  let rows = 0;
  for (const page of pages) {
    for (const row of page) sheet.addRow(reportCells(row, timeZone)).commit();
    rows += page.length;
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}

export type ReportFormat = 'xlsx' | 'csv';

/**
 * Writes the rows to `path` (a temporary file renamed into place, so a failed export leaves no
 * half file where the old one was). Returns the number of rows.
 */
export async function writeChatReport(
  path: string,
  format: ReportFormat,
  language: ReportLanguage,
  timeZone: string,
  pages: Iterable<ChatReportRow[]>,
): Promise<number> {
  localTime(0, timeZone); // an unknown zone fails here, before a file is made
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  try {
    const rows =
      format === 'csv'
        ? await writeCsv(out, headers[language].columns, pages, timeZone)
        : await writeXlsx(out, language, pages, timeZone);
    await finished(out);
    await rename(partial, path);
    return rows;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
