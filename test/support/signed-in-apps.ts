/**
 * "N apps signed in against a started switchboard": the one way an e2e file sets up the people and
 * phones its tests talk to, once for the file, with its own teardown. Call it in a describe block:
 *
 *   const { apps, phones, switchboard } = useSignedInApps({
 *     switchboard: { provisioning: true },                        // startSwitchboard's options
 *     prepare: (switchboard) => addCompanyCallGroup(switchboard, …), // the administrator, before anyone signs in
 *     apps: {
 *       alice: { signIn: { sipAccount: alice }, microphone: 'alice' }, // the SIP-account form
 *       wang: { signIn: { mobile: demoMobile }, locale: 'zh-CN' },    // mobile number and the logged code
 *       newcomer: { numberScreen: true },                             // left on the first screen for the test
 *     },
 *     phones: { desk: { user: deskPhone, autoAnswer: true } },      // baresip desk phones and mobiles
 *   });
 *   it('…', async () => { await phones.desk.dial(alice.user); await apps.alice.answer(); … switchboard().runDir … });
 *
 * beforeAll: the switchboard starts, then `prepare`, then every app and phone at once; the phones
 * wait until registered, then the apps sign in in the order given and wait until registered. An app
 * or phone spec may be a function, read after `prepare` (for accounts `prepare` made).
 * afterAll: everything is stopped in reverse order — apps and phones together, then the switchboard —
 * also when setup failed half-way (what had started is stopped before the error is reported).
 * Apps a test starts itself (`startApp`, `restartApp`) are stopped first, the same way.
 * `apps` and `phones` are filled in beforeAll; read them inside tests and hooks, not at collection time.
 * Anything else a file starts (a relay, an update feed) goes in its own beforeAll/afterAll: after-all hooks
 * run in reverse order, so one registered after this call stops before the apps, one registered before it
 * after the switchboard. Set-up and teardown each log one line of lap times: where a file's fixed cost goes.
 */
import { afterAll, beforeAll } from 'vitest';
import {
  startBaresip,
  startSwitchboard,
  type BaresipPhone,
  type RunningSwitchboard,
  type StartBaresipOptions,
  type StartSwitchboardOptions,
  type SwitchboardUser,
} from '../../switchboard/index.ts';
import { startApp, type AppDriver, type StartAppOptions } from './app-driver.ts';
import { signInByNumber } from './number-sign-in.ts';
import { Teardown } from './teardown.ts';
import { renderVoice, type VoiceName } from './voices.ts';

export type AppSpec = {
  /**
   * Signs in on the SIP-account form (DTMF mode set under Advanced if given), or by mobile number with
   * the code the switchboard logged. Without it the app waits on its first screen for the test.
   */
  signIn?: { sipAccount: SwitchboardUser; dtmfMode?: 'rfc4733' | 'info' } | { mobile: string };
  /**
   * Starts on the mobile-number screen, with the switchboard's provisioning service when it runs one
   * (implied by a mobile sign-in); otherwise the app is taken on to the SIP-account form.
   */
  numberScreen?: boolean;
  /** The known voice its fake microphone loops (test/support/voices.ts). */
  microphone?: VoiceName;
} & Pick<StartAppOptions, 'locale' | 'dataDir' | 'updateFeedUrl' | 'appVersion' | 'onInstallUpdate'>;

export type PhoneSpec = Omit<StartBaresipOptions, 'switchboard'>;

type Lazy<T> = T | (() => T);
const read = <T extends object>(spec: Lazy<T>): T => (typeof spec === 'function' ? spec() : spec);

export type SignedInAppsOptions<A extends string, P extends string> = {
  switchboard?: StartSwitchboardOptions;
  /** What an administrator sets up once the switchboard runs and before anyone signs in. */
  prepare?: (switchboard: RunningSwitchboard) => void | Promise<void>;
  apps?: Record<A, Lazy<AppSpec>>;
  phones?: Record<P, Lazy<PhoneSpec>>;
};

export type SignedInApps<A extends string, P extends string> = {
  apps: Record<A, AppDriver>;
  phones: Record<P, BaresipPhone>;
  switchboard(): RunningSwitchboard;
  /** Starts (and signs in, if asked) one more app during a test; it is stopped with the rest. */
  startApp(spec?: AppSpec): Promise<AppDriver>;
  /** Quits an app and starts it again on the same data, as a relaunch does (it signs itself in if it kept its sign-in). */
  restartApp(name: A): Promise<AppDriver>;
};

/** Lap times for the set-up and teardown log line: where a test file's fixed cost goes. */
function stopwatch() {
  let last = Date.now();
  const laps: string[] = [];
  const lap = (what: string) => {
    laps.push(`${what} ${((Date.now() - last) / 1000).toFixed(1)} s`);
    last = Date.now();
  };
  return Object.assign(lap, { summary: () => laps.join(', ') });
}

const isNumberScreen = (spec: AppSpec) => Boolean(spec.numberScreen || (spec.signIn && 'mobile' in spec.signIn));

export function useSignedInApps<A extends string = never, P extends string = never>(
  options: SignedInAppsOptions<A, P>,
): SignedInApps<A, P> {
  const teardown = new Teardown();
  const apps = {} as Record<A, AppDriver>;
  const phones = {} as Record<P, BaresipPhone>;
  const specs = new Map<A, AppSpec>();
  let running: RunningSwitchboard | undefined;

  const switchboard = (): RunningSwitchboard => {
    if (!running) throw new Error('The switchboard is not running: useSignedInApps() sets it up in beforeAll');
    return running;
  };

  /** Starts one app (stopped by the current teardown step) without signing it in. */
  const launch = async (spec: AppSpec): Promise<AppDriver> => {
    const sb = switchboard();
    const app = await startApp({
      switchboard: sb,
      ...(spec.microphone ? { microphoneWav: renderVoice(spec.microphone) } : {}),
      ...(isNumberScreen(spec) ? { numberSignIn: true } : {}),
      ...(isNumberScreen(spec) && sb.provisioningUrl ? { provisioningUrl: sb.provisioningUrl } : {}),
      ...(spec.locale ? { locale: spec.locale } : {}),
      ...(spec.dataDir ? { dataDir: spec.dataDir } : {}),
      ...(spec.updateFeedUrl ? { updateFeedUrl: spec.updateFeedUrl } : {}),
      ...(spec.appVersion ? { appVersion: spec.appVersion } : {}),
      ...(spec.onInstallUpdate ? { onInstallUpdate: spec.onInstallUpdate } : {}),
    });
    teardown.add(() => app.stop());
    return app;
  };

  /** Signs in as the spec says; a SIP-account sign-in only submits the form (see `registered`). */
  const signIn = async (app: AppDriver, spec: AppSpec): Promise<void> => {
    if (!spec.signIn) return;
    if ('mobile' in spec.signIn) await signInByNumber(app, switchboard(), spec.signIn.mobile);
    else await app.signIn(spec.signIn.sipAccount, spec.signIn.dtmfMode ? { dtmfMode: spec.signIn.dtmfMode } : {});
  };
  const registered = (app: AppDriver, spec: AppSpec) =>
    spec.signIn ? app.waitForRegistration('registered') : Promise.resolve();

  /** Waits for every start, so each one that succeeds is in the teardown, then fails with the first failure. */
  const startAll = async (starts: Array<Promise<void>>): Promise<void> => {
    const failed = (await Promise.allSettled(starts)).find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  };

  beforeAll(async () => {
    const took = stopwatch();
    try {
      teardown.step();
      const started = await startSwitchboard(options.switchboard);
      running = started;
      teardown.add(() => started.stop());
      await options.prepare?.(started);
      took('switchboard');

      teardown.step();
      const appSpecs = Object.entries<Lazy<AppSpec>>(options.apps ?? ({} as Record<A, AppSpec>)).map(
        ([name, spec]) => [name as A, read(spec)] as const,
      );
      const phoneSpecs = Object.entries<Lazy<PhoneSpec>>(options.phones ?? ({} as Record<P, PhoneSpec>)).map(
        ([name, spec]) => [name as P, read(spec)] as const,
      );
      await startAll([
        ...appSpecs.map(async ([name, spec]) => {
          specs.set(name, spec);
          apps[name] = await launch(spec);
        }),
        ...phoneSpecs.map(async ([name, spec]) => {
          const phone = await startBaresip({ switchboard: switchboard(), ...spec });
          teardown.add(() => phone.stop());
          phones[name] = phone;
        }),
      ]);
      await Promise.all(Object.values<BaresipPhone>(phones).map((phone) => phone.waitForRegistered()));
      took(`${appSpecs.length} apps, ${phoneSpecs.length} phones started`);
      for (const [name, spec] of appSpecs) await signIn(apps[name], spec);
      await Promise.all(appSpecs.map(([name, spec]) => registered(apps[name], spec)));
      took('signed in');
      console.log(`[signed-in apps] set up: ${took.summary()}`);
    } catch (error) {
      await teardown.run().catch((stopError: unknown) => console.warn(`teardown after a failed setup: ${stopError}`));
      throw error;
    }
  });

  afterAll(async () => {
    const took = stopwatch();
    await teardown.run();
    took('stopped');
    console.log(`[signed-in apps] torn down: ${took.summary()}`);
  });

  return {
    apps,
    phones,
    switchboard,
    async startApp(spec = {}) {
      teardown.step();
      const app = await launch(spec);
      await signIn(app, spec);
      await registered(app, spec);
      return app;
    },
    async restartApp(name) {
      const spec = specs.get(name) ?? {};
      const { dataDir } = apps[name];
      await apps[name].stop();
      teardown.step();
      const { signIn: _signedInBefore, ...rest } = spec;
      apps[name] = await launch({ ...rest, numberScreen: isNumberScreen(spec), dataDir });
      return apps[name];
    },
  };
}
