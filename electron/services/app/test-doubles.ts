/** In-memory stand-ins for the core's ports, for unit tests of the core and its routers. */
import type { CallSnapshot, LanguagePreference, SavedAccount } from '../../../src/shared/domain.ts';
import type { EngineCommand } from '../../../src/shared/ipc/contract.ts';
import type { AgentSettings } from '../../../src/shared/presence.ts';
import type { StationMemories } from '../../../src/shared/station.ts';
import { aboutInfo } from '../about/about-info.ts';
import { DesktopSettingsService } from '../desktop/desktop-settings.ts';
import { DirectoryStore } from '../directory/directory-store.ts';
import { createEngineRouter, createUiRouter, engineHandlers, refusalsInUiLanguage } from '../ipc/routers.ts';
import { uiHandlers } from '../ipc/verbs/index.ts';
import type { Logger } from '../log/logger.ts';
import { recordingLogger } from '../log/test-support/recording-logger.ts';
import { MemoryStore } from '../settings/key-value-store.ts';
import { UpdateService } from '../update/update-service.ts';
import { noUpdateFeed } from '../update/updater-port.ts';
import { createAppCore, type AppCore, type AppCoreDeps } from './core.ts';
import type { CallLogPort } from './ports.ts';

/** A call log that keeps what it was asked to write (and writes nothing). */
export function memoryCallLog(
  logged: Array<{ kind: 'start' | 'update' | 'end'; snapshot: CallSnapshot }>,
): CallLogPort {
  return {
    recordCallStarted: (snapshot) => void logged.push({ kind: 'start', snapshot }),
    recordCallUpdated: (snapshot) => void logged.push({ kind: 'update', snapshot }),
    recordCallEnded: (snapshot) => void logged.push({ kind: 'end', snapshot }),
    heartbeat: () => {},
    setWrapUp: () => 0,
    list: () => [],
    delete: () => false,
    clear: () => 0,
    deleteStartedBefore: () => 0,
    countUnseenMissed: () => 0,
    markMissedSeen: () => {},
  };
}

/** The desktop services beside the core, with no update feed and no OS. */
export function testDesktopServices() {
  return {
    updates: new UpdateService({
      updater: noUpdateFeed,
      currentVersion: '0.1.0',
      inCall: () => false,
      publish: () => {},
    }),
    desktopSettings: new DesktopSettingsService(new MemoryStore(), {
      setStartAtLogin: () => {},
      setLinkHandler: () => {},
      setShortcuts: () => [],
    }),
    about: () => aboutInfo({ version: '0.1.0', runtime: 'test', platform: 'linux-x64' }),
    memoryUsage: () => ({ totalBytes: 150 * 1024 * 1024, processes: 5 }),
    exportDiagnostics: async () => ({ outcome: 'cancelled' as const }),
  };
}

/** The routers over a core (and test desktop services unless given), as the hosts build them. */
export function routersFor(core: AppCore, desktop = testDesktopServices(), log?: Logger) {
  return {
    ui: createUiRouter(uiHandlers({ ...core, ...desktop }), log, refusalsInUiLanguage(core)),
    engine: createEngineRouter(
      engineHandlers(core, () => {}),
      log,
    ),
  };
}

export function createTestCore(extra: Partial<AppCoreDeps> = {}) {
  const commands: Array<{ command: EngineCommand; payload: unknown }> = [];
  const broadcasts: Array<{ event: string; payload: unknown }> = [];
  const logged: Array<{ kind: 'start' | 'update' | 'end'; snapshot: CallSnapshot }> = [];
  const log = recordingLogger();
  let saved: SavedAccount | null = null;
  let languagePreference: LanguagePreference = 'system';
  let agent: AgentSettings | undefined;
  let stations: StationMemories = {};
  let engineOpen = false;
  let engineGone: (reason: string) => void = () => {};
  const core: AppCore = createAppCore({
    engine: {
      async open(onGone) {
        engineOpen = true;
        engineGone = onGone;
        // The page reports `ready` as the real one does, through the engine router.
        queueMicrotask(() => void engine('ready', {}));
      },
      async close() {
        engineOpen = false;
      },
      send(command, payload) {
        commands.push({ command, payload });
      },
    },
    ui: { broadcast: (event, payload) => broadcasts.push({ event, payload }) },
    callLog: memoryCallLog(logged),
    settings: {
      getSettings: () => ({ languagePreference, historyRetention: 'forever', ...(agent ? { agent } : {}), stations }),
      updateSettings: (partial) => {
        languagePreference = partial.languagePreference ?? languagePreference;
        agent = partial.agent ?? agent;
        stations = partial.stations ?? stations;
      },
    },
    credentials: {
      save: (account) => {
        saved = account;
        return { saved: true, keychain: true };
      },
      load: () => saved,
      clear: () => (saved = null),
    },
    directory: DirectoryStore.open(':memory:'),
    systemLocale: () => 'zh-CN',
    endedCallLingerMs: 0,
    newId: () => 'call-1',
    log,
    ...extra,
  });
  const { ui, engine } = routersFor(core, testDesktopServices(), log);
  return {
    core,
    /** The UI router, as a window's verbs reach it. */
    ui,
    /** The engine router, as the engine page's reports reach it. */
    engine,
    commands,
    broadcasts,
    logged,
    log: log.lines,
    saved: () => saved,
    engineOpen: () => engineOpen,
    /** The engine page crashes (as Chromium's render process can). */
    crashEngine: (reason: string) => {
      engineOpen = false;
      engineGone(reason);
    },
  };
}
