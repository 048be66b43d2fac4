/**
 * The UpdaterPort over electron-updater: the generic provider's latest.yml (from the
 * packaged app-update.yml, or SWITCHBOARD_UPDATE_URL), downloads verified by
 * electron-updater's own sha512 check. It never downloads or installs on its own:
 * UpdateService decides when (never during a call).
 */
import { app } from 'electron';
import electronUpdater, { type ProgressInfo } from 'electron-updater';
import { readFeed } from '../../services/update/update-feed.ts';
import { isChecksumMismatch, UpdateIntegrityError } from '../../services/update/update-decision.ts';
import type { UpdaterPort } from '../../services/update/updater-port.ts';

export function electronUpdaterPort(options: { feedUrl?: string | undefined }): UpdaterPort {
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = false;
  // A downloaded, verified update installs when the user quits (the quit itself is confirmed during a call).
  autoUpdater.autoInstallOnAppQuit = true;
  if (options.feedUrl) {
    autoUpdater.setFeedURL({ provider: 'generic', url: options.feedUrl });
    // Lets a developer try the flow against a local feed without packaging.
    autoUpdater.forceDevUpdateConfig = !app.isPackaged;
  }

  return {
    async check() {
      try {
        const result = await autoUpdater.checkForUpdates();
        if (!result) return { ok: false, reason: 'feed-unreachable', detail: 'Updates are off in an unpackaged build' };
        const feed = readFeed(result.updateInfo);
        return feed.ok ? { ok: true, offer: feed.offer } : { ok: false, reason: 'feed-invalid', detail: feed.message };
      } catch (error) {
        return {
          ok: false,
          reason: 'feed-unreachable',
          detail: error instanceof Error ? error.message : String(error),
        };
      }
    },
    async download(_offer, onProgress) {
      const listener = (progress: ProgressInfo) => onProgress(progress.percent);
      autoUpdater.on('download-progress', listener);
      try {
        await autoUpdater.downloadUpdate();
      } catch (error) {
        if (isChecksumMismatch(error)) throw new UpdateIntegrityError((error as Error).message);
        throw error;
      } finally {
        autoUpdater.off('download-progress', listener);
      }
    },
    installNow() {
      autoUpdater.quitAndInstall();
    },
  };
}
