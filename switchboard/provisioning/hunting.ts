import type { AgentStatus, RingTarget } from './agent-status.ts';

export type HuntMember = {
  extension: string;
  status: AgentStatus;
  idleSince: number | null;
  ringTarget: RingTarget;
  /** Where calls go instead of the computer: mobile or typed number digits, or the desk phone's SIP user. */
  awayUser: string | null;
};

/** Who a group call may ring now: available members, longest idle first (ties: extension order). */
export function huntOrder(members: readonly HuntMember[], skip: (extension: string) => boolean): HuntMember[] {
  return members
    .filter((member) => member.status === 'available' && !skip(member.extension))
    .sort(
      (a, b) =>
        (a.idleSince ?? Number.MAX_SAFE_INTEGER) - (b.idleSince ?? Number.MAX_SAFE_INTEGER) ||
        a.extension.localeCompare(b.extension, 'en', { numeric: true }),
    );
}

/** The SIP user a member's phone is reached at: their extension, or where their calls ring instead of the computer. */
export function ringUser(member: Pick<HuntMember, 'extension' | 'ringTarget' | 'awayUser'>): string {
  return member.ringTarget === 'computer' || member.awayUser === null ? member.extension : member.awayUser;
}
