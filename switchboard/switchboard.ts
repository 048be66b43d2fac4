import { chmod, mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, freeUdpRange } from './free-port.ts';
import { kamailioHandle, type KamailioPorts } from './kamailio.ts';
import { renderKamailioConfig, renderTlsConfig, type TrustedPeer } from './kamailio-config.ts';
import { startRtpengine } from './rtpengine.ts';
import { createSubscriberDb, upsertSubscriber } from './subscriber-db.ts';
import { ensureInternalSecret } from './provisioning/internal-secret.ts';
import { provisioningPaths } from './provisioning/paths.ts';
import type { MailCatcher } from './provisioning/accounts/mail-catcher.ts';
import {
  startProvisioning,
  type ProvisioningOptions,
  type RunningProvisioning,
  type SipCodeCallerSetting,
} from './provisioning/start.ts';
import { makeSelfSignedCert } from './tls-cert.ts';
import { AnnouncementLine, groupBusyUser } from './announcement-line.ts';
import type { PromptLanguage } from './prompts.ts';
import { CallbackFailedError, SipCallbackLine } from './provisioning/sip-callback-line.ts';
import type { CallbackPlacer } from './provisioning/callback-placer.ts';
import { CodeCallFailedError, type CodeCaller } from './provisioning/code-caller.ts';
import { SipCodeCaller } from './provisioning/sip-code-caller.ts';
import { stderrLog, type SwitchboardLog } from './log.ts';
import { Supervised, type SupervisedChild } from './supervisor.ts';
import { AutoAttendant } from './auto-attendant.ts';
import { demoUsers, type SwitchboardUser } from './users.ts';

export type StartSwitchboardOptions = {
  users?: SwitchboardUser[];
  runDir?: string;
  logLevel?: number;
  /**
   * Also run the provisioning service (sign-in by phoned code; switchboard/provisioning) on a free port.
   * It writes device accounts to the same subscriber table and drops revoked registrations over Kamailio's ctl socket.
   */
  provisioning?: boolean | ProvisioningOptions;
  /** Group numbers ringing all their members at once (number → users). Default: the operator group, if any. */
  groups?: Record<string, string[]>;
  /**
   * The company main number's auto-attendant (switchboard/auto-attendant.ts): greeting, extension by
   * keypad, "0" or silence to the operator group. `true` uses the defaults below.
   */
  autoAttendant?: boolean | AutoAttendantSettings;
  /** Where the switchboard says what it does (restarts, refused requests); default stderr. */
  log?: SwitchboardLog;
  /** First wait before a crashed child is started again (default 500 ms, doubling up to 30 s). */
  restartBackoffMs?: number;
  /** The language the switchboard's own lines speak (the attendant's greeting, the busy announcement); default English. */
  promptLanguage?: PromptLanguage;
  /**
   * Gateways (a PSTN trunk) whose requests to our users are not challenged, by transport, address and
   * port. Default none: everyone else proves who they are (kamailio/who-may-call.cfg).
   */
  trustedPeers?: TrustedPeer[];
};

export type AutoAttendantSettings = {
  /** Default 8000. */
  mainNumber?: string;
  /** Default "Example Company". */
  companyName?: string;
  /** Default 8100, ringing `operatorMembers`. */
  operatorGroup?: string;
  /** Default 1002 and 1003. */
  operatorMembers?: string[];
  waitAfterGreetingMs?: number;
};

export type AttendantRoute = { caller: string; target: string; why: string };

export interface RunningSwitchboard {
  /** SIP domain users register under. '127.0.0.1' needs no DNS and is a Kamailio alias on every port. */
  domain: string;
  wsUrl: string;
  /** Self-signed, untrusted by browsers: used to test the "TLS failure" error. */
  wssUrl: string;
  udpPort: number;
  users: SwitchboardUser[];
  runDir: string;
  /** Base URL of the provisioning HTTP API; null unless started with the `provisioning` option. */
  provisioningUrl: string | null;
  /** The demo company's customer chat page; null unless provisioning was started with `chatPage`. */
  chatPageUrl: string | null;
  /** The local SMTP catcher account mails go to (smtp://127.0.0.1:port) and the file they are kept in; null without provisioning. */
  mailCatcher: { smtpUrl: string; mailsFile: string | null; catcher: MailCatcher } | null;
  /** The "everyone is busy" line calls end on when no group member is available; null without provisioning. */
  announcementLine: AnnouncementLine | null;
  /** The auto-attendant's numbers and where it sent each call so far; null unless started with `autoAttendant`. */
  autoAttendant: { mainNumber: string; operatorGroup: string; routes: AttendantRoute[] } | null;
  /** pids of the processes currently running (for leak checks). */
  pids(): number[];
  /** Each supervised child by name ('kamailio', 'rtpengine', 'announcement line', …) → its pid now (null: restarting). */
  processes(): Record<string, number | null>;
  addUser(user: SwitchboardUser): Promise<void>;
  stopKamailio(): Promise<void>;
  startKamailio(): Promise<void>;
  stop(): Promise<void>;
}

/** Media ports per run: enough for a handful of concurrent calls (each leg uses an RTP+RTCP pair). */
const RTP_PORTS_PER_RUN = 40;

export async function startSwitchboard(options: StartSwitchboardOptions = {}): Promise<RunningSwitchboard> {
  const domain = '127.0.0.1';
  const runDir = options.runDir ? resolve(options.runDir) : await mkdtemp(join(tmpdir(), 'switchboard-'));
  // Owner-only: it holds the routing secret, the TLS key, the SIP accounts' hashes and the lines' passwords.
  await mkdir(runDir, { recursive: true, mode: 0o700 });
  await chmod(runDir, 0o700);
  const users = [...(options.users ?? demoUsers)];
  const attendant = options.autoAttendant === true ? {} : options.autoAttendant || null;
  const operatorGroup = attendant ? (attendant.operatorGroup ?? '8100') : null;
  const groups =
    options.groups ?? (operatorGroup ? { [operatorGroup]: attendant?.operatorMembers ?? ['1002', '1003'] } : {});

  const [udpPort, wsPort, wssPort, ngPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const rtpPorts = await freeUdpRange(RTP_PORTS_PER_RUN);
  // Kamailio asks the provisioning service's internal listener how to route calls, so its port is chosen
  // before Kamailio's config is written (the service itself starts after Kamailio: it needs the WebSocket URL).
  const provisioningOptions = options.provisioning === true ? {} : options.provisioning || null;
  const provisioningPort = provisioningOptions ? (provisioningOptions.port ?? (await freePort())) : null;
  const internalPort = provisioningOptions ? (provisioningOptions.internalPort ?? (await freePort())) : null;
  const routingSecret = provisioningOptions ? ensureInternalSecret(runDir) : null;

  const dbPath = join(runDir, 'switchboard.sqlite');
  createSubscriberDb(dbPath);
  for (const user of users) upsertSubscriber(dbPath, domain, user);

  const { key, cert } = await makeSelfSignedCert(runDir);
  await chmod(key, 0o600);
  const tlsConfigPath = join(runDir, 'tls.cfg');
  await writeFile(tlsConfigPath, renderTlsConfig(key, cert), { mode: 0o600 });
  const configPath = join(runDir, 'kamailio.cfg');
  await writeFile(
    configPath,
    renderKamailioConfig({
      domain,
      udpPort,
      wsPort,
      wssPort,
      rtpengineNgPort: ngPort,
      dbPath,
      tlsConfigPath,
      logLevel: options.logLevel ?? 2,
      ...(options.provisioning ? { ctlSocket: provisioningPaths(runDir).ctlSocket } : {}),
      groups,
      ...(internalPort !== null && routingSecret !== null
        ? { serviceRouting: { url: `http://127.0.0.1:${internalPort}`, secret: routingSecret } }
        : {}),
      ...(options.trustedPeers ? { trustedPeers: options.trustedPeers } : {}),
    }),
    { mode: 0o600 },
  );

  const log = options.log ?? stderrLog;
  const supervision = {
    log,
    ...(options.restartBackoffMs !== undefined ? { initialBackoffMs: options.restartBackoffMs } : {}),
  };
  const rtpengine = await Supervised.start(
    'rtpengine',
    () => startRtpengine({ runDir, ngPort, portMin: rtpPorts.min, portMax: rtpPorts.max }),
    supervision,
  );
  // Kamailio keeps registrations in memory: when it comes back, the system lines register again.
  const lines: Supervised<SupervisedChild>[] = [];
  const reRegisterLines = async () => {
    await Promise.all(lines.map((line) => line.restart('Kamailio restarted: register again')));
  };
  let kamailio: Supervised<SupervisedChild>;
  try {
    kamailio = await Supervised.start('kamailio', () => runKamailio(runDir, configPath, { udpPort, wsPort, wssPort }), {
      ...supervision,
      onRestarted: reRegisterLines,
    });
  } catch (error) {
    await rtpengine.stop();
    throw error;
  }
  const wsUrl = `ws://127.0.0.1:${wsPort}`;
  const lineSwitchboard = { domain, udpPort, runDir };
  const startLine = async <T extends SupervisedChild>(name: string, start: () => Promise<T>) => {
    const line = await Supervised.start(name, start, supervision);
    lines.push(line as unknown as Supervised<SupervisedChild>);
    return line;
  };
  let provisioning: RunningProvisioning | null = null;
  let announcementLine: Supervised<AnnouncementLine> | null = null;
  let callbackLine: Supervised<SipCallbackLine> | null = null;
  let codeLine: Supervised<SipCodeCaller> | null = null;
  const stopAll = async () => {
    await provisioning?.stop();
    await Promise.all(lines.map((line) => line.stop()));
    await Promise.all([kamailio.stop(), rtpengine.stop()]);
  };
  if (provisioningOptions && provisioningPort !== null && internalPort !== null && routingSecret !== null) {
    try {
      // The service's system lines: SIP phones that register here, so they start once Kamailio runs.
      announcementLine = await startLine('announcement line', () =>
        AnnouncementLine.start({
          switchboard: lineSwitchboard,
          subscriberDbPath: dbPath,
          ...(options.promptLanguage ? { language: options.promptLanguage } : {}),
        }),
      );
      if (!provisioningOptions.callbackPlacer) {
        callbackLine = await startLine('callback line', () =>
          SipCallbackLine.start({ switchboard: lineSwitchboard, subscriberDbPath: dbPath }),
        );
      }
      const codeSetting = sipCodeCallerSetting(provisioningOptions.codeCaller);
      if (codeSetting) {
        codeLine = await startLine('code line', () =>
          SipCodeCaller.start({ switchboard: lineSwitchboard, subscriberDbPath: dbPath, ...codeSetting }),
        );
      }
      provisioning = await startProvisioning(
        { runDir, domain, wsUrl, udpPort },
        {
          ...(callbackLine ? { callbackPlacer: callbackPlacerOf(callbackLine) } : {}),
          announcementUser: announcementLine.current?.user ?? groupBusyUser,
          ...provisioningOptions,
          ...(codeLine ? { codeCaller: codeCallerOf(codeLine) } : {}),
          port: provisioningPort,
          internalPort,
          internalSecret: routingSecret,
          log,
        },
      );
    } catch (error) {
      await stopAll();
      throw error;
    }
  }
  const routes: AttendantRoute[] = [];
  if (attendant && operatorGroup) {
    try {
      await startLine('auto-attendant', () =>
        AutoAttendant.start({
          switchboard: lineSwitchboard,
          subscriberDbPath: dbPath,
          mainNumber: attendant.mainNumber ?? '8000',
          companyName: attendant.companyName ?? 'Example Company',
          ...(options.promptLanguage ? { language: options.promptLanguage } : {}),
          menu: {
            isExtension: (extension) => users.some((user) => user.user === extension) || extension in groups,
            operator: operatorGroup,
            extensionLength: 4,
          },
          ...(attendant.waitAfterGreetingMs !== undefined
            ? { waitAfterGreetingMs: attendant.waitAfterGreetingMs }
            : {}),
          onRouted: ({ caller, target, why }) => routes.push({ caller, target, why }),
        }),
      );
    } catch (error) {
      await stopAll();
      throw error;
    }
  }
  // Where things listen, for tools and tests; no passwords.
  const accounts = users.map(({ user, displayName }) => ({ user, displayName }));
  await writeFile(
    join(runDir, 'switchboard.json'),
    JSON.stringify({ domain, udpPort, wsPort, wssPort, ngPort, rtpPorts, users: accounts }, null, 2),
    { mode: 0o600 },
  );

  let stopped = false;
  const children = () => [rtpengine, kamailio, ...lines];
  return {
    domain,
    wsUrl,
    wssUrl: `wss://127.0.0.1:${wssPort}`,
    udpPort,
    users,
    runDir,
    provisioningUrl: provisioning?.url ?? null,
    chatPageUrl: provisioning?.chatPageUrl ?? null,
    mailCatcher: provisioning?.mailCatcher
      ? {
          smtpUrl: provisioning.mailCatcher.url,
          mailsFile: provisioning.mailCatcher.mailsFile,
          catcher: provisioning.mailCatcher,
        }
      : null,
    get announcementLine() {
      return announcementLine?.current ?? null;
    },
    autoAttendant:
      attendant && operatorGroup ? { mainNumber: attendant.mainNumber ?? '8000', operatorGroup, routes } : null,
    pids: () => (stopped ? [] : children().flatMap((child) => (child.pid() === null ? [] : [child.pid()!]))),
    processes: () => Object.fromEntries(children().map((child) => [child.name, child.pid()])),
    async addUser(user) {
      upsertSubscriber(dbPath, domain, user);
      const existing = users.findIndex((u) => u.user === user.user);
      if (existing >= 0) users.splice(existing, 1, user);
      else users.push(user);
    },
    stopKamailio: () => kamailio.stop(),
    startKamailio: () => kamailio.start(),
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopAll();
    },
  };
}

/** One run of Kamailio as a supervised child (a fresh handle each time, the same ports and config). */
async function runKamailio(runDir: string, configPath: string, ports: KamailioPorts): Promise<SupervisedChild> {
  const handle = kamailioHandle(runDir, configPath, ports);
  await handle.start();
  return { pid: handle.pid()!, exited: handle.exited()!, stop: () => handle.stop() };
}

function sipCodeCallerSetting(setting: ProvisioningOptions['codeCaller']): Omit<SipCodeCallerSetting, 'kind'> | null {
  if (setting === 'sip') return {};
  if (typeof setting === 'object' && 'kind' in setting && setting.kind === 'sip') {
    const { kind: _kind, ...rest } = setting;
    return rest;
  }
  return null;
}

/** The service keeps one placer; it reaches whichever callback line is running now. */
function callbackPlacerOf(line: Supervised<SipCallbackLine>): CallbackPlacer {
  return {
    placeCallback: (request) =>
      line.current?.placeCallback(request) ??
      Promise.reject(new CallbackFailedError('the callback line is restarting; try again in a moment')),
  };
}

function codeCallerOf(line: Supervised<SipCodeCaller>): CodeCaller {
  return {
    call: (mobile, code, language) =>
      line.current?.call(mobile, code, language) ??
      Promise.reject(new CodeCallFailedError('the code line is restarting; try again in a moment')),
  };
}
