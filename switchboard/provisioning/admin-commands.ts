import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemClock } from './clock.ts';
import { openProvisioningDb } from './db.ts';
import { seedDemoData } from './demo-data.ts';
import { createCompany, importPeopleCsv } from './directory.ts';
import { provisioningPaths } from './paths.ts';
import { ProvisioningError, ProvisioningService } from './service.ts';
import { KamailioSipAccounts, type SipAccountDirectory } from './sip-accounts.ts';

export const adminUsage = `usage: node switchboard/provisioning/admin.ts (--run-dir DIR | --db FILE [--subscriber-db FILE] [--ctl-socket FILE]) COMMAND

  --run-dir DIR           a switchboard run directory (provisioning.sqlite, switchboard.sqlite, kamailio-ctl.sock)
  --db FILE               the provisioning database (created if missing)
  --subscriber-db FILE    Kamailio's subscriber database (needed to revoke devices)
  --ctl-socket FILE       Kamailio's ctl socket (to drop registrations at once)

commands:
  create-company NAME
  list-companies
  import-people COMPANY_ID FILE.csv [--country CC]   columns: name,mobile,extension[,email,department,permission,avatar]
  list-devices [--company ID] [--all]
  sign-out-device DEVICE_ID                          force sign-out: the device's SIP account stops working
  set-device-policy COMPANY_ID allowed|not-allowed   desktop app and mobile client signed in at once?
  reset-lockout MOBILE                               lift a number's lockout and its code-call limits
  seed-demo                                          add the demo company "示例科技 Demo Tech"`;

export type AdminIo = { out: (line: string) => void; err: (line: string) => void };

class UsageError extends Error {}

const noAccounts: SipAccountDirectory = {
  put() {
    throw new UsageError('this command needs --run-dir or --subscriber-db');
  },
  remove() {
    throw new UsageError('this command needs --run-dir or --subscriber-db');
  },
  async unregister() {},
};

/** Runs one admin command; returns the process exit code. */
export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'run-dir': { type: 'string' },
        db: { type: 'string' },
        'subscriber-db': { type: 'string' },
        'ctl-socket': { type: 'string' },
        domain: { type: 'string', default: '127.0.0.1' },
        country: { type: 'string' },
        company: { type: 'string' },
        all: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${adminUsage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  const fromRunDir = values['run-dir'] !== undefined ? provisioningPaths(values['run-dir']) : undefined;
  const dbPath = values.db ?? fromRunDir?.db;
  if (values.help || !command || !dbPath) {
    io.err(adminUsage);
    return values.help ? 0 : 2;
  }
  const subscriberDb = values['subscriber-db'] ?? fromRunDir?.subscriberDb;
  const ctlSocket = values['ctl-socket'] ?? fromRunDir?.ctlSocket;

  const db = openProvisioningDb(dbPath);
  const accounts = subscriberDb
    ? new KamailioSipAccounts({
        subscriberDbPath: subscriberDb,
        domain: values.domain,
        ...(ctlSocket !== undefined ? { ctlSocket } : {}),
      })
    : noAccounts;
  const service = new ProvisioningService({
    db,
    clock: systemClock,
    caller: {
      call: () => Promise.reject(new Error('the admin CLI places no calls')),
    },
    accounts,
    sip: { domain: values.domain, wsUrl: '' },
    codePepper: randomBytes(32),
  });
  const need = (count: number) => {
    if (args.length !== count) throw new UsageError(`${command} takes ${count} argument(s)`);
  };
  try {
    switch (command) {
      case 'create-company': {
        need(1);
        io.out(String(createCompany(db, args[0]!)));
        return 0;
      }
      case 'list-companies': {
        need(0);
        const rows = db
          .prepare(
            `SELECT c.id, c.name, count(p.id) AS people FROM companies c LEFT JOIN people p ON p.company_id = c.id
             GROUP BY c.id ORDER BY c.id`,
          )
          .all() as { id: number; name: string; people: number }[];
        for (const row of rows) io.out(`${row.id}\t${row.name}\t${row.people} people`);
        return 0;
      }
      case 'import-people': {
        need(2);
        const companyId = Number(args[0]);
        if (!db.prepare('SELECT 1 FROM companies WHERE id = ?').get(companyId)) {
          throw new UsageError(`no company ${args[0]}`);
        }
        const report = importPeopleCsv(db, companyId, await readFile(args[1]!, 'utf8'), values.country);
        for (const error of report.errors) io.err(`line ${error.line}: ${error.message}`);
        if (report.errors.length > 0) {
          io.err('nothing imported');
          return 1;
        }
        io.out(`imported ${report.imported} people`);
        return 0;
      }
      case 'list-devices': {
        need(0);
        const devices = service.listDevices({
          ...(values.company !== undefined ? { companyId: Number(values.company) } : {}),
          includeRevoked: values.all,
        });
        for (const d of devices) {
          const state = d.revokedAt === null ? 'active' : `revoked (${d.revokedReason ?? ''})`;
          io.out(
            [
              d.id,
              d.extension,
              d.personName,
              d.name ?? '-',
              d.app,
              d.clientAddress,
              new Date(d.createdAt).toISOString(),
              state,
            ].join('\t'),
          );
        }
        return 0;
      }
      case 'sign-out-device': {
        need(1);
        if (accounts === noAccounts) throw new UsageError('sign-out-device needs --run-dir or --subscriber-db');
        if (await service.forceSignOut(args[0]!)) {
          io.out(`signed out ${args[0]}`);
          return 0;
        }
        io.err(`no active device ${args[0]}`);
        return 1;
      }
      case 'set-device-policy': {
        need(2);
        const policy = args[1];
        if (policy !== 'allowed' && policy !== 'not-allowed')
          throw new UsageError('the policy is allowed or not-allowed');
        if (!service.setDesktopWithMobile(Number(args[0]), policy)) throw new UsageError(`no company ${args[0]}`);
        io.out(`company ${args[0]}: desktop and mobile at once ${policy}`);
        return 0;
      }
      case 'reset-lockout': {
        need(1);
        service.resetLockout(args[0]!);
        io.out(`reset ${args[0]}`);
        return 0;
      }
      case 'seed-demo': {
        need(0);
        io.out(String(seedDemoData(db)));
        return 0;
      }
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n${adminUsage}`);
      return 2;
    }
    if (error instanceof ProvisioningError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    db.close();
  }
}
