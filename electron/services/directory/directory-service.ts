/**
 * The directory feature of the app core: syncs after sign-in, every few minutes and whenever the
 * switchboard is reachable again; answers the UI's browsing and searching from the local store,
 * so the last directory keeps working offline.
 */
import type { DirectoryStatus, SearchHit } from '../../../src/shared/directory.ts';
import type { ProvisionedDevice } from '../../../src/shared/domain.ts';
import type { DirectoryStore } from './directory-store.ts';
import { DirectorySyncError, fetchAvatar, syncDirectory } from './directory-sync.ts';
import { createDirectoryWriter, type DirectoryWriter } from './directory-writer.ts';

export type DirectoryServiceOptions = {
  store: DirectoryStore;
  /** The device a number sign-in issued; null after a manual SIP sign-in (no directory then). */
  device: () => ProvisionedDevice | null;
  onStatus: (status: DirectoryStatus) => void;
  /** The directory changed: lists and searches should be asked again. */
  onChanged: () => void;
  fetch?: typeof fetch;
  now?: () => number;
  periodMs?: number;
  /** Who writes the sync (default: a worker thread for a store in a file, see directory-writer.ts). */
  writer?: DirectoryWriter;
};

/** A person as other features (the transfer picker) need them: someone to call. */
export type PersonToCall = { id: number; name: string; extension: string; department: string | null; mobile: string };

export class DirectoryService {
  private readonly options: DirectoryServiceOptions;
  private readonly writer: DirectoryWriter;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastError: DirectoryStatus['error'] = null;
  /** Fires at quit, so a sync under way stops before the store it writes to is closed. */
  private readonly stopping = new AbortController();

  constructor(options: DirectoryServiceOptions) {
    this.options = options;
    this.writer = options.writer ?? createDirectoryWriter(options.store);
  }

  get store(): DirectoryStore {
    return this.options.store;
  }

  status(): DirectoryStatus {
    const device = this.options.device();
    const state = this.store.syncState();
    const people = device ? this.store.count() : 0;
    return {
      state: !device
        ? 'no-device'
        : this.running
          ? 'syncing'
          : this.lastError && !state?.lastSyncAt
            ? 'error'
            : state?.lastSyncAt
              ? 'ready'
              : 'empty',
      people,
      version: state?.version ?? 0,
      lastSyncAt: state?.lastSyncAt ?? null,
      error: this.lastError,
    };
  }

  /** Syncs now (or right after the sync under way); resolves when the directory is current or the sync failed. */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const device = this.options.device();
    if (!device || this.stopping.signal.aborted) return Promise.resolve();
    this.running = this.run(device).finally(() => {
      this.running = null;
      this.options.onStatus(this.status());
      if (this.again && !this.stopping.signal.aborted) {
        this.again = false;
        void this.sync();
      }
    });
    this.options.onStatus(this.status());
    return this.running;
  }

  private async run(device: ProvisionedDevice): Promise<void> {
    let changed = false;
    let synced = false;
    try {
      const result = await syncDirectory(this.store, device, {
        writer: this.writer,
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
        ...(this.options.now ? { now: this.options.now } : {}),
        signal: this.stopping.signal,
      });
      this.lastError = null;
      changed = result.people > 0 || result.deleted > 0;
      synced = true;
    } catch (error) {
      if (!(error instanceof DirectorySyncError)) throw error;
      this.lastError = error.reason;
      // What arrived before the break is searchable at once.
      changed = true;
    } finally {
      await this.writer.settle(changed);
    }
    if (synced) this.options.onChanged();
  }

  /** Periodic sync while signed in. */
  start(): void {
    this.stop();
    this.timer = setInterval(() => void this.sync(), this.options.periodMs ?? 5 * 60_000);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Quit: no more syncs, the one under way stops at its next step and is waited for, and the writer's thread ends;
   * only then may the store be closed (a sync finishing later once wrote to a closed database).
   */
  async close(): Promise<void> {
    this.stop();
    this.stopping.abort();
    await this.running?.catch(() => undefined);
    await this.writer.close();
  }

  /** Log out: the colleagues' numbers do not stay on this computer. */
  forget(): void {
    this.stop();
    this.lastError = null;
    this.store.clear();
    this.options.onChanged();
    this.options.onStatus(this.status());
  }

  search(query: string, limit = 50): SearchHit[] {
    return this.options.device() ? this.store.search(query, limit) : [];
  }

  /** For other features (e.g. the transfer picker): people to call, best match first. */
  searchPeople(query: string, limit = 20): PersonToCall[] {
    return this.search(query, limit).map(({ person }) => ({
      id: person.id,
      name: person.name,
      extension: person.extension,
      department: person.departmentPath.at(-1) ?? null,
      mobile: person.mobile,
    }));
  }

  /**
   * Who a dialled number belongs to: a colleague's extension, or their mobile with or without the country code.
   * The call screen and the history then show the name, as for a call that comes in.
   */
  nameOf(number: string): string | undefined {
    const digits = number.replace(/\D/g, '');
    if (!digits) return undefined;
    const owner = this.search(digits, 5).find(
      ({ person }) =>
        person.extension === digits || (digits.length >= 7 && person.mobile.replace(/\D/g, '').endsWith(digits)),
    );
    return owner?.person.name;
  }

  async avatar(personId: number): Promise<string | null> {
    const device = this.options.device();
    if (!device) return null;
    const avatar = await fetchAvatar(this.store, device, personId, this.options.fetch);
    return avatar ? `data:${avatar.contentType};base64,${avatar.bytes.toString('base64')}` : null;
  }
}
