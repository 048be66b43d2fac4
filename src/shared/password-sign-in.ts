/**
 * Sign-in by e-mail and password (issue 18), as the UI and main see it: the provisioning service's
 * answers (switchboard/provisioning/openapi.yaml, docs/accounts.md) as typed results. Failures are the
 * number sign-in's (`NumberSignInFailure`): a `code` the UI words, with the wait, the tries left, the
 * rules broken and the service's trace id where it gives them.
 */
import { z } from 'zod';
import { NumberSignInFailureSchema } from './number-sign-in.ts';

/** Long enough for any real address; the service checks the rest. */
export const EmailInputSchema = z.string().trim().min(3).max(254).includes('@');
/** Longer than the rules allow, so a too-long new password gets the rules' answer, not a contract error. */
export const PasswordInputSchema = z.string().min(1).max(200);
export const ResetCodeSchema = z.string().regex(/^[0-9]{6}$/, 'The code is 6 digits');

export const AccountRoleSchema = z.enum(['agent', 'supervisor', 'both']);
export type AccountRole = z.infer<typeof AccountRoleSchema>;

/** Who signed in: what the station step needs (role, teams). */
export const ContactCenterAccountSchema = z.strictObject({
  email: z.string().max(254),
  role: AccountRoleSchema,
  teams: z.array(z.string().max(100)).max(200),
});
export type ContactCenterAccount = z.infer<typeof ContactCenterAccountSchema>;

export const PasswordSignInResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** First sign-in (or after an administrator's reset): a new password before anything else. */
    mustChangePassword: z.boolean(),
    account: ContactCenterAccountSchema,
  }),
  NumberSignInFailureSchema,
]);
export type PasswordSignInResult = z.infer<typeof PasswordSignInResultSchema>;

export const PasswordDoneSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true) }),
  NumberSignInFailureSchema,
]);
export type PasswordDone = z.infer<typeof PasswordDoneSchema>;

export const ResetCodeRequestSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    expiresInSec: z.number().int().min(0),
    resendAfterSec: z.number().int().min(0),
    triesAllowed: z.number().int().min(0),
  }),
  NumberSignInFailureSchema,
]);
export type ResetCodeRequest = z.infer<typeof ResetCodeRequestSchema>;
