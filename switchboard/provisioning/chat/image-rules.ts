/**
 * What a chat image may be (issue 16): the four picture types and at most 10 MB. One rule for the
 * service, which sniffs the bytes and decides (chat-images.ts), and the visitor page, which checks a
 * picked file first for a quick answer (visitor-page/media.ts). Pure, so the page's bundle can take it.
 * (The app's copy is src/shared/chat.ts: the switchboard stands alone and imports nothing of the app.)
 */

export const IMAGE_MIMES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageMime = (typeof IMAGE_MIMES)[number];

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export function isImageMime(mime: string): mime is ImageMime {
  return (IMAGE_MIMES as readonly string[]).includes(mime);
}

/** "12.0": a size in MB as the refusals say it. */
export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
