/**
 * Images in the agent's chats, main's half: the picked image's bytes from the window (base64 over
 * IPC) checked before they go, and a received image turned into the data: URL the window may show
 * (its CSP allows data: images; the device token never reaches the page). The service sniffs what
 * it stores; main sniffs again what it hands the page, so nothing but a picture is ever shown.
 */
import { fileTypeFromBuffer } from 'file-type';
import { CHAT_IMAGE_MAX_BYTES, CHAT_IMAGE_TYPES } from '../../../src/shared/chat.ts';
import { UserFacingError } from '../user-facing-error.ts';

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/** The bytes of an image the agent picked; refused at once when empty or over 10 MB. */
export function decodeImage(base64: string): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new UserFacingError('image-refused', 'The file is empty.');
  if (bytes.length > CHAT_IMAGE_MAX_BYTES) {
    throw new UserFacingError(
      'image-too-large',
      `An image is at most 10 MB; this one is ${megabytes(bytes.length)} MB.`,
    );
  }
  return bytes;
}

/** A received image as a data: URL, only if its bytes are one of the four picture types. */
export async function imageDataUrl(bytes: Buffer): Promise<string> {
  const found = await fileTypeFromBuffer(bytes);
  if (!found || !(CHAT_IMAGE_TYPES as readonly string[]).includes(found.mime)) {
    throw new UserFacingError('image-refused', 'This image cannot be shown.');
  }
  return `data:${found.mime};base64,${bytes.toString('base64')}`;
}
