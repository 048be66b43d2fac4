import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock, type Clock } from './clock.ts';
import { DevLogCodeCaller, type CodeCaller } from './code-caller.ts';
import { openProvisioningDb } from './db.ts';
import { seedDemoData } from './demo-data.ts';
import { close, createProvisioningServer, listen } from './http.ts';
import { provisioningPaths } from './paths.ts';
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
};

export interface RunningProvisioning {
  url: string;
  /** pid of the code line's baresip when calls are real SIP calls (for leak checks). */
  codeLinePid: number | null;
  service: ProvisioningService;
  stop(): Promise<void>;
}

/** The provisioning service of a switchboard run: database in `runDir`, accounts in Kamailio's subscriber table. */
export async function startProvisioning(
  params: { runDir: string; domain: string; wsUrl: string; udpPort: number },
  options: ProvisioningOptions = {},
): Promise<RunningProvisioning> {
  const paths = provisioningPaths(params.runDir);
  const db = openProvisioningDb(paths.db);
  if (options.demoData ?? true) seedDemoData(db);
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
  });
  const server = createProvisioningServer({
    service,
    openApiPath: fileURLToPath(new URL('./openapi.yaml', import.meta.url)),
  });
  let url: string;
  try {
    url = await listen(server, options.port ?? 0);
  } catch (error) {
    await sipCaller?.stop();
    db.close();
    throw error;
  }
  let stopped = false;
  return {
    url,
    service,
    codeLinePid: sipCaller?.pid ?? null,
    async stop() {
      if (stopped) return;
      stopped = true;
      await close(server);
      await sipCaller?.stop();
      db.close();
    },
  };
}
