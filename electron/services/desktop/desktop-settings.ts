/**
 * Start at login, the link handler, "call links at once" and the answer/hang-up
 * shortcuts: stored in their own JSON file (so they merge with nothing else) and
 * applied to the OS through a port — Electron's app/globalShortcut in main, a
 * recording stand-in in the browser host.
 */
import { join } from 'node:path';
import type { CallSnapshot } from '../../../src/shared/domain.ts';
import {
  DesktopSettingsPatchSchema,
  DesktopSettingsSchema,
  type DesktopSettings,
  type DesktopSettingsPatch,
  type DesktopSettingsResult,
} from '../../../src/shared/desktop-settings.ts';
import { JsonFileStore } from '../settings/json-file-store.ts';
import type { KeyValueStore } from '../settings/key-value-store.ts';

export type ShortcutAction = 'answer' | 'hangUp';

export interface DesktopIntegrationPort {
  setStartAtLogin(enabled: boolean): void;
  setLinkHandler(enabled: boolean): void;
  /** Replaces every global shortcut; returns the accelerators another app already holds. */
  setShortcuts(shortcuts: ReadonlyArray<{ accelerator: string; action: ShortcutAction }>): string[];
}

const KEY = 'desktop';

export class DesktopSettingsService {
  private current: DesktopSettings;
  private unavailable: string[] = [];
  private readonly store: KeyValueStore;
  private readonly os: DesktopIntegrationPort;

  constructor(store: KeyValueStore, os: DesktopIntegrationPort) {
    this.store = store;
    this.os = os;
    const stored = DesktopSettingsSchema.safeParse(store.get(KEY) ?? {});
    this.current = stored.success ? stored.data : DesktopSettingsSchema.parse({});
  }

  static inDataDir(dataDir: string, os: DesktopIntegrationPort): DesktopSettingsService {
    return new DesktopSettingsService(new JsonFileStore(join(dataDir, 'desktop-settings.json')), os);
  }

  get(): DesktopSettingsResult {
    return { settings: { ...this.current }, unavailableShortcuts: [...this.unavailable] };
  }

  /** At start-up: makes the OS match the stored settings. */
  applyAll(): DesktopSettingsResult {
    this.os.setStartAtLogin(this.current.startAtLogin);
    this.os.setLinkHandler(this.current.handleLinks);
    this.applyShortcuts();
    return this.get();
  }

  update(patch: DesktopSettingsPatch): DesktopSettingsResult {
    const parsed = DesktopSettingsPatchSchema.parse(patch);
    const before = this.current;
    this.current = { ...before, ...stripUndefined(parsed) };
    this.store.set(KEY, this.current);
    if (before.startAtLogin !== this.current.startAtLogin) this.os.setStartAtLogin(this.current.startAtLogin);
    if (before.handleLinks !== this.current.handleLinks) this.os.setLinkHandler(this.current.handleLinks);
    if (
      before.shortcutsEnabled !== this.current.shortcutsEnabled ||
      before.answerShortcut !== this.current.answerShortcut ||
      before.hangUpShortcut !== this.current.hangUpShortcut
    )
      this.applyShortcuts();
    return this.get();
  }

  private applyShortcuts(): void {
    const { shortcutsEnabled, answerShortcut, hangUpShortcut } = this.current;
    this.unavailable = this.os.setShortcuts(
      shortcutsEnabled
        ? [
            { accelerator: answerShortcut, action: 'answer' },
            { accelerator: hangUpShortcut, action: 'hangUp' },
          ]
        : [],
    );
  }
}

/** Which call a shortcut acts on: Answer takes the ringing call; Hang up ends the live call, else declines a ringing one. */
export function shortcutTarget(
  action: ShortcutAction,
  calls: readonly CallSnapshot[],
): { verb: 'answer' | 'hangup' | 'decline'; callId: string } | null {
  const ringing = calls.find((call) => call.phase === 'incoming');
  if (action === 'answer') return ringing ? { verb: 'answer', callId: ringing.id } : null;
  const live = calls.find((call) => ['dialing', 'ringing', 'connecting', 'connected'].includes(call.phase));
  if (live) return { verb: 'hangup', callId: live.id };
  return ringing ? { verb: 'decline', callId: ringing.id } : null;
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
