/**
 * `admin.ts chat-report`: the session report (832 会话清单) of a company exported to XLSX or CSV.
 * Its own file (as accounts/account-commands.ts) so admin-commands.ts stays a list of the others.
 */
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { openAdminStores, storeOptions, UsageError, type AdminIo } from '../admin-stores.ts';
import { chatReportRows, type ChatReportQuery } from './chat-report.ts';
import { writeChatReport, type ReportLanguage } from './chat-report-file.ts';

export const chatReportUsage = `  chat-report --company ID --from DATE --to DATE --out FILE.xlsx|FILE.csv [--customer ID]
              [--lang zh-CN|en] [--time-zone ZONE]
                                                     the session report (会话清单) of ended chats whose customer
                                                     came from DATE to DATE (both days included; YYYY-MM-DD in
                                                     ZONE, default this computer's; or an ISO time with offset)`;

export const chatReportCommandNames = new Set(['chat-report']);

/** The zone's offset from UTC at `epochMs`, in ms (Asia/Shanghai: +8 h). */
function zoneOffset(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(epochMs);
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** Midnight starting `date` (YYYY-MM-DD) in the zone, plus `days`; or an ISO time with its own offset. */
export function reportInstant(text: string, timeZone: string, days = 0): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const wall = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + days);
    if (Number.isNaN(wall)) throw new UsageError(`"${text}" is not a date`);
    // Twice: the first guess may sit on the other side of a daylight-saving change.
    const guess = wall - zoneOffset(wall, timeZone);
    return wall - zoneOffset(guess, timeZone);
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text))) {
    return Date.parse(text);
  }
  throw new UsageError(`"${text}" is neither YYYY-MM-DD nor an ISO time with an offset`);
}

export async function runChatReportAdmin(argv: string[], io: AdminIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...storeOptions,
      company: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      customer: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string', default: 'zh-CN' },
      'time-zone': { type: 'string', default: Intl.DateTimeFormat().resolvedOptions().timeZone },
    },
  });
  if (positionals.length !== 1) throw new UsageError('chat-report takes no arguments, only options');
  const need = (value: string | undefined, option: string) => {
    if (value === undefined || value.trim() === '') throw new UsageError(`chat-report needs ${option}`);
    return value;
  };
  const companyId = Number(need(values.company, '--company'));
  const out = need(values.out, '--out');
  const format = extname(out).toLowerCase().slice(1);
  if (format !== 'xlsx' && format !== 'csv') throw new UsageError('--out is a .xlsx or a .csv file');
  const language = values.lang;
  if (language !== 'zh-CN' && language !== 'en') throw new UsageError('--lang is zh-CN or en');
  const timeZone = values['time-zone'];
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new UsageError(`"${timeZone}" is not a time zone (for example Asia/Shanghai)`);
  }
  const fromText = need(values.from, '--from');
  const toText = need(values.to, '--to');
  // A date "to" includes that whole day; an ISO time is the end itself.
  const query: ChatReportQuery = {
    companyId,
    from: reportInstant(fromText, timeZone),
    to: reportInstant(toText, timeZone, /^\d{4}-\d{2}-\d{2}$/.test(toText) ? 1 : 0),
    ...(values.customer !== undefined ? { customerId: values.customer } : {}),
  };
  if (query.to <= query.from) throw new UsageError('--to is before --from');
  const stores = openAdminStores(values);
  if (!stores) throw new UsageError('chat-report needs --run-dir or --db');
  try {
    if (!stores.db.prepare('SELECT 1 FROM companies WHERE id = ?').get(companyId)) {
      io.err(`no company ${values.company}`);
      return 1;
    }
    const rows = await writeChatReport(
      out,
      format,
      language as ReportLanguage,
      timeZone,
      chatReportRows(stores.db, query),
    );
    io.out(`${rows} chats written to ${out}`);
    return 0;
  } finally {
    stores.db.close();
  }
}
