/**
 * What main answers to "dial": the call it placed, the callback it asked for (mobile mode: the
 * switchboard rings the user's mobile first, then the number), or why it refused. The core decides;
 * the UI shows the answer in its own words (the reason is a translation key's last part).
 */
import { z } from 'zod';
import { CallIdSchema, DialTargetSchema } from './domain.ts';

export const DialRefusalSchema = z.enum([
  /** The working status is Offline: no calls out (the switchboard would refuse them too). */
  'offline',
  /** Not registered (signed out, connecting, reconnecting): there is no line to call on. */
  'not-registered',
]);
export type DialRefusal = z.infer<typeof DialRefusalSchema>;

export const DialOutcomeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('call'), callId: CallIdSchema }),
  z.strictObject({ kind: z.literal('callback'), to: DialTargetSchema }),
  z.strictObject({ kind: z.literal('refused'), reason: DialRefusalSchema }),
]);
export type DialOutcome = z.infer<typeof DialOutcomeSchema>;
