import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { accountCommandNames, accountUsage, runAccountAdmin } from './accounts/account-commands.ts';
import { chatReportCommandNames, chatReportUsage, runChatReportAdmin } from './chat/chat-report-command.ts';
import { chatSettingsCommandNames, chatSettingsUsage, runChatSettingsAdmin } from './chat/chat-settings-command.ts';
import { adminService, openAdminStores, storeOptions, UsageError, type AdminIo } from './admin-stores.ts';
import { AgentStore } from './agent-store.ts';
import { requestStatus } from './agent-status.ts';
import {
  existingCompany,
  extensionList,
  isListeningHoldPolicy,
  required,
  seconds,
  wrapUpCodesArg,
  yesNo,
} from './admin-args.ts';
import { addCallGroup, CallGroupError, setAgentPolicy, setCallGroupMembers } from './call-groups.ts';
import { systemClock } from './clock.ts';
import { seedDemoData } from './demo-data.ts';
import {
  addPerson,
  createCompany,
  deletePerson,
  importPeopleCsv,
  movePerson,
  type CallPermission,
} from './directory.ts';
import { parseE164 } from './e164.ts';
import { setAvatar } from './directory-feed.ts';
import { ProvisioningError } from './service.ts';

export const adminUsage = `usage: node switchboard/provisioning/admin.ts (--run-dir DIR | --db FILE [--subscriber-db FILE] [--ctl-socket FILE]) COMMAND

  --run-dir DIR           a switchboard run directory (provisioning.sqlite, switchboard.sqlite, kamailio-ctl.sock)
  --db FILE               the provisioning database (created if missing)
  --subscriber-db FILE    Kamailio's subscriber database (needed to revoke devices)
  --ctl-socket FILE       Kamailio's ctl socket (to drop registrations at once)

commands:
  create-company NAME
  list-companies
  import-people COMPANY_ID FILE.csv [--country CC]   columns: name,mobile,extension[,email,department,permission,avatar]
  add-person COMPANY_ID NAME MOBILE EXTENSION [--department A/B] [--email E] [--permission P] [--country CC]
  move-person COMPANY_ID EXTENSION DEPARTMENT       DEPARTMENT is a path "Sales/East" (created if missing); "-": none
  delete-person COMPANY_ID EXTENSION                 signs out their device first; apps drop them at the next sync
  set-avatar COMPANY_ID EXTENSION FILE               a PNG, JPEG, WebP or SVG up to 256 KB (else one is drawn from the name)
  list-devices [--company ID] [--all]
  sign-out-device DEVICE_ID                          force sign-out: the device's SIP account stops working
  set-device-policy COMPANY_ID allowed|not-allowed   desktop app and mobile client signed in at once?
  reset-lockout MOBILE                               lift a number's lockout and its code-call limits
  seed-demo                                          add the demo company "示例科技 Demo Tech" (and hotline 8200)
  add-group --company ID --number N --name NAME --members EXT,EXT… [--ring-timeout SEC]
                                                     a group number: calls ring available members, longest idle first
  set-group-members --company ID --number N --members EXT,EXT…
  list-groups --company ID
  set-agent-policy --company ID [--acw SEC] [--ring-timeout SEC] [--break-reasons "Lunch,Meeting"]
                   [--auto-answer never|user-choice|always]
                   [--wrap-up-codes "inquiry=咨询 Inquiry,other=其他 Other"] [--wrap-up-required yes|no]
                   [--listening-hold on|off|user-choice]
                                                     wrap-up codes picked in after-call work; required before Available?
                                                     listening hold (通话保持): on, agents keep hearing a held caller
  set-status --company ID --extension EXT available|busy|offline
                                                     for a person without the app (a desk phone in a hotline);
                                                     apps see it with their next snapshot
  set-desk-phone --extension EXT SIP_USER|-         the desk phone "my extension's desk phone" rings at the
                                                     station step (a SIP user of the switchboard); - removes it

${chatReportUsage}
${chatSettingsUsage}

${accountUsage}`;

const avatarTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/** Runs one admin command; returns the process exit code. */
export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  // Contact-center accounts have their own file and options (accounts/account-commands.ts).
  if (argv.some((arg) => accountCommandNames.has(arg))) {
    try {
      return await runAccountAdmin(argv, io);
    } catch (error) {
      io.err(`${(error as Error).message}\n${adminUsage}`);
      return 2;
    }
  }
  const chatCommand = argv.some((arg) => chatSettingsCommandNames.has(arg))
    ? runChatSettingsAdmin
    : argv.some((arg) => chatReportCommandNames.has(arg))
      ? runChatReportAdmin
      : null;
  if (chatCommand) {
    try {
      return await chatCommand(argv, io);
    } catch (error) {
      if (!(error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')))
        throw error;
      io.err(`${(error as Error).message}\n${adminUsage}`);
      return 2;
    }
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...storeOptions,
        country: { type: 'string' },
        department: { type: 'string' },
        email: { type: 'string' },
        permission: { type: 'string' },
        company: { type: 'string' },
        number: { type: 'string' },
        name: { type: 'string' },
        members: { type: 'string' },
        extension: { type: 'string' },
        'ring-timeout': { type: 'string' },
        acw: { type: 'string' },
        'break-reasons': { type: 'string' },
        'auto-answer': { type: 'string' },
        'wrap-up-codes': { type: 'string' },
        'wrap-up-required': { type: 'string' },
        'listening-hold': { type: 'string' },
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
  const stores = command && !values.help ? openAdminStores(values) : null;
  if (!stores) {
    io.err(adminUsage);
    return values.help ? 0 : 2;
  }
  const { db } = stores;
  const service = adminService(stores);
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
      case 'add-person': {
        need(4);
        const companyId = existingCompany(db, args[0]!);
        const mobile = parseE164(args[2]!, values.country);
        if (!mobile) throw new UsageError(`"${args[2]}" is not a valid international number`);
        if (!/^\d{2,8}$/.test(args[3]!)) throw new UsageError('the extension is 2–8 digits');
        const permission = values.permission ?? 'internal';
        if (!['internal', 'national', 'international'].includes(permission)) {
          throw new UsageError('--permission is internal, national or international');
        }
        const id = addPerson(db, companyId, {
          name: args[1]!,
          mobile,
          extension: args[3]!,
          email: values.email ?? null,
          department: values.department ?? null,
          callPermission: permission as CallPermission,
        });
        io.out(String(id));
        return 0;
      }
      case 'move-person': {
        need(3);
        const companyId = existingCompany(db, args[0]!);
        if (movePerson(db, companyId, args[1]!, args[2] === '-' ? null : args[2]!)) {
          io.out(`moved ${args[1]}`);
          return 0;
        }
        io.err(`no person with extension ${args[1]} in company ${args[0]}`);
        return 1;
      }
      case 'delete-person': {
        need(2);
        const companyId = existingCompany(db, args[0]!);
        const active = service.listDevices({ companyId }).filter((d) => d.extension === args[1]);
        if (active.length > 0 && !stores.hasSipAccounts) {
          throw new UsageError('this person is signed in: delete-person needs --run-dir or --subscriber-db');
        }
        // Deleting the row would drop the device but leave its SIP account working.
        for (const device of active) await service.forceSignOut(device.id);
        if (deletePerson(db, companyId, args[1]!)) {
          io.out(`deleted ${args[1]}`);
          return 0;
        }
        io.err(`no person with extension ${args[1]} in company ${args[0]}`);
        return 1;
      }
      case 'set-avatar': {
        need(3);
        const companyId = existingCompany(db, args[0]!);
        const personId = db
          .prepare(`SELECT id FROM people WHERE company_id = ? AND extension = ?`)
          .pluck()
          .get(companyId, args[1]!) as number | undefined;
        if (personId === undefined) throw new UsageError(`no person with extension ${args[1]} in company ${args[0]}`);
        const type = avatarTypes[extname(args[2]!).toLowerCase()];
        if (!type) throw new UsageError('the avatar must be a .png, .jpg, .webp or .svg file');
        const bytes = await readFile(args[2]!);
        if (bytes.length === 0 || bytes.length > 262_144) throw new UsageError('the avatar must be 1 byte to 256 KB');
        setAvatar(db, personId, type, bytes);
        io.out(`avatar set for ${args[1]}`);
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
        if (!stores.hasSipAccounts) throw new UsageError('sign-out-device needs --run-dir or --subscriber-db');
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
      case 'add-group': {
        need(0);
        const companyId = existingCompany(db, required(values.company, '--company'));
        const ringTimeout = values['ring-timeout'];
        addCallGroup(db, companyId, {
          number: required(values.number, '--number'),
          name: required(values.name, '--name'),
          members: extensionList(required(values.members, '--members')),
          ...(ringTimeout !== undefined ? { ringTimeoutSec: seconds(ringTimeout, '--ring-timeout') } : {}),
        });
        io.out(`group ${values.number} added`);
        return 0;
      }
      case 'set-group-members': {
        need(0);
        const companyId = existingCompany(db, required(values.company, '--company'));
        const number = required(values.number, '--number');
        if (!setCallGroupMembers(db, companyId, number, extensionList(required(values.members, '--members')))) {
          io.err(`no group ${number} in company ${values.company}`);
          return 1;
        }
        io.out(`group ${number}: ${values.members}`);
        return 0;
      }
      case 'list-groups': {
        need(0);
        const companyId = existingCompany(db, required(values.company, '--company'));
        const rows = db
          .prepare(
            `SELECT g.number, g.name, ifnull(g.ring_timeout_sec, c.ring_timeout_sec) AS ringTimeoutSec,
                    (SELECT group_concat(extension, ',') FROM (SELECT p.extension FROM call_group_members m
                       JOIN people p ON p.id = m.person_id WHERE m.group_id = g.id ORDER BY p.extension)) AS members
             FROM call_groups g JOIN companies c ON c.id = g.company_id WHERE g.company_id = ? ORDER BY g.number`,
          )
          .all(companyId) as { number: string; name: string; ringTimeoutSec: number; members: string | null }[];
        for (const row of rows) io.out(`${row.number}\t${row.name}\t${row.ringTimeoutSec} s\t${row.members ?? ''}`);
        return 0;
      }
      case 'set-agent-policy': {
        need(0);
        const companyId = existingCompany(db, required(values.company, '--company'));
        const autoAnswer = values['auto-answer'];
        if (
          autoAnswer !== undefined &&
          autoAnswer !== 'never' &&
          autoAnswer !== 'user-choice' &&
          autoAnswer !== 'always'
        ) {
          throw new UsageError('--auto-answer is never, user-choice or always');
        }
        const listeningHold = values['listening-hold'];
        if (listeningHold !== undefined && !isListeningHoldPolicy(listeningHold)) {
          throw new UsageError('--listening-hold is on, off or user-choice');
        }
        const reasons = values['break-reasons'];
        setAgentPolicy(db, companyId, {
          ...(values.acw !== undefined ? { afterCallWorkSec: seconds(values.acw, '--acw') } : {}),
          ...(values['ring-timeout'] !== undefined
            ? { ringTimeoutSec: seconds(values['ring-timeout'], '--ring-timeout') }
            : {}),
          ...(reasons !== undefined ? { breakReasons: reasons.split(',').map((r) => r.trim()) } : {}),
          ...(autoAnswer !== undefined ? { autoAnswer } : {}),
          ...(values['wrap-up-codes'] !== undefined ? { wrapUpCodes: wrapUpCodesArg(values['wrap-up-codes']) } : {}),
          ...(values['wrap-up-required'] !== undefined
            ? { wrapUpRequired: yesNo(values['wrap-up-required'], '--wrap-up-required') }
            : {}),
          ...(listeningHold !== undefined ? { listeningHold } : {}),
        });
        io.out(`company ${companyId}: agent policy set`);
        return 0;
      }
      case 'set-status': {
        need(1);
        const companyId = existingCompany(db, required(values.company, '--company'));
        const extension = required(values.extension, '--extension');
        const wanted = args[0];
        if (wanted !== 'available' && wanted !== 'busy' && wanted !== 'offline')
          throw new UsageError('the status is available, busy or offline');
        const personId = db
          .prepare(`SELECT id FROM people WHERE company_id = ? AND extension = ?`)
          .pluck()
          .get(companyId, extension) as number | undefined;
        if (personId === undefined) throw new CallGroupError(`no person with extension ${extension} in this company`);
        const store = new AgentStore(db);
        const person = store.person(personId)!;
        const now = systemClock.now();
        // The administrator's word is final: a required wrap-up code is the agent's to pick, not a lock on them.
        const policy = { ...store.policy(companyId), wrapUpRequired: false };
        store.saveState(personId, requestStatus(person.state, { status: wanted }, policy, now));
        io.out(`${extension}: ${wanted}`);
        return 0;
      }
      case 'set-desk-phone': {
        need(1);
        const extension = required(values.extension, '--extension');
        const sipUser = args[0] === '-' ? null : args[0]!;
        if (sipUser !== null && !/^[A-Za-z0-9._-]{1,64}$/.test(sipUser))
          throw new UsageError('the desk phone is a SIP user name (letters, digits, . _ -)');
        if (!new AgentStore(db).setDeskPhone(extension, sipUser))
          throw new CallGroupError(`no person with extension ${extension}`);
        io.out(sipUser === null ? `${extension}: no desk phone` : `${extension}: desk phone ${sipUser}`);
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
    if (error instanceof ProvisioningError || error instanceof CallGroupError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    db.close();
  }
}
