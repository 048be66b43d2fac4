/**
 * The provisioning service's team view API (issue 19) over fetch: the supervisor's event stream
 * (GET /v1/team/events, reconnected with backoff, a fresh snapshot each time) and the agent actions.
 * Everything received is checked with zod; answers are typed results, never throws.
 */
import type { z } from 'zod';
import {
  TeamAgentCallsSchema,
  TeamAgentSchema,
  TeamGroupSchema,
  TeamSnapshotSchema,
  type TeamAgent,
  type TeamGroup,
  type TeamSnapshot,
} from '../../../src/shared/team.ts';
import type { ChosenStatus } from '../../../src/shared/presence.ts';
import {
  DeviceApi,
  eventTable,
  onEvent,
  type DeviceApiOptions,
  type RequestResult,
  type StreamState,
} from '../provisioning/device-api.ts';

export type TeamListener = {
  snapshot(snapshot: TeamSnapshot): void;
  agent(agent: TeamAgent): void;
  group(group: TeamGroup): void;
  state(state: StreamState): void;
};

export class TeamClient {
  readonly #api: DeviceApi;

  constructor(options: DeviceApiOptions) {
    this.#api = new DeviceApi(options);
  }

  start(listener: TeamListener): void {
    this.#api.keepStream('/v1/team/events', {
      event: eventTable({
        snapshot: onEvent(TeamSnapshotSchema, (snapshot) => listener.snapshot(snapshot), true),
        agent: onEvent(TeamAgentSchema, (agent) => listener.agent(agent)),
        group: onEvent(TeamGroupSchema, (group) => listener.group(group)),
      }),
      state: (state) => listener.state(state),
    });
  }

  stop(): void {
    this.#api.stop();
  }

  setAgentStatus(extension: string, status: ChosenStatus, reason: string | null): Promise<RequestResult<TeamAgent>> {
    return this.#api.request(
      'PUT',
      `/v1/team/agents/${encodeURIComponent(extension)}/status`,
      { status, ...(reason ? { reason } : {}) },
      TeamAgentSchema,
    );
  }

  agentCalls(extension: string): Promise<RequestResult<z.infer<typeof TeamAgentCallsSchema>>> {
    return this.#api.request(
      'GET',
      `/v1/team/agents/${encodeURIComponent(extension)}/calls`,
      undefined,
      TeamAgentCallsSchema,
    );
  }
}
