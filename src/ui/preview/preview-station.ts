/** PREVIEW ONLY. The station step's offer for a sample account that may be supervisor and agent. */
import type { StationOptions } from '../../shared/password-sign-in.ts';

export function previewStation(email: string): StationOptions {
  return {
    account: {
      email,
      role: 'both',
      teams: ['Harbor Support', 'Billing', 'Returns', '售后服务 After-sales', 'Kundtjänst Nord', 'Support VIP'],
    },
    deskPhone: true,
    chosen: { role: 'both', team: 'Harbor Support', ringTarget: 'computer', ringNumber: null },
  };
}
