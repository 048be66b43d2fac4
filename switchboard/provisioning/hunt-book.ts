/** One group call being hunted: who was tried, who rings now (and until when at the latest). */
type Hunt = {
  group: string;
  tried: Set<string>;
  ringing: string | null;
  reservedUntil: number;
  touchedAt: number;
  startedAt: number;
};

/** A hunt nobody has asked about for this long is dropped (Kamailio lost the call, or restarted). */
const forgetAfterMs = 10 * 60_000;

/**
 * Hunt state per Call-ID, in memory: a restart of the service loses only calls ringing right now.
 * A member ringing for one group call is reserved so a second group call skips them; the
 * reservation ends with the branch (Kamailio reports the outcome) or, should that report never
 * come, at ring timeout + 5 s.
 */
export class HuntBook {
  private readonly hunts = new Map<string, Hunt>();

  /** A new hunt; `caller` (their own extension, if they are a member) is never rung for it. */
  start(callId: string, group: string, now: number, caller: string): void {
    this.hunts.set(callId, {
      group,
      tried: new Set([caller]),
      ringing: null,
      reservedUntil: 0,
      touchedAt: now,
      startedAt: now,
    });
  }

  group(callId: string): string | null {
    return this.hunts.get(callId)?.group ?? null;
  }

  /** Members this call must not ring: tried already, or reserved by another call. */
  skipFor(callId: string, now: number): (extension: string) => boolean {
    const hunt = this.hunts.get(callId);
    return (extension) => (hunt?.tried.has(extension) ?? false) || this.reservedElsewhere(extension, callId, now);
  }

  ring(callId: string, member: string, ringTimeoutSec: number, now: number): void {
    const hunt = this.hunts.get(callId);
    if (!hunt) return;
    hunt.ringing = member;
    hunt.reservedUntil = now + (ringTimeoutSec + 5) * 1000;
    hunt.touchedAt = now;
  }

  /** A branch ended: the member is tried and no longer reserved. */
  branchEnded(callId: string, member: string, now: number): void {
    const hunt = this.hunts.get(callId);
    if (!hunt) return;
    hunt.tried.add(member);
    if (hunt.ringing === member) hunt.ringing = null;
    hunt.touchedAt = now;
  }

  end(callId: string): void {
    this.hunts.delete(callId);
  }

  forgetStale(now: number): void {
    for (const [callId, hunt] of this.hunts) {
      if (now - hunt.touchedAt > forgetAfterMs) this.hunts.delete(callId);
    }
  }

  /** Calls of a group still being hunted (nobody answered yet) and when the longest-waiting one came in. */
  waiting(group: string): { count: number; oldestSince: number | null } {
    let count = 0;
    let oldestSince: number | null = null;
    for (const hunt of this.hunts.values()) {
      if (hunt.group !== group) continue;
      count += 1;
      oldestSince = oldestSince === null ? hunt.startedAt : Math.min(oldestSince, hunt.startedAt);
    }
    return { count, oldestSince };
  }

  get size(): number {
    return this.hunts.size;
  }

  private reservedElsewhere(extension: string, callId: string, now: number): boolean {
    for (const [id, hunt] of this.hunts) {
      if (id !== callId && hunt.ringing === extension && hunt.reservedUntil > now) return true;
    }
    return false;
  }
}
