/**
 * The app core: its pieces, each with one job, built over the ports the host provides and sharing
 * one AppStateStore. Plain Node, no Electron. The composition root (compose-app.ts) builds it for
 * both hosts; unit tests build it over in-memory ports (test-doubles.ts).
 *
 * To add a service: build it here from the ports and the pieces it needs, add it to AppCore, stop it
 * in shutdown(), and bind its verbs in electron/services/ipc/verbs/ (see verbs/index.ts).
 */
import type { AppState } from '../../../src/shared/domain.ts';
import { DEFAULT_AUDIO_SETTINGS } from '../../../src/shared/audio.ts';
import { DEFAULT_DISPLAY_SETTINGS } from '../../../src/shared/display.ts';
import { DirectoryService } from '../directory/directory-service.ts';
import type { DirectoryStore } from '../directory/directory-store.ts';
import { silentLogger, type Logger } from '../log/logger.ts';
import { ChatDeskService } from '../chat/chat-desk-service.ts';
import { TeamDeskService } from '../team/team-desk-service.ts';
import { AgentService } from '../presence/agent-service.ts';
import { ProvisioningClient } from '../provisioning/client.ts';
import { AppStateStore } from './app-state.ts';
import { CallRecorder } from './call-recorder.ts';
import { CallService } from './calls.ts';
import { CurrentAccount } from './current-account.ts';
import { EngineLink } from './engine-link.ts';
import { HistoryService } from './history.ts';
import { resolveLanguage } from './language.ts';
import { NumberSignIn } from './number-sign-in.ts';
import { PasswordSignIn } from './password-sign-in.ts';
import { Preferences } from './preferences.ts';
import type {
  CallLogPort,
  CredentialsPort,
  DiagnoseConnection,
  EngineWindow,
  ExportTarget,
  SettingsPort,
  UiBroadcast,
} from './ports.ts';
import { SessionService } from './session.ts';

export type AppCoreDeps = {
  engine: EngineWindow;
  ui: UiBroadcast;
  callLog: CallLogPort;
  settings: SettingsPort;
  credentials: CredentialsPort;
  /** The company directory's local store (filled after a number sign-in). */
  directory: DirectoryStore;
  systemLocale: () => string;
  log?: Logger | undefined;
  diagnoseConnection?: DiagnoseConnection | undefined;
  /** Where exports go (a save dialog in Electron, a directory in the browser host). */
  exportTarget?: ExportTarget | undefined;
  /** The window's missed-call badge (Electron: app.setBadgeCount). */
  setBadge?: ((missedUnseen: number) => void) | undefined;
  /** The provisioning service to use when the `provisioningUrl` setting is empty (e.g. the local switchboard's). */
  provisioningUrl?: string | undefined;
  /** For tests: how the provisioning, directory and presence clients reach the network. */
  fetch?: typeof fetch | undefined;
  now?: (() => number) | undefined;
  newId?: (() => string) | undefined;
  endedCallLingerMs?: number | undefined;
  heartbeatMs?: number | undefined;
  /** Wait before a failed call-log write is tried again. */
  callLogRetryMs?: number | undefined;
  deviceCheckMs?: number | undefined;
  /** How often the directory syncs while signed in (default 5 min). */
  directorySyncMs?: number | undefined;
  /** The presence stream's first reconnect wait (tests shorten it). */
  presenceRetryMs?: number | undefined;
};

export type AppCore = {
  state: AppStateStore;
  engine: EngineLink;
  session: SessionService;
  numberSignIn: NumberSignIn;
  passwordSignIn: PasswordSignIn;
  calls: CallService;
  history: HistoryService;
  preferences: Preferences;
  directory: DirectoryService;
  agent: AgentService;
  /** The Chats tab: online customer service (issue 16). */
  chat: ChatDeskService;
  /** The Team tab: the supervisor's team view (issue 19). */
  team: TeamDeskService;
  /** At start-up: the history's housekeeping, then sign-in with the saved account. */
  start(): Promise<void>;
  /** Quit: Offline for colleagues, the registration ends, timers stop; the account stays saved. */
  shutdown(): Promise<void>;
};

export function createAppCore(deps: AppCoreDeps): AppCore {
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? Date.now;
  const withFetch = deps.fetch ? { fetch: deps.fetch } : {};
  const provisioning = (baseUrl: string) => new ProvisioningClient({ baseUrl, ...withFetch });
  const account = new CurrentAccount();
  const engine = new EngineLink(deps.engine);
  const state = new AppStateStore(deps.ui, initialState(deps));
  const agent = new AgentService({
    device: () => account.device(),
    settings: {
      get: () => deps.settings.getSettings().agent,
      set: (agent) => deps.settings.updateSettings({ agent }),
    },
    onView: (view) => state.update({ agent: view }),
    onDelta: (delta) => deps.ui.broadcast('presence', delta),
    now,
    ...withFetch,
    ...(deps.presenceRetryMs ? { retryMs: deps.presenceRetryMs } : {}),
    // A revoked device is told within seconds this way, rather than at the session's next 30 s check.
    onDeviceRefused: () => void session.checkDevice(),
    onWrapUp: (callIds, wrapUp) => history.wrapUp(callIds, wrapUp),
  });
  state.seed({ agent: agent.view() });
  const chat = new ChatDeskService({
    device: () => account.device(),
    onView: (view) => state.update({ chat: view }),
    onTranscript: (transcript) => deps.ui.broadcast('chatTranscript', transcript),
    now,
    ...withFetch,
    ...(deps.presenceRetryMs ? { retryMs: deps.presenceRetryMs } : {}),
  });
  const team = new TeamDeskService({
    device: () => account.device(),
    roleOf: (email) => deps.settings.getSettings().stations?.[email]?.role,
    onSupervising: (supervising) => {
      if ((state.get().supervising ?? false) !== supervising) state.update({ supervising });
    },
    onUpdate: (update) => deps.ui.broadcast('team', update),
    ...withFetch,
    ...(deps.presenceRetryMs ? { retryMs: deps.presenceRetryMs } : {}),
  });
  const directory = new DirectoryService({
    store: deps.directory,
    device: () => account.device(),
    onStatus: (status) => deps.ui.broadcast('directoryStatus', status),
    onChanged: () => deps.ui.broadcast('directoryChanged', {}),
    ...withFetch,
    ...(deps.directorySyncMs ? { periodMs: deps.directorySyncMs } : {}),
  });
  const history = new HistoryService({
    callLog: deps.callLog,
    settings: deps.settings,
    ui: deps.ui,
    now,
    language: () => state.get().language,
    exportTarget: deps.exportTarget,
    setBadge: deps.setBadge,
  });
  const calls = new CallService({
    state,
    engine,
    agent,
    recorder: new CallRecorder({
      callLog: deps.callLog,
      log: log.child({ service: 'call-log' }),
      now,
      onEnded: () => history.callRecorded(),
      retryMs: deps.callLogRetryMs,
      heartbeatMs: deps.heartbeatMs,
    }),
    ui: deps.ui,
    now,
    newId: deps.newId ?? (() => crypto.randomUUID()),
    nameOf: (number) => directory.nameOf(number),
    endedCallLingerMs: deps.endedCallLingerMs,
    log: log.child({ service: 'calls' }),
  });
  const session = new SessionService({
    state,
    engine,
    account,
    credentials: deps.credentials,
    agent,
    chat,
    team,
    directory,
    endCalls: (reason) => calls.endAll(reason),
    provisioning,
    diagnoseConnection: deps.diagnoseConnection,
    deviceCheckMs: deps.deviceCheckMs,
    log: log.child({ service: 'session' }),
  });
  const preferences = new Preferences({
    state,
    settings: deps.settings,
    engine,
    systemLocale: deps.systemLocale,
    provisioningUrl: deps.provisioningUrl,
  });
  const numberSignIn = new NumberSignIn({
    state,
    session,
    preferences,
    provisioning,
    log: log.child({ service: 'number-sign-in' }),
  });
  const passwordSignIn = new PasswordSignIn({
    state,
    session,
    account,
    credentials: deps.credentials,
    preferences,
    settings: deps.settings,
    provisioning,
    log: log.child({ service: 'password-sign-in' }),
  });
  return {
    state,
    engine,
    session,
    numberSignIn,
    passwordSignIn,
    calls,
    history,
    preferences,
    directory,
    agent,
    chat,
    team,
    async start() {
      // Node loads its fetch (undici) at first use, ~60 ms on the main thread: now, at start-up, rather
      // than in the first directory sync after registering, when a call may already ring.
      void globalThis.Response;
      history.start();
      await session.resume();
    },
    async shutdown() {
      calls.shutdown();
      await session.shutdown();
      await directory.close();
    },
  };
}

function initialState(deps: AppCoreDeps): AppState {
  const settings = deps.settings.getSettings();
  return {
    account: null,
    registration: { status: 'signed-out' },
    calls: [],
    languagePreference: settings.languagePreference,
    language: resolveLanguage(settings.languagePreference, deps.systemLocale()),
    audioSettings: settings.audio ?? DEFAULT_AUDIO_SETTINGS,
    display: settings.display ?? DEFAULT_DISPLAY_SETTINGS,
  };
}
