/**
 * The team view's table model (issue 19), pure: applying the stream's updates, filtering by status and
 * group, sorting by any column, and the summary over what is shown. 1,000 rows are sorted in well under
 * a frame; the view memoises on the inputs.
 */
import type { TeamAgent, TeamGroup, TeamSnapshot, TeamUpdate } from './team.ts';

export type TeamSortKey = 'name' | 'status' | 'since' | 'call' | 'chatsOpen' | 'callsToday' | 'chatsToday' | 'aht';
export type TeamSort = { key: TeamSortKey; descending: boolean };
export type StatusFilter = 'all' | TeamAgent['status'];
export type TeamFilter = { status: StatusFilter; group: string | 'all' };

export const DEFAULT_SORT: TeamSort = { key: 'status', descending: false };
export const NO_FILTER: TeamFilter = { status: 'all', group: 'all' };

/** The order statuses sort in: who is working first, who is gone last. */
const STATUS_ORDER: Record<TeamAgent['status'], number> = {
  'on-call': 0,
  'after-call-work': 1,
  available: 2,
  busy: 3,
  break: 4,
  offline: 5,
};

/** A snapshot with one update applied (a row replaced by extension, or added); the same object when nothing changed. */
export function applyTeamUpdate(snapshot: TeamSnapshot | null, update: TeamUpdate): TeamSnapshot | null {
  switch (update.kind) {
    case 'snapshot':
      return update.snapshot;
    case 'live':
      return snapshot;
    case 'agent': {
      if (!snapshot) return snapshot;
      const index = snapshot.agents.findIndex((a) => a.extension === update.agent.extension);
      // Only the team's agents are sent; one we do not know is a newer member, shown at the next snapshot.
      if (index < 0) return snapshot;
      const agents = snapshot.agents.slice();
      agents[index] = update.agent;
      return { ...snapshot, agents };
    }
    case 'group': {
      if (!snapshot) return snapshot;
      const index = snapshot.groups.findIndex((g) => g.key === update.group.key);
      const groups = snapshot.groups.slice();
      if (index < 0) groups.push(update.group);
      else groups[index] = update.group;
      return { ...snapshot, groups };
    }
  }
}

export function filterAgents(agents: readonly TeamAgent[], filter: TeamFilter): TeamAgent[] {
  return agents.filter(
    (agent) =>
      (filter.status === 'all' || agent.status === filter.status) &&
      (filter.group === 'all' || agent.groups.includes(filter.group)),
  );
}

function compare(a: TeamAgent, b: TeamAgent, key: TeamSortKey, now: number): number {
  switch (key) {
    case 'name':
      return a.name.localeCompare(b.name);
    case 'status':
      // Within a status, who has been in it longest first: the stuck agent is at the top of their group.
      return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.since - b.since;
    case 'since':
      return now - a.since - (now - b.since);
    case 'call':
      // Longest call first among those on one; no call last.
      return (a.call?.answeredAt ?? Infinity) - (b.call?.answeredAt ?? Infinity);
    case 'chatsOpen':
      return a.chatsOpen - b.chatsOpen;
    case 'callsToday':
      return a.callsToday - b.callsToday;
    case 'chatsToday':
      return a.chatsToday - b.chatsToday;
    case 'aht':
      return (a.averageHandleMs ?? -1) - (b.averageHandleMs ?? -1);
  }
}

/** Sorted by the column, ties by extension so rows never jump between equal neighbours. */
export function sortAgents(agents: readonly TeamAgent[], sort: TeamSort, now: number): TeamAgent[] {
  const sign = sort.descending ? -1 : 1;
  return agents.slice().sort((a, b) => sign * compare(a, b, sort.key, now) || a.extension.localeCompare(b.extension));
}

/** The next sort when a column header is clicked: the same column flips, another starts ascending. */
export function nextSort(current: TeamSort, key: TeamSortKey): TeamSort {
  return current.key === key ? { key, descending: !current.descending } : { key, descending: false };
}

export type TeamSummary = {
  agents: number;
  byStatus: Record<TeamAgent['status'], number>;
  callsWaiting: number;
  chatsWaiting: number;
  /** The earliest moment anything still waits (the longest wait is now minus this), or null. */
  waitingSince: number | null;
  available: number;
};

/** Counts over the shown agents, and the queues of the groups (all of them, or the one filtered to). */
export function summarize(
  agents: readonly TeamAgent[],
  groups: readonly TeamGroup[],
  group: string | 'all',
): TeamSummary {
  const byStatus: TeamSummary['byStatus'] = {
    available: 0,
    busy: 0,
    break: 0,
    offline: 0,
    'on-call': 0,
    'after-call-work': 0,
  };
  for (const agent of agents) byStatus[agent.status] += 1;
  const shownGroups = group === 'all' ? groups : groups.filter((g) => g.key === group);
  let waitingSince: number | null = null;
  for (const g of shownGroups) {
    if (g.waitingSince !== null)
      waitingSince = waitingSince === null ? g.waitingSince : Math.min(waitingSince, g.waitingSince);
  }
  return {
    agents: agents.length,
    byStatus,
    callsWaiting: shownGroups.reduce((sum, g) => sum + g.callsWaiting, 0),
    chatsWaiting: shownGroups.reduce((sum, g) => sum + g.chatsWaiting, 0),
    waitingSince,
    available: byStatus.available,
  };
}
