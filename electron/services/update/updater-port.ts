/**
 * How the update service reaches an updater: electron-updater in the app
 * (electron/main/adapters/electron-updater.ts), a plain-Node one in the browser host
 * (node-updater.ts). Both read the same generic feed and verify the same sha512.
 */
import type { UpdateOffer } from './update-feed.ts';

export type CheckResult =
  { ok: true; offer: UpdateOffer } | { ok: false; reason: 'feed-unreachable' | 'feed-invalid'; detail: string };

export interface UpdaterPort {
  /** Reads the feed; never throws. */
  check(): Promise<CheckResult>;
  /**
   * Downloads the offered installer, reporting 0–100, and verifies its sha512.
   * Rejects with UpdateIntegrityError when the file does not match (the file is discarded).
   */
  download(offer: UpdateOffer, onProgress: (percent: number) => void): Promise<void>;
  /** Quits and runs the downloaded installer now. */
  installNow(): void;
}

/** For a build with no feed configured: every check says so, nothing downloads. */
export const noUpdateFeed: UpdaterPort = {
  check: async () => ({ ok: false, reason: 'feed-unreachable', detail: 'No update feed is configured' }),
  download: async () => {
    throw new Error('No update feed is configured');
  },
  installNow: () => {},
};
