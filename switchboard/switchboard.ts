import { chmod, mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, freeUdpRange } from './free-port.ts';
import { kamailioHandle } from './kamailio.ts';
import { renderKamailioConfig, renderTlsConfig, type TrustedPeer } from './kamailio-config.ts';
import { startRtpengine } from './rtpengine.ts';
import { createSubscriberDb, upsertSubscriber } from './subscriber-db.ts';
import { ensureInternalSecret } from './provisioning/internal-secret.ts';
import { provisioningPaths } from './provisioning/paths.ts';
import { startProvisioning, type ProvisioningOptions, type RunningProvisioning } from './provisioning/start.ts';
import { makeSelfSignedCert } from './tls-cert.ts';
import { AnnouncementLine } from './announcement-line.ts';
import { SipCallbackLine } from './provisioning/sip-callback-line.ts';
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
  /** The "everyone is busy" line calls end on when no group member is available; null without provisioning. */
  announcementLine: AnnouncementLine | null;
  /** The auto-attendant's numbers and where it sent each call so far; null unless started with `autoAttendant`. */
  autoAttendant: { mainNumber: string; operatorGroup: string; routes: AttendantRoute[] } | null;
  /** pids of the processes currently running (for leak checks). */
  pids(): number[];
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

  const rtpengine = await startRtpengine({ runDir, ngPort, portMin: rtpPorts.min, portMax: rtpPorts.max });
  const kamailio = kamailioHandle(runDir, configPath, { udpPort, wsPort, wssPort });
  try {
    await kamailio.start();
  } catch (error) {
    await rtpengine.stop();
    throw error;
  }
  const wsUrl = `ws://127.0.0.1:${wsPort}`;
  let provisioning: RunningProvisioning | null = null;
  let announcementLine: AnnouncementLine | null = null;
  let callbackLine: SipCallbackLine | null = null;
  if (provisioningOptions && provisioningPort !== null && internalPort !== null && routingSecret !== null) {
    try {
      // The service's system lines: SIP phones that register here, so they start once Kamailio runs.
      const switchboard = { domain, udpPort, runDir };
      announcementLine = await AnnouncementLine.start({ switchboard, subscriberDbPath: dbPath });
      if (!provisioningOptions.callbackPlacer) {
        callbackLine = await SipCallbackLine.start({ switchboard, subscriberDbPath: dbPath });
      }
      provisioning = await startProvisioning(
        { runDir, domain, wsUrl, udpPort },
        {
          ...(callbackLine ? { callbackPlacer: callbackLine } : {}),
          announcementUser: announcementLine.user,
          ...provisioningOptions,
          port: provisioningPort,
          internalPort,
          internalSecret: routingSecret,
        },
      );
    } catch (error) {
      await Promise.all([announcementLine?.stop(), callbackLine?.stop(), kamailio.stop(), rtpengine.stop()]);
      throw error;
    }
  }
  let autoAttendant: AutoAttendant | null = null;
  const routes: AttendantRoute[] = [];
  if (attendant && operatorGroup) {
    try {
      autoAttendant = await AutoAttendant.start({
        switchboard: { domain, udpPort, runDir },
        subscriberDbPath: dbPath,
        mainNumber: attendant.mainNumber ?? '8000',
        companyName: attendant.companyName ?? 'Example Company',
        menu: {
          isExtension: (extension) => users.some((user) => user.user === extension) || extension in groups,
          operator: operatorGroup,
          extensionLength: 4,
        },
        ...(attendant.waitAfterGreetingMs !== undefined ? { waitAfterGreetingMs: attendant.waitAfterGreetingMs } : {}),
        onRouted: ({ caller, target, why }) => routes.push({ caller, target, why }),
      });
    } catch (error) {
      await Promise.all([
        announcementLine?.stop(),
        callbackLine?.stop(),
        provisioning?.stop(),
        kamailio.stop(),
        rtpengine.stop(),
      ]);
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
  return {
    domain,
    wsUrl,
    wssUrl: `wss://127.0.0.1:${wssPort}`,
    udpPort,
    users,
    runDir,
    provisioningUrl: provisioning?.url ?? null,
    announcementLine,
    autoAttendant:
      attendant && operatorGroup ? { mainNumber: attendant.mainNumber ?? '8000', operatorGroup, routes } : null,
    pids: () =>
      [
        rtpengine.pid,
        kamailio.pid(),
        provisioning?.codeLinePid ?? null,
        callbackLine?.pid ?? null,
        announcementLine?.pid ?? null,
        autoAttendant?.pid ?? null,
      ].filter((pid): pid is number => pid !== null && !stopped),
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
      await autoAttendant?.stop();
      await provisioning?.stop();
      await Promise.all([announcementLine?.stop(), callbackLine?.stop()]);
      await Promise.all([kamailio.stop(), rtpengine.stop()]);
    },
  };
}
