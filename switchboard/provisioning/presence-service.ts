import { limitingPermission } from './call-permission.ts';
import { randomUUID } from 'node:crypto';
import {
  answeredGroupCall,
  defaultAgentPolicy,
  expireAfterCallWork,
  requestStatus,
  ringedOut,
  StatusRefusedError,
  type AgentPolicy,
  type AgentState,
  type RingTarget,
  type StatusRequest,
} from './agent-status.ts';
import { AgentStore, type DeskPhone, type GroupPresence, type Presence, type Station } from './agent-store.ts';
import type { CallbackPlacer } from './callback-placer.ts';
import type { Clock } from './clock.ts';
import type { ProvisioningDb } from './db.ts';
import { HuntBook } from './hunt-book.ts';
import { huntStep, routeDecision, type CallFacts, type RouteDecision } from './route-decision.ts';
import { StreamRegistry, type StreamCounts, type StreamLimits } from './presence-streams.ts';
import { ProvisioningError, type RevokedDevice, type SignedInDevice } from './service.ts';
import { TokenBuckets } from './token-bucket.ts';

export type PresenceSnapshot = {
  me: Presence;
  /** Only in the person's own snapshot: whether a desk phone can ring, the number they typed last. */
  station: Station;
  policy: AgentPolicy;
  people: Presence[];
  groups: GroupPresence[];
  deskPhones: DeskPhone[];
  at: number;
};

/** A stored change of a person's state, with the state before and after (the team view books after-call work). */
export type PersonChangeListener = (personId: number, before: AgentState, after: AgentState) => void;

export type PresenceEvent = { event: 'presence'; data: Presence } | { event: 'group'; data: GroupPresence };
export type PresenceListener = (event: PresenceEvent) => void;

/** How a hunt branch ended, as Kamailio reports it. */
export const branchOutcomes = ['timeout', 'declined', 'unavailable', 'canceled', 'answered'] as const;
export type BranchOutcome = (typeof branchOutcomes)[number];

/** Who a bearer token belongs to, and which devices stop being signed in (ProvisioningService). */
export interface DeviceTokens {
  deviceByToken(token: string): { deviceId: string; personId: number; companyId: number };
  onDeviceRevoked(listener: (revoked: RevokedDevice) => void): void;
  onDeviceSignedIn(listener: (signedIn: SignedInDevice) => void): void;
}

/** What one client may hold and do (docs/status-and-presence.md, "Limits"). */
export type PresenceLimits = StreamLimits & {
  /** Status and ring-target changes a person may make at once, then `changesPerMinute`. */
  changeBurst: number;
  changesPerMinute: number;
  /** Unsent bytes (beyond its snapshot) a stream may have before it is ended to resync (presence-http.ts). */
  maxBufferedBytes: number;
};

export const defaultPresenceLimits: PresenceLimits = {
  maxStreamsPerDevice: 4,
  maxStreamsPerCompany: 10_000,
  changeBurst: 10,
  changesPerMinute: 30,
  maxBufferedBytes: 64 * 1024,
};

/** A stream as presence-http.ts holds it: `drop` when it fell behind (counted), `unsubscribe` when it closed. */
export type PresenceSubscription = { snapshot: PresenceSnapshot; unsubscribe: () => void; drop: () => void };

export type PresenceServiceOptions = {
  db: ProvisioningDb;
  clock: Clock;
  devices: DeviceTokens;
  callbacks: CallbackPlacer;
  /** The SIP user that tells group callers nobody is available (`announce <user>`). */
  announcementUser?: string;
  /** Ring timeout for numbers that are not ours (outside numbers, built-in users): Kamailio's own. */
  unknownRingTimeoutSec?: number;
  /** How often the server checks after-call-work deadlines (default 250 ms). */
  sweepIntervalMs?: number;
  limits?: Partial<PresenceLimits>;
};

/**
 * Working status, presence and group-call routing (docs/status-and-presence.md). Every change to a
 * person's state goes through `change`, which stores it and tells the person's company: a
 * `presence` event, plus a `group` event for each of their groups when their availability flipped.
 */
export class PresenceService {
  private readonly store: AgentStore;
  private readonly clock: Clock;
  private readonly devices: DeviceTokens;
  private readonly callbacks: CallbackPlacer;
  private readonly hunts = new HuntBook();
  private readonly db: ProvisioningDb;
  private readonly streams: StreamRegistry<PresenceEvent>;
  private readonly changeBuckets: TokenBuckets<number>;
  readonly limits: PresenceLimits;
  private readonly announcementUser: string;
  private readonly unknownRingTimeoutSec: number;
  private readonly sweepIntervalMs: number;
  private sweeper: NodeJS.Timeout | null = null;
  private readonly personListeners: PersonChangeListener[] = [];
  private readonly huntListeners: ((groupNumber: string) => void)[] = [];

  constructor(options: PresenceServiceOptions) {
    this.db = options.db;
    this.store = new AgentStore(options.db);
    this.clock = options.clock;
    this.devices = options.devices;
    this.callbacks = options.callbacks;
    this.announcementUser = options.announcementUser ?? 'group-busy';
    this.unknownRingTimeoutSec = options.unknownRingTimeoutSec ?? 120;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 250;
    this.limits = { ...defaultPresenceLimits, ...options.limits };
    this.streams = new StreamRegistry(this.limits);
    this.changeBuckets = new TokenBuckets(
      { burst: this.limits.changeBurst, perMinute: this.limits.changesPerMinute },
      this.clock,
    );
    this.devices.onDeviceRevoked((revoked) => this.deviceRevoked(revoked));
    this.devices.onDeviceSignedIn((signedIn) => this.deviceSignedIn(signedIn));
  }

  /** Starts the server's own timer (after-call work ends even when the app is gone). */
  start(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      try {
        this.sweep();
      } catch (error) {
        // A failed check is retried at the next tick; it must not take the service down.
        console.error('provisioning: after-call-work check failed', error);
      }
    }, this.sweepIntervalMs);
    this.sweeper.unref();
  }

  /** Stops the timer and ends every event stream. */
  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    this.streams.endAll();
  }

  /** Ends after-call work that ran out and forgets abandoned hunts. Called by the timer; tests call it. */
  sweep(): void {
    const now = this.clock.now();
    for (const personId of this.store.afterCallWorkDue(now)) {
      this.change(personId, (state) => expireAfterCallWork(state, now));
    }
    this.hunts.forgetStale(now);
  }

  snapshot(token: string): PresenceSnapshot {
    const { personId, companyId } = this.devices.deviceByToken(token);
    return this.snapshotOf(personId, companyId);
  }

  /**
   * The snapshot now and every change after it, until `unsubscribe`. `end` is called when the
   * stream must stop from this side: the device was signed out or opened too many newer streams,
   * or the service stops. Throws `rate-limited` (429) when the company has too many streams open.
   */
  subscribe(token: string, listener: PresenceListener, end: () => void = () => {}): PresenceSubscription {
    const { deviceId, personId, companyId } = this.devices.deviceByToken(token);
    // Registered before the snapshot is read: a refused stream costs no snapshot.
    const { remove, drop } = this.streams.add(companyId, deviceId, listener, end);
    try {
      return { snapshot: this.snapshotOf(personId, companyId), unsubscribe: remove, drop };
    } catch (error) {
      remove();
      throw error;
    }
  }

  /**
   * A device stopped being signed in: its streams end (a signed-out device sees no more presence),
   * and a person with no signed-in device left goes offline, so colleagues see it and calls stop.
   */
  deviceRevoked(revoked: RevokedDevice): void {
    this.streams.endDevice(revoked.deviceId);
    if (revoked.reason === 'replaced') return;
    const stillSignedIn = this.db
      .prepare(`SELECT 1 FROM devices WHERE person_id = ? AND revoked_at IS NULL`)
      .get(revoked.personId);
    if (stillSignedIn) return;
    if (!this.store.person(revoked.personId)) return;
    const now = this.clock.now();
    this.change(revoked.personId, (state) => requestStatus(state, { status: 'offline' }, defaultAgentPolicy, now));
  }

  /**
   * Signing in is coming to work: an Offline person (never signed in, or signed out) becomes
   * Available; any other status stays (the app then sets the one its user chose last).
   */
  deviceSignedIn(signedIn: SignedInDevice): void {
    const person = this.store.person(signedIn.personId);
    if (!person || person.state.status !== 'offline') return;
    const now = this.clock.now();
    this.change(signedIn.personId, (state) => requestStatus(state, { status: 'available' }, defaultAgentPolicy, now));
  }

  /** Tells `listener` of every stored change of a person's state (the chat desk moves its queues). */
  onPersonChanged(listener: PersonChangeListener): void {
    this.personListeners.push(listener);
  }

  /** Tells `listener` when a group's waiting calls change (a hunt began or ended; the team view). */
  onHuntsChanged(listener: (groupNumber: string) => void): void {
    this.huntListeners.push(listener);
  }

  /** A group's calls being hunted now and since when the longest has waited. */
  waitingCalls(groupNumber: string): { count: number; oldestSince: number | null } {
    return this.hunts.waiting(groupNumber);
  }

  /**
   * A supervisor sets a person's status (team-service.ts checks who may): the company's rules as for the
   * person's own request, without their change budget.
   */
  setStatusOf(personId: number, companyId: number, request: StatusRequest): Presence {
    const policy = this.store.policy(companyId);
    try {
      return this.change(personId, (state) => requestStatus(state, request, policy, this.clock.now()));
    } catch (error) {
      if (error instanceof StatusRefusedError) throw new ProvisioningError('invalid-request', error.message);
      throw error;
    }
  }

  /** The person let a chat offer ring out: handled as a group call ring-out (busy, "not responding"). */
  chatOfferLapsed(personId: number): void {
    if (!this.store.person(personId)) return;
    const now = this.clock.now();
    this.change(personId, (state) => ringedOut(state, now));
  }

  listenerCount(): number {
    return this.streams.counts().open;
  }

  streamCounts(): StreamCounts {
    return this.streams.counts();
  }

  setStatus(token: string, request: StatusRequest): Presence {
    const { personId, companyId } = this.devices.deviceByToken(token);
    this.takeChangeToken(personId);
    const policy = this.store.policy(companyId);
    try {
      return this.change(personId, (state) => requestStatus(state, request, policy, this.clock.now()));
    } catch (error) {
      if (error instanceof StatusRefusedError) throw new ProvisioningError('invalid-request', error.message);
      throw error;
    }
  }

  /**
   * `number` rings `ringNumber` (E.164, checked by the route), or the number typed before when none is given;
   * `desk` needs the administrator's desk phone.
   */
  setRingTarget(token: string, ringTarget: RingTarget, ringNumber?: string): Presence {
    const { personId, companyId } = this.devices.deviceByToken(token);
    this.takeChangeToken(personId);
    if (ringTarget === 'number' && !ringNumber && !this.store.station(personId).ringNumber) {
      throw new ProvisioningError('invalid-request', 'Type the number your calls should ring');
    }
    if (ringTarget === 'desk' && !this.store.station(personId).deskPhone) {
      throw new ProvisioningError('no-desk-phone', 'Your extension has no desk phone: ask your administrator');
    }
    this.store.setRingTarget(personId, ringTarget, ringTarget === 'number' ? ringNumber : undefined);
    const presence = this.presenceOf(personId);
    this.emitPresence(presence, companyId);
    return presence;
  }

  /** Click-to-dial in mobile mode: the switchboard rings the mobile, then connects it to `to`. */
  requestCallback(token: string, to: string): { callbackId: string } {
    const { personId } = this.devices.deviceByToken(token);
    const person = this.store.person(personId);
    if (!person) throw new ProvisioningError('device-unknown', 'This device is not signed in');
    if (person.ringTarget === 'computer' || person.awayUser === null) {
      throw new ProvisioningError('not-in-mobile-mode', 'Callback is for mobile mode: switch "Ring on" to your mobile');
    }
    if (person.state.status === 'offline') throw new ProvisioningError('offline', 'You are offline');
    const callbackId = randomUUID();
    this.callbacks
      .placeCallback({ mobileDigits: person.awayUser, to, fromExtension: person.extension })
      .catch((error: unknown) => console.error(`provisioning: callback ${callbackId} failed`, error));
    return { callbackId };
  }

  /** The first decision for a new INVITE (GET /internal/route). */
  route(callId: string, from: string, to: string): RouteDecision {
    const now = this.clock.now();
    const caller = this.store.personByExtension(from);
    const group = this.store.groupByNumber(to);
    let target: CallFacts['target'];
    if (group) {
      target = { kind: 'group', group };
    } else {
      const person = this.store.personByExtension(to);
      target = person
        ? {
            kind: 'person',
            status: person.state.status,
            ringTarget: person.ringTarget,
            awayUser: person.awayUser,
            ringTimeoutSec: this.store.policy(person.companyId).ringTimeoutSec,
          }
        : { kind: 'unknown', ringTimeoutSec: this.unknownRingTimeoutSec };
    }
    // A member calling their own group is not rung for it.
    if (group) {
      this.hunts.start(callId, group.number, now, from);
      this.huntsChanged(group.number);
    }
    const limitedTo =
      caller && target.kind === 'unknown'
        ? limitingPermission(caller, to, (digits) => this.store.isOurNumber(digits))
        : null;
    const decision = routeDecision(
      {
        caller: caller ? { status: caller.state.status, limitedTo } : null,
        target,
        announcementUser: this.announcementUser,
      },
      this.hunts.skipFor(callId, now),
    );
    return this.afterHuntDecision(callId, decision, now);
  }

  /** A hunt branch ended (GET /internal/route/next): record it and say what to ring next. */
  routeNext(callId: string, member: string, outcome: BranchOutcome): RouteDecision {
    const now = this.clock.now();
    const groupNumber = this.hunts.group(callId);
    if (groupNumber === null) return { kind: 'done' };
    this.hunts.branchEnded(callId, member, now);
    const person = this.store.personByExtension(member);
    if (outcome === 'answered' || outcome === 'canceled') {
      this.endHunt(callId);
      if (outcome === 'answered' && person) this.change(person.id, (state) => answeredGroupCall(state, now));
      return { kind: 'done' };
    }
    if (outcome === 'timeout' && person) this.change(person.id, (state) => ringedOut(state, now));
    const group = this.store.groupByNumber(groupNumber);
    if (!group) {
      this.endHunt(callId);
      return { kind: 'done' };
    }
    return this.afterHuntDecision(callId, huntStep(group, this.hunts.skipFor(callId, now), this.announcementUser), now);
  }

  /**
   * Each change a client asks for is sent to every stream of the company: one person's storm would
   * be everyone's. Per person, not per device, so signing in on the phone too does not double it.
   * The server's own changes (ring-outs, answered group calls, after-call work ending) are not counted.
   */
  private takeChangeToken(personId: number): void {
    const taken = this.changeBuckets.take(personId);
    if (taken.ok) return;
    throw new ProvisioningError('rate-limited', `Too many status changes. Try again in ${taken.retryAfterSec} s.`, {
      retryAfterSec: taken.retryAfterSec,
    });
  }

  private afterHuntDecision(callId: string, decision: RouteDecision, now: number): RouteDecision {
    if (decision.kind === 'ring') this.hunts.ring(callId, decision.member, decision.ringTimeoutSec, now);
    else this.endHunt(callId);
    return decision;
  }

  private endHunt(callId: string): void {
    const group = this.hunts.group(callId);
    this.hunts.end(callId);
    if (group !== null) this.huntsChanged(group);
  }

  private huntsChanged(groupNumber: string): void {
    for (const listener of this.huntListeners) {
      try {
        listener(groupNumber);
      } catch (error) {
        console.error('provisioning: hunt listener failed', error);
      }
    }
  }

  private snapshotOf(personId: number, companyId: number): PresenceSnapshot {
    return {
      me: this.presenceOf(personId),
      station: this.store.station(personId),
      policy: this.store.policy(companyId),
      people: this.store.companyPresence(companyId),
      groups: this.store.companyGroups(companyId),
      deskPhones: this.store.companyDeskPhones(companyId),
      at: this.clock.now(),
    };
  }

  private presenceOf(personId: number): Presence {
    const presence = this.store.presence(personId);
    if (!presence) throw new ProvisioningError('device-unknown', 'This device is not signed in');
    return presence;
  }

  private change(personId: number, next: (state: AgentState) => AgentState): Presence {
    const person = this.store.person(personId);
    if (!person) throw new ProvisioningError('not-found', 'No such person');
    const updated = next(person.state);
    if (updated === person.state) return this.presenceOf(personId);
    this.store.saveState(personId, updated);
    const presence = this.presenceOf(personId);
    this.emitPresence(presence, person.companyId);
    if ((person.state.status === 'available') !== (updated.status === 'available')) {
      for (const group of this.store.groupsOfPerson(personId))
        this.emit(person.companyId, { event: 'group', data: group });
    }
    for (const listener of this.personListeners) {
      try {
        listener(personId, person.state, updated);
      } catch (error) {
        // The change is stored and told already; a listener's failure must not undo it for the caller.
        console.error('provisioning: person-change listener failed', error);
      }
    }
    return presence;
  }

  private emitPresence(presence: Presence, companyId: number): void {
    this.emit(companyId, { event: 'presence', data: presence });
  }

  private emit(companyId: number, event: PresenceEvent): void {
    this.streams.emit(companyId, event);
  }
}
