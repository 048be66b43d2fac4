/**
 * What the app core needs from the outside world. Electron's main process and the
 * browser host each provide these; the core never knows which one it runs under.
 */
import type { AudioSettings } from '../../../src/shared/audio.ts';
import type { AgentSettings } from '../../../src/shared/presence.ts';
import type { DisplaySettings } from '../../../src/shared/display.ts';
import type { StationMemories } from '../../../src/shared/station.ts';
import type {
  CallLogEntry,
  CallLogView,
  CallSnapshot,
  CallWrapUp,
  HistoryRetention,
  LanguagePreference,
  RegistrationState,
  SavedAccount,
} from '../../../src/shared/domain.ts';
import type { EngineCommand, EngineCommandPayload, UiEvent, UiEventPayload } from '../../../src/shared/ipc/contract.ts';

/** The hidden engine window: created at sign-in, destroyed at sign-out/quit. */
export interface EngineWindow {
  /**
   * Opens the engine page; it reports `ready` when it can take commands. `onGone` is called if the
   * page crashes or closes other than through close().
   */
  open(onGone: (reason: string) => void): Promise<void>;
  close(): Promise<void>;
  send<C extends EngineCommand>(command: C, payload: EngineCommandPayload<C>): void;
}

/** Every UI window (main window, later the incoming-call popup). */
export interface UiBroadcast {
  broadcast<E extends UiEvent>(event: E, payload: UiEventPayload<E>): void;
}

export interface CallLogPort {
  recordCallStarted(snapshot: CallSnapshot): void;
  recordCallUpdated(snapshot: CallSnapshot): void;
  recordCallEnded(snapshot: CallSnapshot): void;
  heartbeat(callIds: string[], now: number): void;
  /** The wrap-up picked in after-call work, kept with the calls it followed. */
  setWrapUp(callIds: readonly string[], wrapUp: CallWrapUp): number;
  /** A page of the view; the app reads it on a worker thread (call-log-reader.ts), tests in place. */
  list(query: CallLogQuery): CallLogEntry[] | Promise<CallLogEntry[]>;
  delete(id: string): boolean;
  clear(): number;
  deleteStartedBefore(cutoff: number): number;
  countUnseenMissed(): number;
  markMissedSeen(at: number): void;
}

export type CallLogQuery = CallLogView & {
  limit: number;
  before?: { startedAt: number; id: string } | undefined;
};

export interface SettingsPort {
  getSettings(): {
    languagePreference: LanguagePreference;
    historyRetention: HistoryRetention;
    provisioningUrl?: string;
    audio?: AudioSettings;
    agent?: AgentSettings;
    display?: DisplaySettings;
    stations?: StationMemories;
  };
  updateSettings(partial: {
    languagePreference?: LanguagePreference;
    historyRetention?: HistoryRetention;
    provisioningUrl?: string;
    audio?: AudioSettings;
    agent?: AgentSettings;
    display?: DisplaySettings;
    stations?: StationMemories;
  }): unknown;
}

export type { ExportTarget } from '../call-log/export.ts';

export interface CredentialsPort {
  /** Says where the account went (the credential store's answer); a double may answer nothing. */
  save(account: SavedAccount): { saved: true; keychain: boolean } | { saved: false } | void;
  load(): SavedAccount | null;
  clear(): void;
  /** Why the last load() gave nothing: 'missing' is normal, anything else means a saved account was lost. */
  readonly lastLoadReason?: string | null;
}

/** Tells a TLS failure from an unreachable server, which a browser WebSocket cannot. */
export type DiagnoseConnection = (serverUrl: string) => Promise<RegistrationState | null>;

/**
 * The small always-on-top window for a call that rings while the main window is away (hidden, behind
 * other apps, closed), and the OS notification that goes with it. Electron: a BrowserWindow and a
 * Notification; the browser host: a Chromium page and a list tests read.
 */
export interface CallWindowPort {
  /** The main window is on screen and has focus: the ringing call shows there, no small window. */
  mainWindowInFront(): boolean;
  /** Opens it at `size`: larger with a larger text size (callWindowSize), so nothing in it is cut off. */
  open(size: { width: number; height: number }): Promise<void> | void;
  close(): Promise<void> | void;
  /** Answered from the small window: the main window comes up with the call. */
  showMainWindow(): Promise<void> | void;
  /** Clicking it brings up the main window (where the OS lets it). */
  notify(notification: { title: string; body: string }): void;
}
