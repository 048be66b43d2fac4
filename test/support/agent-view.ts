/** TEST SUPPORT: the window's view of a live, Available agent on the computer (number sign-in), with a patch. */
import { DEFAULT_AGENT_POLICY, type AgentView } from '../../src/shared/presence.ts';

export function liveAgentView(patch: Partial<AgentView> = {}): AgentView {
  return {
    availability: 'live',
    status: 'available',
    reason: null,
    chosen: 'available',
    chosenReason: null,
    acwUntil: null,
    wrapUp: null,
    notice: null,
    ringTarget: 'computer',
    ringTargets: ['computer', 'mobile'],
    ringNumber: null,
    policy: DEFAULT_AGENT_POLICY,
    autoAnswer: false,
    callback: null,
    ...patch,
  };
}
