/**
 * The company's live presence, kept in the main process only: 100k people would not fit the state every
 * window gets on each change. Windows ask for the few people they show and get changes as small deltas.
 */
import type {
  DeskPhone,
  GroupPresence,
  Presence,
  PresenceDelta,
  PresenceSnapshot,
} from '../../../src/shared/presence.ts';

export class PresenceStore {
  private readonly people = new Map<string, Presence>();
  private readonly groupsByNumber = new Map<string, GroupPresence>();
  /** From each snapshot (the service sends no events for them; a new desk phone shows after the next one). */
  private deskPhoneList: DeskPhone[] = [];
  private pending: { reset: boolean; people: Map<string, Presence>; groups: Map<string, GroupPresence> } | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onDelta: (delta: PresenceDelta) => void;
  private readonly batchMs: number;

  /** Changes within `batchMs` go out as one delta (a busy company changes many times a second). */
  constructor(onDelta: (delta: PresenceDelta) => void, batchMs = 50) {
    this.onDelta = onDelta;
    this.batchMs = batchMs;
  }

  replace(snapshot: PresenceSnapshot): void {
    this.people.clear();
    this.groupsByNumber.clear();
    for (const person of snapshot.people) this.people.set(person.extension, person);
    this.people.set(snapshot.me.extension, snapshot.me);
    for (const group of snapshot.groups) this.groupsByNumber.set(group.number, group);
    this.deskPhoneList = snapshot.deskPhones;
    this.queue().reset = true;
    this.schedule();
  }

  update(person: Presence): void {
    this.people.set(person.extension, person);
    this.queue().people.set(person.extension, person);
    this.schedule();
  }

  updateGroup(group: GroupPresence): void {
    this.groupsByNumber.set(group.number, group);
    this.queue().groups.set(group.number, group);
    this.schedule();
  }

  clear(): void {
    if (this.people.size === 0 && this.groupsByNumber.size === 0) return;
    this.people.clear();
    this.groupsByNumber.clear();
    this.deskPhoneList = [];
    this.queue().reset = true;
    this.schedule();
  }

  lookup(extensions: readonly string[]): Presence[] {
    return extensions.flatMap((extension) => {
      const person = this.people.get(extension);
      return person ? [person] : [];
    });
  }

  get(extension: string): Presence | null {
    return this.people.get(extension) ?? null;
  }

  groups(): GroupPresence[] {
    return [...this.groupsByNumber.values()].sort((a, b) => a.number.localeCompare(b.number));
  }

  group(number: string): GroupPresence | null {
    return this.groupsByNumber.get(number) ?? null;
  }

  deskPhones(): DeskPhone[] {
    return this.deskPhoneList;
  }

  dispose(): void {
    clearTimeout(this.flushTimer);
    this.pending = null;
  }

  private queue() {
    this.pending ??= { reset: false, people: new Map(), groups: new Map() };
    return this.pending;
  }

  private schedule(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const pending = this.pending;
      this.pending = null;
      if (!pending) return;
      // After a reset the windows ask again for what they show; the changes are then already in the answer.
      this.onDelta(
        pending.reset
          ? { reset: true, people: [], groups: [] }
          : { reset: false, people: [...pending.people.values()], groups: [...pending.groups.values()] },
      );
    }, this.batchMs);
    this.flushTimer.unref?.();
  }
}
