/** Brings the local directory up to the provisioning service's current version, page by page. */
import type { ProvisionedDevice } from '../../../src/shared/domain.ts';
import type { DirectoryStore } from './directory-store.ts';
import { FeedPageSchema, type FeedPage } from './feed.ts';

export type SyncFailure = 'offline' | 'signed-out-elsewhere' | 'server-error';

export class DirectorySyncError extends Error {
  readonly reason: SyncFailure;
  constructor(reason: SyncFailure, message: string) {
    super(message);
    this.name = 'DirectorySyncError';
    this.reason = reason;
  }
}

/** Who writes what the feed sends: the store itself, or a worker thread over the same file (directory-writer.ts). */
export type PageWriter = {
  useSource(serviceUrl: string, companyId: number): void | Promise<void>;
  applyPage(page: FeedPage, now: number): void | Promise<void>;
};

export type SyncOptions = {
  fetch?: typeof fetch;
  writer?: PageWriter;
  pageSize?: number;
  now?: () => number;
  timeoutMs?: number;
  /** Stops the sync at quit: no page is asked for or written once it fires (the store is about to close). */
  signal?: AbortSignal;
};

export type SyncResult = { pages: number; people: number; deleted: number; version: number };

/**
 * Each page is applied together with its cursor, so stopping anywhere (offline, quit, crash)
 * loses nothing and the next sync repeats nothing.
 */
export async function syncDirectory(
  store: DirectoryStore,
  device: ProvisionedDevice,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const writer = options.writer ?? store;
  await writer.useSource(device.serviceUrl, device.companyId);
  const result: SyncResult = { pages: 0, people: 0, deleted: 0, version: 0 };
  for (;;) {
    const since = store.syncState()?.version ?? 0;
    const url = new URL('/v1/directory', device.serviceUrl);
    url.searchParams.set('since', String(since));
    url.searchParams.set('limit', String(options.pageSize ?? 2000));
    const response = await fetchPage(fetchImpl, url, device.token, options.timeoutMs ?? 30_000, options.signal);
    if (response.status === 401) {
      throw new DirectorySyncError('signed-out-elsewhere', 'This computer is no longer signed in at the service');
    }
    if (!response.ok) throw new DirectorySyncError('server-error', `The directory service answered ${response.status}`);
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new DirectorySyncError('offline', `The directory download broke off: ${String(error)}`);
    }
    const page = FeedPageSchema.safeParse(body);
    if (!page.success) {
      throw new DirectorySyncError(
        'server-error',
        `The directory service sent a page this app cannot read: ${page.error.message.slice(0, 200)}`,
      );
    }
    if (options.signal?.aborted) return result;
    // Logged out (or another account) while this page was on its way: it belongs to nobody now.
    const state = store.syncState();
    if (!state || state.serviceUrl !== device.serviceUrl || state.companyId !== device.companyId) return result;
    await writer.applyPage(page.data, now());
    result.pages++;
    result.people += page.data.people.length;
    result.deleted += page.data.deleted.length;
    result.version = page.data.next;
    if (!page.data.more) return result;
  }
}

/**
 * One page request, tried again twice when the connection fails before an answer: a kept-alive
 * socket the server closed while the previous page was being applied fails the next request,
 * and asking again is harmless (a page is a read).
 */
async function fetchPage(
  fetchImpl: typeof fetch,
  url: URL,
  token: string,
  timeoutMs: number,
  stop: AbortSignal | undefined,
): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchImpl(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: stop ? AbortSignal.any([AbortSignal.timeout(timeoutMs), stop]) : AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (stop?.aborted) throw new DirectorySyncError('offline', 'The directory sync was stopped');
      if (attempt >= 3) {
        const cause = (error as { cause?: unknown }).cause;
        throw new DirectorySyncError(
          'offline',
          `The directory service cannot be reached: ${String(error)}${cause ? ` (${String(cause)})` : ''}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** A colleague's avatar: the cached copy, revalidated with its ETag when the service is reachable. */
export async function fetchAvatar(
  store: DirectoryStore,
  device: ProvisionedDevice,
  personId: number,
  fetchImpl: typeof fetch = fetch,
): Promise<{ contentType: string; bytes: Buffer } | null> {
  const cached = store.cachedAvatar(personId);
  try {
    const response = await fetchImpl(new URL(`/v1/directory/avatars/${personId}`, device.serviceUrl), {
      headers: { authorization: `Bearer ${device.token}`, ...(cached ? { 'if-none-match': cached.etag } : {}) },
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 304 && cached) return cached;
    if (!response.ok) return cached;
    const contentType = response.headers.get('content-type') ?? '';
    if (!/^image\/(png|jpeg|webp|svg\+xml)$/.test(contentType)) return cached;
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > 262_144) return cached;
    const etag = response.headers.get('etag');
    if (etag) store.cacheAvatar(personId, { etag, contentType, bytes });
    return { contentType, bytes };
  } catch {
    return cached;
  }
}
