/**
 * The supervisor's side of the app (issue 19): after an e-mail sign-in whose station step chose a
 * supervising role ("supervisor only" or "supervisor and agent"), the team view's event stream is kept
 * open; each change goes to the window as a small update, and the window asks for the whole team when the
 * Team tab opens. The agent actions go to the service, refusals come back as UserFacingErrors.
 */
import type { ChosenStatus } from '../../../src/shared/presence.ts';
import type { ProvisionedDevice } from '../../../src/shared/domain.ts';
import { supervises, type TeamAgentCall, type TeamState, type TeamUpdate } from '../../../src/shared/team.ts';
import { applyTeamUpdate } from '../../../src/shared/team-table.ts';
import { UserFacingError } from '../user-facing-error.ts';
import { TeamClient } from './team-client.ts';

export type TeamDeskOptions = {
  device: () => ProvisionedDevice | null;
  /** The role the station step chose for this e-mail account (settings), if any. */
  roleOf: (email: string) => string | undefined;
  /** Whether this sign-in supervises (AppState: the Team tab shows). */
  onSupervising: (supervising: boolean) => void;
  onUpdate: (update: TeamUpdate) => void;
  fetch?: typeof fetch;
  retryMs?: number;
};

export class TeamDeskService {
  private readonly options: TeamDeskOptions;
  private client: TeamClient | null = null;
  private clientDevice: ProvisionedDevice | null = null;
  private state: TeamState = { snapshot: null, live: false };

  constructor(options: TeamDeskOptions) {
    this.options = options;
  }

  /** Signed in (or reachable again): a supervising e-mail sign-in opens the team stream. */
  start(): void {
    const device = this.options.device();
    const supervising = Boolean(device?.email && supervises(this.options.roleOf(device.email.toLowerCase())));
    if (!device || !supervising) {
      this.forget();
      return;
    }
    if (this.client && this.clientDevice === device) return;
    this.stopStream();
    this.clientDevice = device;
    this.client = new TeamClient({
      baseUrl: device.serviceUrl,
      token: device.token,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.retryMs ? { retryMs: this.options.retryMs } : {}),
    });
    this.options.onSupervising(true);
    this.client.start({
      snapshot: (snapshot) => this.apply({ kind: 'snapshot', snapshot }),
      agent: (agent) => this.apply({ kind: 'agent', agent }),
      group: (group) => this.apply({ kind: 'group', group }),
      state: (state) => {
        const live = state === 'live';
        if (live === this.state.live) return;
        this.state = { ...this.state, live };
        this.options.onUpdate({ kind: 'live', live });
      },
    });
  }

  /** Log out, a revoked device, or no longer supervising: no team view. */
  forget(): void {
    this.stopStream();
    this.state = { snapshot: null, live: false };
    this.options.onSupervising(false);
  }

  /** What the Team tab starts from. */
  view(): TeamState {
    return this.state;
  }

  async setAgentStatus(extension: string, status: ChosenStatus, reason: string | null): Promise<void> {
    const answer = await this.requireClient().setAgentStatus(extension, status, reason);
    if (!answer.ok) throw new UserFacingError(answer.code, answer.title || answer.code);
    // The stream brings the row too; applying the answer now shows it without waiting for it.
    this.apply({ kind: 'agent', agent: answer.value });
  }

  async agentCalls(extension: string): Promise<TeamAgentCall[]> {
    const answer = await this.requireClient().agentCalls(extension);
    if (!answer.ok) throw new UserFacingError(answer.code, answer.title || answer.code);
    return answer.value.calls;
  }

  private apply(update: TeamUpdate): void {
    this.state = { ...this.state, snapshot: applyTeamUpdate(this.state.snapshot, update) };
    this.options.onUpdate(update);
  }

  private requireClient(): TeamClient {
    if (!this.client) throw new UserFacingError('not-supervisor', 'The team view is for supervisors.');
    return this.client;
  }

  private stopStream(): void {
    this.client?.stop();
    this.client = null;
    this.clientDevice = null;
  }
}
