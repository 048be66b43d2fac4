import type { AgentState, AgentStatus } from '../agent-status.ts';
import { AgentStore, type Presence } from '../agent-store.ts';
import type { Clock } from '../clock.ts';
import type { ProvisioningDb } from '../db.ts';
import type { DeviceTokens, PresenceService } from '../presence-service.ts';
import { StreamRegistry, type StreamLimits } from '../presence-streams.ts';
import { ProvisioningError } from '../service.ts';
import { CallBook, handlingMs, type BookedCall, type CallDirection, type ReportedCall } from './call-book.ts';
import { TeamGroups, type TeamGroup, type TeamGroupRow } from './team-groups.ts';
import { TeamStore, type ChatCounts, type Supervisor, type TeamMember } from './team-store.ts';

/** One agent's row in the supervisor's team view (issue 19). */
export type TeamAgent = {
  /** The person, for "Message" (internal chat opens by person id). */
  personId: number;
  extension: string;
  name: string;
  status: AgentStatus;
  reason: string | null;
  since: number;
  call: { direction: CallDirection; party: string; answeredAt: number } | null;
  chatsOpen: number;
  callsToday: number;
  chatsToday: number;
  /** Mean handling time of today's calls and chats together (talk + after-call work; chat joined → ended). */
  averageHandleMs: number | null;
  /** Keys of the groups the agent answers for (`call:8200`, `chat:3`), for the view's group filter. */
  groups: string[];
};

export type TeamSnapshot = {
  team: string | null;
  teams: string[];
  agents: TeamAgent[];
  groups: TeamGroup[];
  at: number;
};
export type TeamEvent = { event: 'agent'; data: TeamAgent } | { event: 'group'; data: TeamGroup };

/** Statuses a supervisor may set: on a call and after-call work follow calls, never a click. */
export const settableStatuses = ['available', 'busy', 'break', 'offline'] as const;
export type SettableStatus = (typeof settableStatuses)[number];

export type TeamServiceOptions = {
  db: ProvisioningDb;
  clock: Clock;
  devices: DeviceTokens & { forceSignOut(deviceId: string): Promise<boolean> };
  presence: PresenceService;
  /** The chat desk: agents' open chats and the chat queues change there (chat-desk.ts). */
  chats?: {
    onChanged(listener: (change: { personId: number } | { companyId: number }) => void): void;
  };
  limits?: StreamLimits;
  /** The start of "today" for a moment (default: local midnight of the service's time zone). */
  dayStart?: (now: number) => number;
};

type Watcher = {
  members: Set<number>;
  extensions: Set<string>;
  listener: (event: TeamEvent) => void;
};

const localMidnight = (now: number) => new Date(now).setHours(0, 0, 0, 0);

/**
 * The supervisor's team view: who is in the team, each agent's status, call and chats, today's counts, and
 * the groups' queues; live over one event stream per supervisor, told by presence (status changes, hunts)
 * and by the agents' apps (their calls, PUT /v1/my-calls). Only accounts whose role includes supervising
 * get any of it, and only for their own company.
 */
export class TeamService {
  private readonly store: TeamStore;
  private readonly agents: AgentStore;
  private readonly groups: TeamGroups;
  private readonly calls = new CallBook();
  private readonly options: TeamServiceOptions;
  private readonly streams: StreamRegistry<TeamEvent>;
  private readonly watchers = new Map<number, Set<Watcher>>();
  private readonly dayStart: (now: number) => number;
  private pendingChats = {
    agents: new Set<number>(),
    companies: new Set<number>(),
  };

  constructor(options: TeamServiceOptions) {
    this.options = options;
    this.store = new TeamStore(options.db);
    this.agents = new AgentStore(options.db);
    this.groups = new TeamGroups(this.agents, this.store, options.presence);
    this.dayStart = options.dayStart ?? localMidnight;
    this.streams = new StreamRegistry(options.limits ?? { maxStreamsPerDevice: 4, maxStreamsPerCompany: 1_000 });
    options.presence.onPersonChanged((personId, before, after) => this.personChanged(personId, before, after));
    options.presence.onHuntsChanged((groupNumber) => this.huntsChanged(groupNumber));
    options.chats?.onChanged((change) => this.chatsChanged(change));
  }

  snapshot(token: string, team: string | null): TeamSnapshot {
    const supervisor = this.supervisorOf(token);
    return this.snapshotOf(supervisor, this.checkTeam(supervisor, team));
  }

  /** The snapshot and every change of the team after it, until `unsubscribe`; `end` when this side ends it. */
  subscribe(
    token: string,
    team: string | null,
    listener: (event: TeamEvent) => void,
    end: () => void,
  ): { snapshot: TeamSnapshot; unsubscribe: () => void; drop: () => void } {
    const { deviceId } = this.options.devices.deviceByToken(token);
    const supervisor = this.supervisorOf(token);
    const chosen = this.checkTeam(supervisor, team);
    const agents = this.store.members(supervisor, chosen);
    const watcher: Watcher = {
      members: new Set(agents.map((m) => m.personId)),
      extensions: new Set(agents.map((m) => m.extension)),
      listener,
    };
    const { remove, drop } = this.streams.add(supervisor.companyId, deviceId, listener, end);
    const set = this.watchers.get(supervisor.companyId) ?? new Set();
    set.add(watcher);
    this.watchers.set(supervisor.companyId, set);
    const forget = () => {
      set.delete(watcher);
      if (set.size === 0) this.watchers.delete(supervisor.companyId);
    };
    return {
      snapshot: this.snapshotOf(supervisor, chosen),
      unsubscribe: () => {
        forget();
        remove();
      },
      drop: () => {
        forget();
        drop();
      },
    };
  }

  /**
   * A supervisor sets an agent's status. Offline also signs the agent's devices out (a stuck sign-in ends;
   * the app says "Signed out by your administrator"), as the administrator's force sign-out does.
   */
  async setAgentStatus(
    token: string,
    extension: string,
    request: { status: SettableStatus; reason?: string | undefined },
  ): Promise<TeamAgent> {
    const supervisor = this.supervisorOf(token);
    const member = this.memberOf(supervisor, extension);
    if (request.status === 'offline') {
      for (const deviceId of this.store.activeDevices(member.personId)) {
        await this.options.devices.forceSignOut(deviceId);
      }
    }
    this.options.presence.setStatusOf(member.personId, supervisor.companyId, request);
    return this.agentRow(member, this.store.chats(member.personId, this.dayStart(this.options.clock.now())));
  }

  /** The agent's calls today, newest first ("open an agent's history"). */
  agentCalls(token: string, extension: string): { calls: BookedCall[] } {
    const supervisor = this.supervisorOf(token);
    const member = this.memberOf(supervisor, extension);
    const now = this.options.clock.now();
    const ended = this.calls.endedSince(member.personId, this.dayStart(now));
    const current = this.calls.current(member.personId);
    return {
      calls: [...(current ? [current] : []), ...ended.reverse()].map((call) => ({ ...call })),
    };
  }

  /** An agent's app: its connected calls now (any signed-in device; the team view shows them). */
  reportCalls(token: string, calls: readonly ReportedCall[]): void {
    const { personId, companyId } = this.options.devices.deviceByToken(token);
    if (this.calls.report(personId, calls, this.options.clock.now())) this.tellAgent(personId, companyId);
  }

  streamCount(): number {
    return this.streams.counts().open;
  }

  stop(): void {
    this.streams.endAll();
    this.watchers.clear();
  }

  private supervisorOf(token: string): Supervisor {
    const { personId } = this.options.devices.deviceByToken(token);
    const supervisor = this.store.supervisor(personId);
    if (!supervisor) throw new ProvisioningError('not-supervisor', 'The team view is for supervisors');
    return supervisor;
  }

  private checkTeam(supervisor: Supervisor, team: string | null): string | null {
    if (team !== null && !supervisor.teams.includes(team)) {
      throw new ProvisioningError('not-found', 'You do not lead a team of that name');
    }
    return team;
  }

  private memberOf(supervisor: Supervisor, extension: string): TeamMember {
    const member = this.store.members(supervisor, null).find((m) => m.extension === extension);
    if (!member) throw new ProvisioningError('not-found', 'No agent of your teams has that extension');
    return member;
  }

  private snapshotOf(supervisor: Supervisor, team: string | null): TeamSnapshot {
    const now = this.options.clock.now();
    const members = this.store.members(supervisor, team);
    const chats = this.store.companyChats(supervisor.companyId, this.dayStart(now));
    const memberGroups = this.groups.byMember(supervisor.companyId);
    const agents = members.map((member) =>
      this.agentRow(member, chats.get(member.personId) ?? null, memberGroups.get(member.extension) ?? []),
    );
    const extensions = new Set(members.map((m) => m.extension));
    const groups = this.groups
      .all(supervisor.companyId)
      .filter((g) => g.memberExtensions.some((e) => extensions.has(e)));
    return {
      team,
      teams: supervisor.teams,
      agents,
      groups: groups.map(({ memberExtensions: _unused, ...group }) => group),
      at: now,
    };
  }

  private agentRow(member: TeamMember, chats: ChatCounts | null, groups?: string[]): TeamAgent {
    const presence: Presence | null = this.agents.presence(member.personId);
    const now = this.options.clock.now();
    const counts = chats ?? this.store.chats(member.personId, this.dayStart(now));
    const ended = this.calls.endedSince(member.personId, this.dayStart(now));
    const current = this.calls.current(member.personId);
    const handled = ended.length + counts.endedToday;
    const handleMs = ended.reduce((sum, call) => sum + handlingMs(call), 0) + counts.handleMsToday;
    return {
      personId: member.personId,
      extension: member.extension,
      name: member.name,
      status: presence?.status ?? 'offline',
      reason: presence?.reason ?? null,
      since: presence?.since ?? now,
      call: current
        ? {
            direction: current.direction,
            party: current.party,
            answeredAt: current.answeredAt,
          }
        : null,
      chatsOpen: counts.open,
      callsToday: ended.length,
      chatsToday: counts.endedToday,
      averageHandleMs: handled === 0 ? null : Math.round(handleMs / handled),
      groups: groups ?? this.groups.byMember(this.companyOfPerson(member.personId)).get(member.extension) ?? [],
    };
  }

  private companyOfPerson(personId: number): number {
    return this.agents.person(personId)?.companyId ?? -1;
  }

  private personChanged(personId: number, before: AgentState, after: AgentState): void {
    const now = this.options.clock.now();
    // The after-call work that just ended belongs to the call before it (its handling time).
    if (before.status === 'after-call-work' && after.status !== 'after-call-work') {
      this.calls.addWrapUp(personId, now - before.since);
    }
    if (after.status === 'offline') this.calls.endAll(personId, now);
    const companyId = this.companyOfPerson(personId);
    if (!this.watchers.has(companyId)) return;
    this.tellAgent(personId, companyId);
    // Availability moves the groups' "available" counts.
    if ((before.status === 'available') !== (after.status === 'available')) this.tellGroupsOf(personId, companyId);
  }

  /**
   * An agent's chats or a queue moved. Coalesced per turn of the event loop: one visitor joining a long queue
   * tells every visitor behind it, and the supervisors need each agent and each company's chat groups once.
   */
  private chatsChanged(change: { personId: number } | { companyId: number }): void {
    const first = this.pendingChats.agents.size === 0 && this.pendingChats.companies.size === 0;
    if ('personId' in change) this.pendingChats.agents.add(change.personId);
    else this.pendingChats.companies.add(change.companyId);
    if (!first) return;
    setImmediate(() => {
      const { agents, companies } = this.pendingChats;
      this.pendingChats = { agents: new Set(), companies: new Set() };
      try {
        for (const personId of agents) {
          const companyId = this.companyOfPerson(personId);
          if (this.watchers.has(companyId)) this.tellAgent(personId, companyId);
          companies.add(companyId);
        }
        for (const companyId of companies) {
          if (!this.watchers.has(companyId)) continue;
          for (const group of this.groups.all(companyId)) if (group.kind === 'chat') this.tellGroup(companyId, group);
        }
      } catch (error) {
        console.error('provisioning: team view chat update failed', error);
      }
    });
  }

  private huntsChanged(groupNumber: string): void {
    const group = this.agents.groupByNumber(groupNumber);
    if (!group || !this.watchers.has(group.companyId)) return;
    const row = this.groups.all(group.companyId).find((g) => g.key === `call:${groupNumber}`);
    if (row) this.tellGroup(group.companyId, row);
  }

  private tellAgent(personId: number, companyId: number): void {
    const watchers = this.watchers.get(companyId);
    if (!watchers) return;
    const interested = [...watchers].filter((w) => w.members.has(personId));
    if (interested.length === 0) return;
    const member = this.agents.person(personId);
    const name = this.options.db.prepare(`SELECT name FROM people WHERE id = ?`).pluck().get(personId) as string;
    if (!member) return;
    const row = this.agentRow({ personId, extension: member.extension, name }, null);
    for (const watcher of interested) watcher.listener({ event: 'agent', data: row });
  }

  private tellGroupsOf(personId: number, companyId: number): void {
    const extension = this.agents.person(personId)?.extension;
    if (extension === undefined) return;
    for (const group of this.groups.all(companyId)) {
      if (group.memberExtensions.includes(extension)) this.tellGroup(companyId, group);
    }
  }

  private tellGroup(companyId: number, group: TeamGroupRow): void {
    const { memberExtensions, ...data } = group;
    for (const watcher of this.watchers.get(companyId) ?? []) {
      // A supervisor sees the groups their team answers for.
      if (memberExtensions.some((e) => watcher.extensions.has(e))) watcher.listener({ event: 'group', data });
    }
  }
}
