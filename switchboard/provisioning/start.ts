import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { accountRoutes } from './accounts/accounts-http.ts';
import type { AccountsOptions } from './accounts/accounts.ts';
import { MailCatcher } from './accounts/mail-catcher.ts';
import { SmtpMailer, type Mailer } from './accounts/mailer.ts';
import { CallbackDesk, type CallbackLimits } from './callback-desk.ts';
import { callbackRoutes } from './callback-http.ts';
import { DevLogCallbackPlacer, type CallbackPlacer } from './callback-placer.ts';
import { CallbackQueue } from './callback-queue.ts';
import { chatRoutes } from './chat/chat-http.ts';
import { contextSetting, DEMO_CONTEXT } from './chat/chat-settings.ts';
import { demoContextRoutes } from './chat/demo-context.ts';
import type { ChatLimits } from './chat/chat-limits.ts';
import { ChatService } from './chat/chat-service.ts';
import { buildVisitorPage, serveVisitorPage } from './chat/visitor-page-site.ts';
import { systemClock, type Clock } from './clock.ts';
import { DevLogCodeCaller, type CodeCaller } from './code-caller.ts';
import { openProvisioningDb } from './db.ts';
import { seedDemoData } from './demo-data.ts';
import { stderrLog, type SwitchboardLog } from '../log.ts';
import { close, createProvisioningServer, listen } from './http.ts';
import { createInternalServer } from './internal-http.ts';
import { ensureInternalSecret } from './internal-secret.ts';
import { provisioningPaths } from './paths.ts';
import { presenceRoutes } from './presence-http.ts';
import { teamRoutes } from './team/team-http.ts';
import { TeamService } from './team/team-service.ts';
import { PresenceService, type PresenceLimits } from './presence-service.ts';
import { ProvisioningService, type SignInLimits } from './service.ts';
import { KamailioSipAccounts } from './sip-accounts.ts';
import { SipCodeCaller, type SipCodeCallerOptions } from './sip-code-caller.ts';

/** The real code calls: a SIP call through Kamailio with a spoken prompt (see sip-code-caller.ts). */
export type SipCodeCallerSetting = { kind: 'sip' } & Pick<SipCodeCallerOptions, 'ringTimeoutMs' | 'onCalled'>;

export type ProvisioningOptions = {
  /**
   * Default: DevLogCodeCaller writing to `<runDir>/codes.log` (development only).
   * 'sip' (or a SipCodeCallerSetting): phone the number through this switchboard (SipCodeCaller).
   */
  codeCaller?: CodeCaller | 'sip' | SipCodeCallerSetting;
  clock?: Clock;
  limits?: Partial<SignInLimits>;
  /** Add the demo company (default true). */
  demoData?: boolean;
  /** Default: any free port on 127.0.0.1. */
  port?: number;
  /** The internal listener Kamailio asks where calls go (GET /internal/route): default any free port on 127.0.0.1. */
  internalPort?: number;
  /**
   * Kamailio's key for GET /internal/route (X-Switchboard-Secret). Default: `<runDir>/internal-secret`,
   * made if missing (ensureInternalSecret), so the Kamailio config can read the same one.
   */
  internalSecret?: string;
  /** Places callbacks in mobile mode. Default: DevLogCallbackPlacer writing to `<runDir>/callbacks.log`. */
  callbackPlacer?: CallbackPlacer;
  /** Callbacks per person (hour, day) and waiting per company (callback-desk.ts, callback-queue.ts). */
  callbackLimits?: Partial<CallbackLimits> & { queuedPerCompany?: number };
  /** The SIP user group callers are sent to when nobody is available (default 'group-busy'). */
  announcementUser?: string;
  /** After-call-work deadline check interval (default 250 ms). */
  sweepIntervalMs?: number;
  /** `: ping` interval on presence event streams (default 15 s). */
  pingIntervalMs?: number;
  /** Streams per device and company, change rate, stream backlog (defaultPresenceLimits). */
  presenceLimits?: Partial<PresenceLimits>;
  /** Chat streams, visitor message and new-chat rates (chat/chat-limits.ts defaultChatLimits). */
  chatLimits?: Partial<ChatLimits>;
  /**
   * The customer chat page under /chat/: 'build' builds it into `<runDir>/chat-page` first (about a
   * second, with vite); `{ dir }` serves one built already (buildVisitorPage). Default: not served.
   */
  chatPage?: 'build' | { dir: string };
  /** Where refused requests and handler failures are logged (default stderr). */
  log?: SwitchboardLog;
  /**
   * Where account mails go. Default: a local SMTP catcher on 127.0.0.1 (mails in `<runDir>/mails.jsonl`)
   * for companies without their own mail server.
   */
  mailer?: Mailer;
  /** scrypt cost and account limits (accounts/accounts.ts). */
  accountOptions?: Omit<AccountsOptions, 'mailer' | 'onMailFailed'>;
};

export interface RunningProvisioning {
  url: string;
  /** Base URL of the internal listener (loopback only, Kamailio's routing questions). */
  internalUrl: string;
  /** pid of the code line's baresip when calls are real SIP calls (for leak checks). */
  codeLinePid: number | null;
  service: ProvisioningService;
  presence: PresenceService;
  /** Online customer service (docs/chat.md). */
  chat: ChatService;
  team: TeamService;
  /** The demo company's customer chat page (`/chat/?company=<id>`); null when the page or the demo company is not served. */
  chatPageUrl: string | null;
  /** The secret Kamailio must send as X-Switchboard-Secret to /internal/route. */
  internalSecret: string;
  /** The local SMTP catcher (null when a mailer was given): where first passwords and codes can be read. */
  mailCatcher: MailCatcher | null;
  stop(): Promise<void>;
}

/** The provisioning service of a switchboard run: database in `runDir`, accounts in Kamailio's subscriber table. */
export async function startProvisioning(
  params: { runDir: string; domain: string; wsUrl: string; udpPort: number },
  options: ProvisioningOptions = {},
): Promise<RunningProvisioning> {
  const paths = provisioningPaths(params.runDir);
  const db = openProvisioningDb(paths.db);
  const demoCompanyId = (options.demoData ?? true) ? seedDemoData(db) : null;
  let chatPageDir: string | null = null;
  try {
    if (options.chatPage === 'build') {
      chatPageDir = join(params.runDir, 'chat-page');
      await buildVisitorPage(chatPageDir);
    } else if (options.chatPage) chatPageDir = options.chatPage.dir;
  } catch (error) {
    db.close();
    throw error;
  }
  let sipCaller: SipCodeCaller | null = null;
  const setting = options.codeCaller;
  if (setting === 'sip' || (typeof setting === 'object' && 'kind' in setting && setting.kind === 'sip')) {
    try {
      sipCaller = await SipCodeCaller.start({
        switchboard: { domain: params.domain, udpPort: params.udpPort, runDir: params.runDir },
        subscriberDbPath: paths.subscriberDb,
        ...(typeof setting === 'object' ? setting : {}),
      });
    } catch (error) {
      db.close();
      throw error;
    }
  }
  const caller: CodeCaller =
    sipCaller ??
    (setting && typeof setting === 'object' && 'call' in setting
      ? setting
      : new DevLogCodeCaller(join(params.runDir, 'codes.log')));
  let mailCatcher: MailCatcher | null = null;
  let smtpMailer: SmtpMailer | null = null;
  if (!options.mailer) {
    try {
      mailCatcher = await MailCatcher.start({ mailsFile: paths.mailsFile });
    } catch (error) {
      await sipCaller?.stop();
      db.close();
      throw error;
    }
    writeFileSync(paths.mailCatcher, JSON.stringify({ host: mailCatcher.host, port: mailCatcher.port }), {
      mode: 0o600,
    });
    smtpMailer = new SmtpMailer({ db, defaultServer: { host: mailCatcher.host, port: mailCatcher.port } });
  }
  const log = options.log;
  const service = new ProvisioningService({
    db,
    clock: options.clock ?? systemClock,
    caller,
    accounts: new KamailioSipAccounts({
      subscriberDbPath: paths.subscriberDb,
      domain: params.domain,
      ctlSocket: paths.ctlSocket,
    }),
    sip: { domain: params.domain, wsUrl: params.wsUrl },
    // Per run: codes are short-lived, so losing them on restart only means asking for a new call.
    codePepper: randomBytes(32),
    ...(options.limits ? { limits: options.limits } : {}),
    accountOptions: {
      ...options.accountOptions,
      mailer: options.mailer ?? smtpMailer!,
      onMailFailed: (error, to) =>
        (log ?? stderrLog).warn('provisioning: an account mail could not be sent', { to, err: error }),
    },
  });
  const clock = options.clock ?? systemClock;
  const internalSecret = options.internalSecret ?? ensureInternalSecret(params.runDir);
  const { queuedPerCompany, ...callbackLimits } = options.callbackLimits ?? {};
  // Every callback waits its company's turn here (extensions are unique, so the caller's names the company).
  const callbackQueue = new CallbackQueue({
    placer: options.callbackPlacer ?? new DevLogCallbackPlacer(join(params.runDir, 'callbacks.log')),
    companyOf: ({ fromExtension }) =>
      db.prepare(`SELECT company_id FROM people WHERE extension = ?`).pluck().get(fromExtension) as number,
    ...(queuedPerCompany !== undefined ? { perCompany: queuedPerCompany } : {}),
  });
  const presence = new PresenceService({
    db,
    clock,
    devices: service,
    callbacks: callbackQueue,
    ...(options.announcementUser !== undefined ? { announcementUser: options.announcementUser } : {}),
    ...(options.sweepIntervalMs !== undefined ? { sweepIntervalMs: options.sweepIntervalMs } : {}),
    ...(options.presenceLimits ? { limits: options.presenceLimits } : {}),
  });
  presence.start();
  const chat = new ChatService({
    db,
    clock,
    devices: service,
    presence,
    ...(options.chatLimits ? { limits: options.chatLimits } : {}),
    // Each company's own setting (admin.ts set-chat-settings --context-url); `demo` is this service's
    // demo endpoint (demo-context.ts), which the demo company uses.
    contextEndpoints: (companyId) => {
      const setting = contextSetting(db, companyId);
      return setting === DEMO_CONTEXT ? (url ? `${url}/v1/demo/customer-context` : null) : setting;
    },
    ...(options.sweepIntervalMs !== undefined ? { sweepIntervalMs: options.sweepIntervalMs } : {}),
  });
  chat.start();
  const team = new TeamService({ db, clock, devices: service, presence, chats: chat.desk });
  const server = createProvisioningServer({
    service,
    ...(options.log ? { log: options.log } : {}),
    openApiPath: fileURLToPath(new URL('./openapi.yaml', import.meta.url)),
    ...(chatPageDir !== null ? { chatPage: serveVisitorPage(chatPageDir) } : {}),
    routes: {
      ...accountRoutes(service.accounts),
      ...presenceRoutes({
        presence,
        ...(options.pingIntervalMs !== undefined ? { pingIntervalMs: options.pingIntervalMs } : {}),
      }),
      ...callbackRoutes({
        desk: new CallbackDesk({ db, clock, devices: service, presence, queue: callbackQueue, limits: callbackLimits }),
      }),
      ...demoContextRoutes(() => clock.now()),
      ...teamRoutes({
        team,
        ...(options.pingIntervalMs !== undefined ? { pingIntervalMs: options.pingIntervalMs } : {}),
      }),
      ...chatRoutes({
        chat,
        ...(options.pingIntervalMs !== undefined ? { pingIntervalMs: options.pingIntervalMs } : {}),
      }),
    },
  });
  const internalServer = createInternalServer({
    presence,
    secret: internalSecret,
    ...(options.log ? { log: options.log } : {}),
  });
  let url: string;
  let internalUrl: string;
  try {
    internalUrl = await listen(internalServer, options.internalPort ?? 0);
    url = await listen(server, options.port ?? 0);
  } catch (error) {
    team.stop();
    chat.stop();
    presence.stop();
    if (internalServer.listening) await close(internalServer);
    await sipCaller?.stop();
    smtpMailer?.close();
    await mailCatcher?.stop();
    db.close();
    throw error;
  }
  let stopped = false;
  return {
    url,
    internalUrl,
    service,
    presence,
    chat,
    team,
    chatPageUrl: chatPageDir !== null && demoCompanyId !== null ? `${url}/chat/?company=${demoCompanyId}` : null,
    internalSecret,
    codeLinePid: sipCaller?.pid ?? null,
    mailCatcher,
    async stop() {
      if (stopped) return;
      stopped = true;
      team.stop();
      chat.stop();
      presence.stop();
      await Promise.all([close(server), close(internalServer)]);
      await sipCaller?.stop();
      smtpMailer?.close();
      await mailCatcher?.stop();
      db.close();
    },
  };
}
