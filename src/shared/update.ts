/**
 * What the UI may know about updates and the About dialog. The update logic lives in
 * main (electron/services/update); the UI renders these states and sends intents.
 */
import { z } from 'zod';

const VersionSchema = z.string().max(64);

/** Why an update failed; the UI words each one (i18n `about.failure.*`), `detail` is for support. */
export const UpdateFailureSchema = z.enum(['feed-unreachable', 'feed-invalid', 'download-failed', 'integrity']);
export type UpdateFailure = z.infer<typeof UpdateFailureSchema>;

export const UpdateStatusSchema = z.discriminatedUnion('phase', [
  z.strictObject({ phase: z.literal('idle') }),
  z.strictObject({ phase: z.literal('checking') }),
  z.strictObject({ phase: z.literal('latest'), version: VersionSchema }),
  z.strictObject({ phase: z.literal('available'), version: VersionSchema }),
  z.strictObject({ phase: z.literal('downloading'), version: VersionSchema, percent: z.number().min(0).max(100) }),
  /** Downloaded and verified: installs on quit, or now on "Restart now" (never during a call). */
  z.strictObject({ phase: z.literal('ready'), version: VersionSchema }),
  z.strictObject({
    phase: z.literal('failed'),
    reason: UpdateFailureSchema,
    detail: z.string().max(500),
    version: VersionSchema.optional(),
  }),
]);
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

export const AboutInfoSchema = z.strictObject({
  version: VersionSchema,
  build: z.string().max(64),
  licences: z.array(z.strictObject({ name: z.string(), licence: z.string() })),
});
export type AboutInfo = z.infer<typeof AboutInfoSchema>;

/** Settings › About's Memory line: all of the app's processes together, null where the OS does not say. */
export const MemoryUsageSchema = z.strictObject({
  totalBytes: z.number().nonnegative().nullable(),
  processes: z.number().int().nonnegative(),
});
export type MemoryUsage = z.infer<typeof MemoryUsageSchema>;
