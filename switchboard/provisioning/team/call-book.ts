/**
 * The calls each agent's app reports (PUT /v1/my-calls), kept in memory for the team view: the call
 * now (direction, other party, since when) and the calls handled today with their handling time
 * (talk plus the after-call work that followed). In memory because a restart only loses today's
 * counts, and a table would be written at every call of every agent; history kept for reports is
 * the reports' landing (issue 19).
 */

export const callDirections = ['incoming', 'outgoing'] as const;
export type CallDirection = (typeof callDirections)[number];

/** One connected call as the app reports it: `talkMs` so far, so the service's clock places its start. */
export type ReportedCall = { id: string; direction: CallDirection; party: string; talkMs: number };

export type BookedCall = {
  id: string;
  direction: CallDirection;
  party: string;
  answeredAt: number;
  endedAt: number | null;
  /** After-call work that followed this call (0 until it ends). */
  wrapMs: number;
};

/** Calls kept per agent at most: the oldest go first (a day of a busy agent is far less). */
const MAX_CALLS_PER_AGENT = 500;

export class CallBook {
  private readonly byPerson = new Map<number, BookedCall[]>();

  /**
   * The app's list of connected calls now: new ids start, ids no longer listed end now.
   * Returns whether anything changed (the team view is told only then).
   */
  report(personId: number, calls: readonly ReportedCall[], now: number): boolean {
    const booked = this.byPerson.get(personId) ?? [];
    let changed = false;
    const listed = new Set(calls.map((call) => call.id));
    for (const call of booked) {
      if (call.endedAt === null && !listed.has(call.id)) {
        call.endedAt = now;
        changed = true;
      }
    }
    for (const call of calls) {
      if (booked.some((b) => b.id === call.id)) continue;
      booked.push({
        id: call.id,
        direction: call.direction,
        party: call.party,
        answeredAt: now - Math.max(0, call.talkMs),
        endedAt: null,
        wrapMs: 0,
      });
      changed = true;
    }
    if (booked.length > MAX_CALLS_PER_AGENT) booked.splice(0, booked.length - MAX_CALLS_PER_AGENT);
    this.byPerson.set(personId, booked);
    return changed;
  }

  /** The agent went offline or was signed out: whatever they had open has ended. */
  endAll(personId: number, now: number): boolean {
    return this.report(personId, [], now);
  }

  /** After-call work of `ms` ended: it belongs to the agent's last ended call. */
  addWrapUp(personId: number, ms: number): void {
    const last = this.byPerson
      .get(personId)
      ?.filter((call) => call.endedAt !== null)
      .at(-1);
    if (last) last.wrapMs += Math.max(0, ms);
  }

  /** The connected call the team view shows (the newest, when two are up). */
  current(personId: number): BookedCall | null {
    return (
      this.byPerson
        .get(personId)
        ?.filter((call) => call.endedAt === null)
        .at(-1) ?? null
    );
  }

  /** Calls that ended since `dayStart`, oldest first. */
  endedSince(personId: number, dayStart: number): BookedCall[] {
    return (this.byPerson.get(personId) ?? []).filter((call) => call.endedAt !== null && call.endedAt >= dayStart);
  }
}

/** Handling time of an ended call: talk plus its after-call work. */
export function handlingMs(call: BookedCall): number {
  return (call.endedAt ?? call.answeredAt) - call.answeredAt + call.wrapMs;
}
