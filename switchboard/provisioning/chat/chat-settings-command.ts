/**
 * `admin.ts set-chat-settings`: a company's online service settings (chat-settings.ts), for now the
 * ones an administrator must choose: the customer-context endpoint and the queue limit past which a
 * visitor is asked to leave a message. Its own file (as chat-report-command.ts).
 */
import { parseArgs } from 'node:util';
import { openAdminStores, storeOptions, UsageError, type AdminIo } from '../admin-stores.ts';
import {
  chatSettings,
  contextSetting,
  contextUrlProblem,
  setChatSettings,
  setContextSetting,
} from './chat-settings.ts';

export const chatSettingsUsage = `  set-chat-settings --company ID [--context-url URL|demo|-] [--queue-limit N]
                                                     online service: where the agents' customer context
                                                     (orders) comes from (demo: this service's sample data;
                                                     -: none); visitors waiting per chat group before new
                                                     ones are asked to leave a message (0 … 10000)`;

export const chatSettingsCommandNames = new Set(['set-chat-settings']);

export async function runChatSettingsAdmin(argv: string[], io: AdminIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...storeOptions,
      company: { type: 'string' },
      'context-url': { type: 'string' },
      'queue-limit': { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('set-chat-settings takes no arguments, only options');
  if (values.company === undefined || !/^\d+$/.test(values.company)) {
    throw new UsageError('set-chat-settings needs --company ID');
  }
  const companyId = Number(values.company);
  const contextUrl = values['context-url'];
  if (contextUrl !== undefined && contextUrl !== '-') {
    const problem = contextUrlProblem(contextUrl);
    if (problem) throw new UsageError(problem);
  }
  const limitText = values['queue-limit'];
  if (limitText !== undefined && (!/^\d+$/.test(limitText) || Number(limitText) > 10_000)) {
    throw new UsageError('--queue-limit is a number from 0 to 10000');
  }
  const stores = openAdminStores(values);
  if (!stores) throw new UsageError('set-chat-settings needs --run-dir or --db');
  try {
    const { db } = stores;
    if (!db.prepare('SELECT 1 FROM companies WHERE id = ?').get(companyId)) {
      io.err(`no company ${values.company}`);
      return 1;
    }
    db.transaction(() => {
      if (contextUrl !== undefined) setContextSetting(db, companyId, contextUrl === '-' ? null : contextUrl);
      if (limitText !== undefined) setChatSettings(db, companyId, { queueLimit: Number(limitText) });
    })();
    io.out(`company ${companyId}: customer context ${contextSetting(db, companyId) ?? 'none'}`);
    io.out(`company ${companyId}: queue limit ${chatSettings(db, companyId).queueLimit}`);
    return 0;
  } finally {
    stores.db.close();
  }
}
