/**
 * Colleagues' presence in the window: only for the people a list shows right now. Rows subscribe by
 * extension; the cache asks main for the missing ones in one batch, merges main's deltas, and asks
 * again for everything shown after a reset (a fresh snapshot in main). Main keeps the whole company.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { SwitchboardApi } from '../../shared/ipc/contract.ts';
import type { GroupPresence, Presence } from '../../shared/presence.ts';

const BATCH = 500;

export class PresenceCache {
  private readonly api: SwitchboardApi;
  private readonly people = new Map<string, Presence>();
  private readonly shown = new Map<string, number>();
  private readonly missing = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private groupList: GroupPresence[] = [];
  private groupsAsked = false;
  private flushQueued = false;

  constructor(api: SwitchboardApi) {
    this.api = api;
    api.on('presence', (delta) => {
      if (delta.reset) {
        this.people.clear();
        for (const extension of this.shown.keys()) this.missing.add(extension);
        this.queueFlush();
        if (this.groupsAsked) void this.loadGroups();
        return;
      }
      for (const person of delta.people)
        if (this.shown.has(person.extension)) this.people.set(person.extension, person);
      if (delta.groups.length) {
        const byNumber = new Map(this.groupList.map((group) => [group.number, group]));
        for (const group of delta.groups) byNumber.set(group.number, group);
        this.groupList = [...byNumber.values()].sort((a, b) => a.number.localeCompare(b.number));
      }
      this.notify();
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** A row shows this person: keep their presence current until released. */
  show(extension: string): () => void {
    this.shown.set(extension, (this.shown.get(extension) ?? 0) + 1);
    if (!this.people.has(extension)) {
      this.missing.add(extension);
      this.queueFlush();
    }
    return () => {
      const left = (this.shown.get(extension) ?? 1) - 1;
      if (left > 0) this.shown.set(extension, left);
      else {
        this.shown.delete(extension);
        this.people.delete(extension);
      }
    };
  }

  get(extension: string): Presence | undefined {
    return this.people.get(extension);
  }

  groups(): GroupPresence[] {
    if (!this.groupsAsked) {
      this.groupsAsked = true;
      void this.loadGroups();
    }
    return this.groupList;
  }

  private async loadGroups(): Promise<void> {
    const result = await this.api.listPresenceGroups({});
    if (result.ok) {
      this.groupList = result.value;
      this.notify();
    }
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      const extensions = [...this.missing];
      this.missing.clear();
      for (let i = 0; i < extensions.length; i += BATCH) void this.load(extensions.slice(i, i + BATCH));
    });
  }

  private async load(extensions: string[]): Promise<void> {
    const result = await this.api.getPresence({ extensions });
    if (!result.ok) return;
    for (const person of result.value) if (this.shown.has(person.extension)) this.people.set(person.extension, person);
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

const caches = new WeakMap<SwitchboardApi, PresenceCache>();
export function presenceCache(api: SwitchboardApi): PresenceCache {
  let cache = caches.get(api);
  if (!cache) {
    cache = new PresenceCache(api);
    caches.set(api, cache);
  }
  return cache;
}

/** One colleague's live presence, or undefined (unknown, or no presence for this account). */
export function usePersonPresence(api: SwitchboardApi, extension: string | undefined): Presence | undefined {
  const cache = presenceCache(api);
  const subscribe = useCallback(
    (listener: () => void) => {
      const unsubscribe = cache.subscribe(listener);
      const release = extension ? cache.show(extension) : () => {};
      return () => {
        unsubscribe();
        release();
      };
    },
    [cache, extension],
  );
  return useSyncExternalStore(subscribe, () => (extension ? cache.get(extension) : undefined));
}

/** The company's groups with how many members are available. */
export function usePresenceGroups(api: SwitchboardApi): GroupPresence[] {
  const cache = presenceCache(api);
  return useSyncExternalStore(cache.subscribe, () => cache.groups());
}
