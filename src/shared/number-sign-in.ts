/**
 * Sign-in by mobile number, as the UI and main see it: the answers of the provisioning
 * service (switchboard/provisioning/openapi.yaml) turned into typed results, each failure a
 * `code` the UI translates, with the wait or the tries left where the service gives them.
 */
import { z } from 'zod';
import { MOBILE_INPUT_MAX, parseMobileNumber } from './mobile-number.ts';

export const NumberSignInErrorCodeSchema = z.enum([
  'not-configured',
  'server-unreachable',
  'invalid-number',
  'number-not-registered',
  'code-not-requested',
  'code-wrong',
  'code-expired',
  'too-many-tries',
  'rate-limited',
  'resend-too-early',
  'code-call-failed',
  /** The device token is not (or no longer) known: signed out, or signed in on another computer. */
  'device-unknown',
  /** The company allows the desktop app or the mobile client, not both, and the mobile client is signed in. */
  'other-device-active',
  /** E-mail and password sign-in (password-sign-in.ts): the e-mail or the (current) password is not right. */
  'wrong-password',
  /** A new password breaks the rules: `violations` says which. */
  'password-rules',
  /** The account's first (or reset) password opens nothing but the change. */
  'password-change-required',
  /** The station step's "my extension's desk phone", when the administrator has given the extension none. */
  'no-desk-phone',
  'failed',
]);
export type NumberSignInErrorCode = z.infer<typeof NumberSignInErrorCodeSchema>;

export const NumberSignInFailureSchema = z.strictObject({
  ok: z.literal(false),
  code: NumberSignInErrorCodeSchema,
  retryAfterSec: z.number().int().min(0).optional(),
  triesLeft: z.number().int().min(0).optional(),
  /** The service's English words, for the curious; never shown instead of the translated reason. */
  detail: z.string().max(500).optional(),
  /** The service's id for this refusal (12 hex digits), also in its log: the user reads it out to an administrator. */
  traceId: z
    .string()
    .regex(/^[0-9a-f]{6,32}$/)
    .optional(),
  /** With `password-rules`: the codes of every rule the new password breaks (lib/password-rules.ts). */
  violations: z.array(z.string().max(40)).max(20).optional(),
});
export type NumberSignInFailure = z.infer<typeof NumberSignInFailureSchema>;

export const CompanySchema = z.strictObject({ id: z.number().int().min(1), name: z.string().max(200) });
export type Company = z.infer<typeof CompanySchema>;

export const LookupResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), mobile: z.string(), companies: z.array(CompanySchema).min(1) }),
  NumberSignInFailureSchema,
]);
export type LookupResult = z.infer<typeof LookupResultSchema>;

export const CodeRequestResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    expiresInSec: z.number().int().min(0),
    resendAfterSec: z.number().int().min(0),
    triesAllowed: z.number().int().min(0),
  }),
  NumberSignInFailureSchema,
]);
export type CodeRequestResult = z.infer<typeof CodeRequestResultSchema>;

export const VerifyResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true) }),
  NumberSignInFailureSchema,
]);
export type VerifyResult = z.infer<typeof VerifyResultSchema>;

/** A number as typed; main checks it is a possible mobile number before it goes anywhere. */
export const MobileInputSchema = z
  .string()
  .max(MOBILE_INPUT_MAX)
  .refine((text) => parseMobileNumber(text).ok, 'Not a possible mobile number');
export const CompanyIdSchema = z.number().int().min(1);
export const SignInCodeSchema = z.string().regex(/^[0-9]{4}$/, 'The code is 4 digits');

/** Empty (not set) or an http(s) URL. */
export const ProvisioningUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine((text) => text === '' || /^https?:\/\/[^\s/]+/i.test(text), 'Must start with http:// or https://');
