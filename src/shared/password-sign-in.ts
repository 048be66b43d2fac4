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

/** Where calls ring, as the station step offers it (mobile mode is the number sign-in's). */
export const StationRingSchema = z.enum(['computer', 'desk', 'number']);
export type StationRing = z.infer<typeof StationRingSchema>;

/** What the user picks at the station step; main checks the number again (parseMobileNumber). */
export const StationChoiceSchema = z.strictObject({
  role: AccountRoleSchema,
  team: z.string().min(1).max(100).nullable(),
  ringTarget: StationRingSchema,
  ringNumber: z.string().max(40).nullable(),
});
export type StationChoice = z.infer<typeof StationChoiceSchema>;

/** The station step: the account's role and teams, whether a desk phone can ring, and the last choice. */
export const StationOptionsSchema = z.strictObject({
  account: ContactCenterAccountSchema,
  deskPhone: z.boolean(),
  chosen: StationChoiceSchema,
});
export type StationOptions = z.infer<typeof StationOptionsSchema>;

export const PasswordSignInResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** First sign-in (or after an administrator's reset): a new password before anything else. */
    mustChangePassword: z.boolean(),
    account: ContactCenterAccountSchema,
    /** The station step's choices, once the password opens the account (null until a first password is changed). */
    station: StationOptionsSchema.nullable(),
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

/** The forced change went through: the station step comes next. */
export const FirstPasswordDoneSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), station: StationOptionsSchema }),
  NumberSignInFailureSchema,
]);
export type FirstPasswordDone = z.infer<typeof FirstPasswordDoneSchema>;
