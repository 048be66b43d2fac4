import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileTypeFromBuffer } from 'file-type';
import { HttpProblem } from '../../http-entry.ts';
import { ProvisioningError } from '../problems.ts';
import type { ChatDesk } from './chat-desk.ts';
import type { ChatMessage, Conversation } from './conversation-store.ts';
import { isImageMime, MAX_IMAGE_BYTES, megabytes, type ImageMime } from './image-rules.ts';

const extensionOf: Record<ImageMime, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const ACCEPTED = 'Only PNG, JPEG, GIF and WebP images can be sent';

function tooLarge(size: number | null): ProvisioningError {
  return new ProvisioningError(
    'image-too-large',
    size === null
      ? 'An image is at most 10 MB; this one is larger'
      : `An image is at most 10 MB; this one is ${megabytes(size)} MB`,
  );
}

/**
 * What the bytes are, by their content (file-type reads the magic numbers; the name and the
 * Content-Type the client claims are never trusted). SVG is refused: it is a document that can carry
 * script, not a picture; so is every disguised file.
 */
export async function sniffImage(bytes: Uint8Array): Promise<ImageMime> {
  if (bytes.length === 0) throw new ProvisioningError('image-refused', 'The file is empty');
  if (bytes.length > MAX_IMAGE_BYTES) throw tooLarge(bytes.length);
  const found = await fileTypeFromBuffer(bytes);
  if (found && isImageMime(found.mime)) return found.mime;
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('utf8').toLowerCase();
  if (head.includes('<svg')) throw new ProvisioningError('image-refused', `SVG images cannot be sent. ${ACCEPTED}.`);
  throw new ProvisioningError(
    'image-refused',
    found ? `This file is ${found.ext.toUpperCase()}. ${ACCEPTED}.` : `This file is not an image. ${ACCEPTED}.`,
  );
}

/** The raw body of an upload, refused past MAX_IMAGE_BYTES before (Content-Length) or while reading it. */
export async function readImageBody(req: IncomingMessage, maxBytes = MAX_IMAGE_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(declared);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(null);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ProvisioningError || error instanceof HttpProblem) throw error;
    throw new ProvisioningError('invalid-request', 'The upload was cut off');
  }
  return Buffer.concat(chunks);
}

/**
 * An image answered to a participant: its sniffed type only, never sniffed again by the browser
 * (nosniff), shown inline but saved as a plain image file, and sandboxed should anything open it as a page.
 */
export function sendImage(res: ServerResponse, image: { id: string; mime: ImageMime; bytes: Buffer }): void {
  res.writeHead(200, {
    'content-type': image.mime,
    'content-length': image.bytes.length,
    'content-disposition': `inline; filename="image-${image.id}.${extensionOf[image.mime]}"`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    // The id never changes its bytes; private: only the participants may see it.
    'cache-control': 'private, max-age=86400, immutable',
  });
  res.end(image.bytes);
}

const imageIdPattern = /^[A-Za-z0-9_-]{22}$/;

/** Images in a conversation (migration 0014: rows beside the message that shows them). */
export class ChatImages {
  private readonly desk: ChatDesk;

  constructor(desk: ChatDesk) {
    this.desk = desk;
  }

  /**
   * Stores the image and its message in one transaction; a retried client id returns the message
   * already stored (the bytes sent again are not kept twice). `post` stores the message that shows the
   * image (a customer chat's by the desk's rules; an internal chat passes its own).
   */
  async send(
    conversation: Conversation,
    sender: 'visitor' | 'agent',
    authorId: number | null,
    clientId: string,
    bytes: Buffer,
    post: (current: Conversation, imageId: string) => ChatMessage = (current, imageId) =>
      this.desk.send(current, sender, authorId, clientId, '', imageId),
  ): Promise<ChatMessage> {
    const store = this.desk.store;
    const sent = store.byClientId(conversation.id, sender, clientId);
    if (sent) return sent;
    if (conversation.state === 'ended') throw new ProvisioningError('chat-ended', 'This chat has ended');
    const mime = await sniffImage(bytes);
    return store.transaction(() => {
      const again = store.byClientId(conversation.id, sender, clientId);
      if (again) return again;
      const id = randomBytes(16).toString('base64url');
      this.desk.db
        .prepare(
          `INSERT INTO chat_images (id, conversation_id, sender, mime, size, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, conversation.id, sender, mime, bytes.length, bytes, this.desk.clock.now());
      // The conversation as it is now: the sniffing above may have let another change in.
      const current = store.get(conversation.id)!;
      return post(current, id);
    });
  }

  /** An image of this conversation; any other id (or another conversation's image) is 404. */
  image(conversationId: string, imageId: string): { id: string; mime: ImageMime; bytes: Buffer } {
    const row = imageIdPattern.test(imageId)
      ? (this.desk.db
          .prepare(`SELECT id, mime, bytes FROM chat_images WHERE id = ? AND conversation_id = ?`)
          .get(imageId, conversationId) as { id: string; mime: ImageMime; bytes: Buffer } | undefined)
      : undefined;
    if (!row) throw new ProvisioningError('not-found', 'No such image in this chat');
    return row;
  }
}
