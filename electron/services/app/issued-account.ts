/**
 * The SIP account the provisioning service issued at a sign-in (by number or by e-mail and password),
 * checked like a typed-in account before anything uses it: a bad address must not reach the engine.
 */
import { SavedAccountSchema, type SavedAccount } from '../../../src/shared/domain.ts';
import type { NumberSignInFailure } from '../../../src/shared/number-sign-in.ts';
import type { Logger } from '../log/logger.ts';
import type { ProvisionedAccount } from '../provisioning/client.ts';

export type IssuedTo = { serviceUrl: string; companyId: number; mobile: string; email?: string };

export function issuedAccount(
  answer: ProvisionedAccount,
  to: IssuedTo,
  log: Logger,
): { ok: true; account: SavedAccount } | NumberSignInFailure {
  const { sip, device } = answer;
  const issued = SavedAccountSchema.safeParse({
    server: sip.wsUrl,
    user: sip.username,
    password: sip.password,
    domain: sip.domain,
    displayName: sip.displayName.slice(0, 64),
    provisioned: {
      serviceUrl: to.serviceUrl,
      deviceId: device.id,
      token: device.token,
      companyId: to.companyId,
      mobile: to.mobile,
      ...(to.email !== undefined ? { email: to.email } : {}),
    },
  });
  if (issued.success) return { ok: true, account: issued.data };
  const issue = issued.error.issues[0];
  const where = issue?.path.join('.') || 'account';
  log.warn('provisioning service sent an unusable SIP account', { field: where });
  return {
    ok: false,
    code: 'failed',
    detail: `The provisioning service sent an unusable SIP account (${where}: ${issue?.message ?? 'invalid'})`,
  };
}
