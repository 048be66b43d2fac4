/**
 * The updater under plain Node (the browser host): the same generic feed as
 * electron-updater (`<feed>/latest.yml` + the installer beside it), the same
 * sha512 check, so "check → download → verify" is tested end to end without an
 * Electron binary. There is no installer to run here: installNow() only reports.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { once } from 'node:events';
import { parseFeedText, type UpdateOffer } from './update-feed.ts';
import { verifySha512 } from './update-decision.ts';
import type { CheckResult, UpdaterPort } from './updater-port.ts';

export type NodeUpdaterOptions = {
  /** The directory URL the feed is published at, e.g. http://127.0.0.1:8080/updates/ */
  feedUrl: string;
  /** Where verified downloads are kept. */
  downloadDir: string;
  channelFile?: string;
  onInstall?: (file: string) => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

export function nodeUpdater(options: NodeUpdaterOptions): UpdaterPort {
  const doFetch = options.fetch ?? fetch;
  const base = options.feedUrl.endsWith('/') ? options.feedUrl : `${options.feedUrl}/`;
  const timeout = options.timeoutMs ?? 30_000;
  let downloaded: string | null = null;

  return {
    async check(): Promise<CheckResult> {
      let text: string;
      try {
        const response = await doFetch(new URL(options.channelFile ?? 'latest.yml', base), {
          signal: AbortSignal.timeout(timeout),
          cache: 'no-store',
        });
        if (!response.ok) return { ok: false, reason: 'feed-unreachable', detail: `HTTP ${response.status}` };
        text = await response.text();
      } catch (error) {
        return { ok: false, reason: 'feed-unreachable', detail: describe(error) };
      }
      const parsed = parseFeedText(text);
      return parsed.ok
        ? { ok: true, offer: parsed.offer }
        : { ok: false, reason: 'feed-invalid', detail: parsed.message };
    },

    async download(offer: UpdateOffer, onProgress) {
      const url = new URL(offer.file.url, base);
      // The file name comes from the feed: only its last segment, so it cannot point outside downloadDir.
      const name = basename(decodeURIComponent(url.pathname)).replace(/[^\w.+-]/g, '_') || 'update';
      await mkdir(options.downloadDir, { recursive: true });
      const partial = join(options.downloadDir, `${name}.partial`);
      const response = await doFetch(url, { signal: AbortSignal.timeout(10 * timeout) });
      if (!response.ok || !response.body) throw new Error(`download failed: HTTP ${response.status}`);
      const total = offer.file.size ?? Number(response.headers.get('content-length') ?? 0);
      const hash = createHash('sha512');
      const out = createWriteStream(partial);
      let received = 0;
      try {
        for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
          hash.update(chunk);
          received += chunk.length;
          if (total > 0 && received > total)
            throw new Error(`download is larger than the ${total} bytes the feed says`);
          if (!out.write(chunk)) await once(out, 'drain');
          if (total > 0) onProgress((received / total) * 100);
        }
        out.end();
        await once(out, 'finish');
        verifySha512(offer.file.sha512, hash.digest('base64'));
      } catch (error) {
        out.destroy();
        await rm(partial, { force: true });
        throw error;
      }
      onProgress(100);
      const file = join(options.downloadDir, name);
      await rename(partial, file);
      downloaded = file;
    },

    installNow() {
      if (downloaded) options.onInstall?.(downloaded);
    },
  };
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
