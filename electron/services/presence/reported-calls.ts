/**
 * The connected calls an agent's app tells the service for the supervisors' team view (PUT /v1/my-calls):
 * answered ones only, the other party as the agent sees it, and the talk time so far (the service's clock places
 * the start). `key` changes only when the set of calls does, so a call's every tick sends nothing.
 */
import type { CallSnapshot } from '../../../src/shared/domain.ts';
import type { ReportedCall } from './presence-client.ts';

export function connectedCallsReport(
  calls: readonly CallSnapshot[],
  now: number,
): { key: string; calls: ReportedCall[] } {
  const connected = calls.filter((call) => call.phase === 'connected' && call.answeredAt !== undefined);
  return {
    key: connected.map((call) => call.id).join(' '),
    calls: connected.map((call) => ({
      id: call.id,
      direction: call.direction,
      party: (call.remoteName ? `${call.remoteName} ${call.remoteNumber}` : call.remoteNumber).slice(0, 128),
      talkMs: Math.max(0, now - (call.answeredAt ?? now)),
    })),
  };
}
