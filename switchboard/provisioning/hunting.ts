import type { AgentStatus, RingTarget } from './agent-status.ts';

export type HuntMember = {
  extension: string;
  status: AgentStatus;
  idleSince: number | null;
  ringTarget: RingTarget;
  /** The mobile's SIP user: its E.164 digits without "+" (as the code line dials it). */
  mobileDigits: string;
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

/** The SIP user a member's phone is reached at: their extension, or their mobile in mobile mode. */
export function ringUser(member: Pick<HuntMember, 'extension' | 'ringTarget' | 'mobileDigits'>): string {
  return member.ringTarget === 'mobile' ? member.mobileDigits : member.extension;
}
