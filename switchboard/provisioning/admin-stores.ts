import { randomBytes } from 'node:crypto';
import { systemClock } from './clock.ts';
import { openProvisioningDb, type ProvisioningDb } from './db.ts';
import { provisioningPaths } from './paths.ts';
import { ProvisioningService, type ProvisioningServiceOptions } from './service.ts';
import { KamailioSipAccounts, type SipAccountDirectory } from './sip-accounts.ts';

/**
 * What every admin command opens, whichever file holds the command (admin-commands.ts,
 * accounts/account-commands.ts): the provisioning store, and Kamailio's SIP accounts when the
 * command line says where they are. One usage error, one set of store options.
 */

/** Where a command writes its results and its complaints (the CLI: stdout and stderr). */
export type AdminIo = { out: (line: string) => void; err: (line: string) => void };

/** The command line was wrong: the CLI prints the message and its usage, exit code 2. */
export class UsageError extends Error {}

/** parseArgs options naming the stores (shared by every admin command). */
export const storeOptions = {
  'run-dir': { type: 'string' },
  db: { type: 'string' },
  'subscriber-db': { type: 'string' },
  'ctl-socket': { type: 'string' },
  domain: { type: 'string', default: '127.0.0.1' },
} as const;

export type StoreValues = {
  'run-dir'?: string | undefined;
  db?: string | undefined;
  'subscriber-db'?: string | undefined;
  'ctl-socket'?: string | undefined;
  domain: string;
};

export type AdminStores = {
  db: ProvisioningDb;
  domain: string;
  /** The run directory's files, when the command named one. */
  paths: ReturnType<typeof provisioningPaths> | undefined;
  accounts: SipAccountDirectory;
  /** Whether SIP accounts can be changed (revoking a device needs Kamailio's subscriber table). */
  hasSipAccounts: boolean;
};

const needsSubscriberDb = (): never => {
  throw new UsageError('this command needs --run-dir or --subscriber-db');
};
const noSipAccounts: SipAccountDirectory = { put: needsSubscriberDb, remove: needsSubscriberDb, async unregister() {} };

/** Opens the stores the options name; null when they name no provisioning database. */
export function openAdminStores(values: StoreValues): AdminStores | null {
  const paths = values['run-dir'] !== undefined ? provisioningPaths(values['run-dir']) : undefined;
  const dbPath = values.db ?? paths?.db;
  if (!dbPath) return null;
  const subscriberDb = values['subscriber-db'] ?? paths?.subscriberDb;
  const ctlSocket = values['ctl-socket'] ?? paths?.ctlSocket;
  return {
    db: openProvisioningDb(dbPath),
    domain: values.domain,
    paths,
    accounts: subscriberDb
      ? new KamailioSipAccounts({
          subscriberDbPath: subscriberDb,
          domain: values.domain,
          ...(ctlSocket !== undefined ? { ctlSocket } : {}),
        })
      : noSipAccounts,
    hasSipAccounts: subscriberDb !== undefined,
  };
}

/** The provisioning service over the admin's stores; it places no calls. */
export function adminService(
  stores: AdminStores,
  extra: Partial<Pick<ProvisioningServiceOptions, 'accountOptions'>> = {},
): ProvisioningService {
  return new ProvisioningService({
    db: stores.db,
    clock: systemClock,
    caller: { call: () => Promise.reject(new Error('the admin CLI places no calls')) },
    accounts: stores.accounts,
    sip: { domain: stores.domain, wsUrl: '' },
    codePepper: randomBytes(32),
    ...extra,
  });
}
