import type { AgentStore } from '../agent-store.ts';
import type { PresenceService } from '../presence-service.ts';
import type { TeamStore } from './team-store.ts';

/** A call group or chat group the team answers for, with what waits in it. */
export type TeamGroup = {
  key: string;
  kind: 'call' | 'chat';
  name: string;
  number: string | null;
  members: number;
  available: number;
  callsWaiting: number;
  chatsWaiting: number;
  /** When the longest-waiting call or chat came in; null when nothing waits. */
  waitingSince: number | null;
};

/** A group row with its members' extensions: who it is told to (never sent; the team service strips them). */
export type TeamGroupRow = TeamGroup & { memberExtensions: string[] };

/**
 * The team view's group rows (issue 19): a company's call groups (hunts waiting in presence) and chat
 * groups (queued chats in the desk), keyed `call:<number>` and `chat:<id>` as the view's group filter uses.
 */
export class TeamGroups {
  private readonly agents: AgentStore;
  private readonly store: TeamStore;
  private readonly presence: Pick<PresenceService, 'waitingCalls'>;

  constructor(agents: AgentStore, store: TeamStore, presence: Pick<PresenceService, 'waitingCalls'>) {
    this.agents = agents;
    this.store = store;
    this.presence = presence;
  }

  all(companyId: number): TeamGroupRow[] {
    const callGroups = this.agents.companyGroups(companyId).map((group) => {
      const waiting = this.presence.waitingCalls(group.number);
      return {
        key: `call:${group.number}`,
        kind: 'call' as const,
        name: group.name,
        number: group.number,
        members: group.members.length,
        available: group.available,
        callsWaiting: waiting.count,
        chatsWaiting: 0,
        waitingSince: waiting.oldestSince,
        memberExtensions: group.members,
      };
    });
    const chatGroups = this.store.chatGroups(companyId).map((group) => ({
      key: `chat:${group.id}`,
      kind: 'chat' as const,
      name: group.name,
      number: null,
      members: group.members.length,
      available: group.available,
      callsWaiting: 0,
      chatsWaiting: group.waiting,
      waitingSince: group.oldestQueuedAt,
      memberExtensions: group.members,
    }));
    return [...callGroups, ...chatGroups];
  }

  /** Each member's group keys, for the agent rows' `groups`. */
  byMember(companyId: number): Map<string, string[]> {
    const byMember = new Map<string, string[]>();
    for (const group of this.all(companyId)) {
      for (const extension of group.memberExtensions) {
        const keys = byMember.get(extension) ?? [];
        keys.push(group.key);
        byMember.set(extension, keys);
      }
    }
    return byMember;
  }
}
