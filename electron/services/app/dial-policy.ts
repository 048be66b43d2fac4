/**
 * Whether "dial" places a call, asks the switchboard for a callback, or is refused: decided here
 * once, for every way of dialing (dial pad, history, directory, links, Add call). Pure.
 */
import type { DialRefusal } from '../../../src/shared/dial-outcome.ts';
import type { RegistrationState } from '../../../src/shared/domain.ts';
import type { AgentView } from '../../../src/shared/presence.ts';
import { splitDialString } from '../../../src/shared/dial-string.ts';

export type DialFacts = {
  registration: RegistrationState;
  /** Our working status; only a number-signed-in device has one ('needs-number-sign-in' otherwise). */
  agent: AgentView | undefined;
};

export type DialDecision =
  | { kind: 'refused'; reason: DialRefusal }
  /** The number now; the digits after it (",,8057", ";8057") once the call connects. */
  | { kind: 'call'; target: string; postDial: string }
  /** Mobile mode: the switchboard rings the mobile, then puts it through to `to` (no digits after). */
  | { kind: 'callback'; to: string };

export function decideDial(dialString: string, facts: DialFacts): DialDecision {
  const agent = facts.agent?.availability === 'needs-number-sign-in' ? undefined : facts.agent;
  // Offline means no calls out (the switchboard refuses them too); a call already on is not "out".
  if (agent?.chosen === 'offline' && agent.status !== 'on-call') return { kind: 'refused', reason: 'offline' };
  if (facts.registration.status !== 'registered') return { kind: 'refused', reason: 'not-registered' };
  const { target, postDial } = splitDialString(dialString);
  // Calls ring the mobile, the desk phone or a typed number: the switchboard rings that phone first.
  if (agent?.ringTarget && agent.ringTarget !== 'computer') return { kind: 'callback', to: target };
  return { kind: 'call', target, postDial };
}
