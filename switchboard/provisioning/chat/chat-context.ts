/**
 * The agent's view of a chat's customer context (customer-context.ts): for a chat that is (or was)
 * theirs, the company's endpoint asked about the signed customer. Anonymous visitors and companies
 * without an endpoint have none (an empty answer, not an error).
 */
import type { DeviceTokens } from '../presence-service.ts';
import { ProvisioningError } from '../problems.ts';
import type { ChatDesk } from './chat-desk.ts';
import { fetchCustomerContext, NO_CONTEXT, type ContextAnswer } from './customer-context.ts';

/** Where a company's context endpoint is (null: none). */
export type ContextEndpoints = (companyId: number) => string | null;

type ChatContextOptions = { desk: ChatDesk; devices: DeviceTokens; endpoints: ContextEndpoints; fetch?: typeof fetch };

export class ChatContext {
  private readonly options: ChatContextOptions;

  constructor(options: ChatContextOptions) {
    this.options = options;
  }

  /**
   * `configured: false` when the company has no endpoint, so the agent reads "no customer context
   * configured" rather than an empty order list that looks like a customer without orders.
   */
  async of(token: string, id: string, cursor: string | null): Promise<ContextAnswer & { configured: boolean }> {
    const { personId, companyId } = this.options.devices.deviceByToken(token);
    const c = /^[A-Za-z0-9_-]{22}$/.test(id) ? this.options.desk.store.get(id) : null;
    if (!c || c.companyId !== companyId || c.agentId !== personId) {
      throw new ProvisioningError('not-found', 'No such chat on your desk');
    }
    const url = this.options.endpoints(companyId);
    if (url === null) return { ...NO_CONTEXT, configured: false };
    if (c.siteUserId === null) return { ...NO_CONTEXT, configured: true };
    const answer = await fetchCustomerContext(
      url,
      { companyId, userId: c.siteUserId, cursor },
      this.options.fetch ? { fetch: this.options.fetch } : {},
    );
    return { ...answer, configured: true };
  }
}
