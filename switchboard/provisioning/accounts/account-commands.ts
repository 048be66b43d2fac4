import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { adminService, openAdminStores, storeOptions, UsageError, type AdminIo } from '../admin-stores.ts';
import { ProvisioningError } from '../service.ts';
import { mailLanguages, roles, type MailLanguage, type Role } from './account-store.ts';
import { SmtpMailer } from './mailer.ts';

export const accountUsage = `account commands (mails go to the company's mail server, else --smtp HOST:PORT, else the run's catcher):
  add-account COMPANY_ID EXTENSION EMAIL --role agent|supervisor|both [--teams "A,B"] [--language zh-CN|en|sv|fr]
                                                     a random first password is mailed; the first sign-in changes it
  import-accounts COMPANY_ID FILE.csv                columns: extension,email,role[,teams "A;B"[,language]]
  list-accounts [--company ID]
  reset-password COMPANY_ID EMAIL                    a new random password is mailed; its devices are signed out
  kick-account COMPANY_ID EMAIL                      sign out every device of the account (a stuck login)
  unlock-account EMAIL                               lift the e-mail's lockout and forget its wrong tries
  set-account-cap COMPANY_ID N|none                  at most N accounts in the company
  set-mail-server COMPANY_ID HOST[:PORT]|- [--from ADDRESS]`;

export const accountCommandNames = new Set([
  'add-account',
  'import-accounts',
  'list-accounts',
  'reset-password',
  'kick-account',
  'unlock-account',
  'set-account-cap',
  'set-mail-server',
]);

/** The switchboard's default SMTP server for companies without one: --smtp, else the run's catcher. */
function defaultSmtp(option: string | undefined, catcherFile: string | undefined): { host: string; port: number } {
  if (option !== undefined) {
    const match = /^([^:\s]+):(\d{1,5})$/.exec(option);
    if (!match) throw new UsageError('--smtp is HOST:PORT');
    return { host: match[1]!, port: Number(match[2]) };
  }
  if (catcherFile && existsSync(catcherFile)) {
    return JSON.parse(readFileSync(catcherFile, 'utf8')) as { host: string; port: number };
  }
  // Refused at send time unless the company has its own server: nothing listens on port 1.
  return { host: '127.0.0.1', port: 1 };
}

/** The account commands of the admin CLI (admin-commands.ts hands them here). */
export async function runAccountAdmin(argv: string[], io: AdminIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...storeOptions,
      smtp: { type: 'string' },
      company: { type: 'string' },
      role: { type: 'string' },
      teams: { type: 'string' },
      language: { type: 'string' },
      from: { type: 'string' },
    },
  });
  const [command, ...args] = positionals;
  const stores = command ? openAdminStores(values) : null;
  if (!stores) {
    io.err(accountUsage);
    return 2;
  }
  const { db } = stores;
  let mailer: SmtpMailer | null = null;
  try {
    mailer = new SmtpMailer({ db, defaultServer: defaultSmtp(values.smtp, stores.paths?.mailCatcher) });
    const service = adminService(stores, { accountOptions: { mailer } });
    const { admin } = service.accounts;
    const need = (count: number) => {
      if (args.length !== count) throw new UsageError(`${command} takes ${count} argument(s)`);
    };
    const company = () => Number(args[0]);
    switch (command) {
      case 'add-account': {
        need(3);
        const role = values.role;
        if (!(roles as readonly (string | undefined)[]).includes(role)) {
          throw new UsageError('--role is agent, supervisor or both');
        }
        const language = values.language ?? 'zh-CN';
        if (!(mailLanguages as readonly string[]).includes(language))
          throw new UsageError(`--language is one of ${mailLanguages.join(', ')}`);
        const teams = (values.teams ?? '')
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== '');
        const { email } = await admin.create({
          companyId: company(),
          extension: args[1]!,
          email: args[2]!,
          role: role as Role,
          teams,
          language: language as MailLanguage,
        });
        io.out(`account ${email} created; its first password was mailed`);
        return 0;
      }
      case 'import-accounts': {
        need(2);
        const report = await admin.importCsv(company(), await readFile(args[1]!, 'utf8'));
        for (const error of report.errors) io.err(`line ${error.line}: ${error.message}`);
        io.out(`created ${report.created.length} accounts`);
        return report.errors.length > 0 ? 1 : 0;
      }
      case 'list-accounts': {
        need(0);
        for (const a of admin.list(values.company !== undefined ? Number(values.company) : undefined)) {
          const state = a.mustChange ? 'must change password' : 'password set';
          io.out(
            [
              a.companyId,
              a.email,
              a.extension,
              a.name,
              a.role,
              a.teams.join(',') || '-',
              state,
              `${a.failedSignIns} failed`,
              `${a.activeDevices} signed in`,
            ].join('\t'),
          );
        }
        return 0;
      }
      case 'reset-password': {
        need(2);
        const { signedOutDeviceIds } = await admin.resetPassword(company(), args[1]!);
        io.out(`new password mailed to ${args[1]}; ${signedOutDeviceIds.length} device(s) signed out`);
        return 0;
      }
      case 'kick-account': {
        need(2);
        const { signedOutDeviceIds } = await admin.kick(company(), args[1]!);
        io.out(`${signedOutDeviceIds.length} device(s) of ${args[1]} signed out`);
        return 0;
      }
      case 'unlock-account': {
        need(1);
        admin.unlock(args[0]!);
        io.out(`unlocked ${args[0]}`);
        return 0;
      }
      case 'set-account-cap': {
        need(2);
        const cap = args[1] === 'none' ? null : /^\d{1,6}$/.test(args[1]!) ? Number(args[1]) : NaN;
        if (Number.isNaN(cap)) throw new UsageError('the cap is a whole number or "none"');
        admin.setCap(company(), cap);
        io.out(`company ${args[0]}: ${cap === null ? 'no account cap' : `at most ${cap} accounts`}`);
        return 0;
      }
      case 'set-mail-server': {
        need(2);
        const match = args[1] === '-' ? null : /^([^:\s]+)(?::(\d{1,5}))?$/.exec(args[1]!);
        if (args[1] !== '-' && !match) throw new UsageError('the mail server is HOST[:PORT], or - for the default');
        const changed = db
          .prepare(`UPDATE companies SET smtp_host = ?, smtp_port = ?, mail_from = ? WHERE id = ?`)
          .run(match?.[1] ?? null, match?.[2] ? Number(match[2]) : null, values.from ?? null, company()).changes;
        if (changed === 0) throw new ProvisioningError('not-found', `No company ${args[0]}`);
        io.out(`company ${args[0]}: mail server ${match ? args[1] : 'the switchboard default'}`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n${accountUsage}`);
      return 2;
    }
    if (error instanceof ProvisioningError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    mailer?.close();
    db.close();
  }
}
