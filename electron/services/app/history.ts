/**
 * The call history as the user handles it: lists and searches, delete and clear, the retention
 * setting, the missed-call badge (in the windows and on the dock/launcher), and export.
 */
import type {
  CallHistoryInfo,
  CallLogView,
  CallWrapUp,
  ExportFormat,
  HistoryRetention,
  Language,
} from '../../../src/shared/domain.ts';
import { exportCallLog, type ExportResult } from '../call-log/export.ts';
import { UserFacingError } from '../user-facing-error.ts';
import type { CallLogPort, CallLogQuery, ExportTarget, SettingsPort, UiBroadcast } from './ports.ts';

const DAY_MS = 86_400_000;
const RETENTION_MS: Record<HistoryRetention, number | null> = { forever: null, '1y': 365 * DAY_MS, '90d': 90 * DAY_MS };

export type HistoryDeps = {
  callLog: CallLogPort;
  settings: SettingsPort;
  ui: UiBroadcast;
  now: () => number;
  /** The exported file's column names follow the UI's language. */
  language: () => Language;
  /** Where exports go (a save dialog in Electron, a directory in the browser host). */
  exportTarget?: ExportTarget | undefined;
  /** The window's missed-call badge (Electron: app.setBadgeCount). */
  setBadge?: ((missedUnseen: number) => void) | undefined;
};

export class HistoryService {
  private readonly deps: HistoryDeps;

  constructor(deps: HistoryDeps) {
    this.deps = deps;
  }

  /** At start-up: old calls go, and the windows and the badge learn how many calls were missed. */
  start(): void {
    if (this.applyRetention() > 0) this.deps.ui.broadcast('callLogChanged', {});
    this.pushInfo();
  }

  /** A page of the view (read off the main thread in the app: see call-log-reader.ts). */
  async list(query: CallLogQuery) {
    return this.deps.callLog.list(query);
  }

  delete(id: string): void {
    this.deps.callLog.delete(id);
    this.changed();
  }

  clear(): { deleted: number } {
    const deleted = this.deps.callLog.clear();
    this.changed();
    return { deleted };
  }

  info(): CallHistoryInfo {
    return {
      missedUnseen: this.deps.callLog.countUnseenMissed(),
      retention: this.deps.settings.getSettings().historyRetention,
    };
  }

  /** The user looked at missed calls: everything missed until now counts as seen. */
  markMissedSeen(): void {
    this.deps.callLog.markMissedSeen(this.deps.now());
    this.pushInfo();
  }

  setRetention(retention: HistoryRetention): { deleted: number } {
    this.deps.settings.updateSettings({ historyRetention: retention });
    const deleted = this.applyRetention();
    if (deleted > 0) this.changed();
    else this.pushInfo();
    return { deleted };
  }

  /** The wrap-up picked in after-call work (or a required one missing): kept with the calls, the lists follow. */
  wrapUp(callIds: readonly string[], wrapUp: CallWrapUp): void {
    if (this.deps.callLog.setWrapUp(callIds, wrapUp) > 0) this.changed();
  }

  /** A call's last row was written: retention applies, the lists and the badge follow. */
  callRecorded(): void {
    this.applyRetention();
    this.changed();
  }

  async export(request: { view: CallLogView; format: ExportFormat; timeZone: string }): Promise<ExportResult> {
    const target = this.deps.exportTarget;
    if (!target) throw new UserFacingError('export-unavailable', 'Export is not available here.');
    return exportCallLog({
      list: (query) => this.deps.callLog.list(query),
      view: request.view,
      format: request.format,
      timeZone: request.timeZone,
      language: this.deps.language(),
      target,
      now: this.deps.now(),
    });
  }

  /** Deletes calls older than the retention setting allows. */
  private applyRetention(): number {
    const keepMs = RETENTION_MS[this.deps.settings.getSettings().historyRetention];
    return keepMs === null ? 0 : this.deps.callLog.deleteStartedBefore(this.deps.now() - keepMs);
  }

  private changed(): void {
    this.deps.ui.broadcast('callLogChanged', {});
    this.pushInfo();
  }

  private pushInfo(): void {
    const info = this.info();
    this.deps.ui.broadcast('callHistoryInfo', info);
    this.deps.setBadge?.(info.missedUnseen);
  }
}
