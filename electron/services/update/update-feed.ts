/**
 * The update feed: electron-builder's generic provider publishes `latest.yml`
 * (`latest-mac.yml`, `latest-linux.yml`) beside the installers. This reads one,
 * from YAML text (plain-Node updater) or from the object electron-updater parsed,
 * and refuses anything it could not safely act on with a reason a person can read.
 */
import yaml from 'js-yaml';
import { z } from 'zod';
import { parseVersion } from './version.ts';

// sha512 in base64 is 88 characters (86 + "=="); electron-builder writes it that way.
const Sha512Base64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'sha512 must be 64 bytes in base64');
// A file name or path relative to the feed (or an absolute https/http URL); never a scheme like file: or javascript:.
const FileUrl = z
  .string()
  .min(1)
  .max(512)
  .refine((url) => /^https?:\/\//i.test(url) || !/^[a-z][a-z0-9+.-]*:/i.test(url), 'url must be relative or http(s)')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .refine((url) => !/[\u0000-\u001f\u007f]/.test(url), 'url contains control characters');

const FeedFileSchema = z.object({
  url: FileUrl,
  sha512: Sha512Base64,
  size: z
    .number()
    .int()
    .positive()
    .max(4 * 1024 ** 3)
    .optional(),
});

const FeedSchema = z.object({
  version: z
    .string()
    .max(64)
    .refine((version) => parseVersion(version) !== null, 'version is not a semantic version'),
  files: z.array(FeedFileSchema).min(1).max(32),
  releaseDate: z.string().max(64).optional(),
  releaseName: z.string().max(200).nullish(),
});

export type UpdateFile = z.infer<typeof FeedFileSchema>;
/** A release the feed offers: its version and the installer to fetch (the first file, as electron-updater picks). */
export type UpdateOffer = { version: string; file: UpdateFile; releaseDate?: string | undefined };

export type FeedResult = { ok: true; offer: UpdateOffer } | { ok: false; message: string };

const MAX_FEED_BYTES = 64 * 1024;

export function parseFeedText(text: string): FeedResult {
  if (text.length > MAX_FEED_BYTES) return { ok: false, message: `the feed is larger than ${MAX_FEED_BYTES} bytes` };
  let data: unknown;
  try {
    // JSON schema: plain scalars only (no dates, no custom tags), which is all latest.yml uses.
    data = yaml.load(text, { schema: yaml.JSON_SCHEMA });
  } catch (error) {
    return { ok: false, message: `the feed is not valid YAML (${firstLine(error)})` };
  }
  return readFeed(data);
}

/** Checks an already-parsed feed (electron-updater's UpdateInfo, or our YAML). */
export function readFeed(data: unknown): FeedResult {
  const parsed = FeedSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, message: `the feed is not a usable latest.yml (${where}${issue?.message ?? 'invalid'})` };
  }
  const { version, files, releaseDate } = parsed.data;
  return { ok: true, offer: { version, file: files[0]!, releaseDate } };
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error)
    .split('\n')[0]!
    .slice(0, 200);
}
