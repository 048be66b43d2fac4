/**
 * Images on the visitor page (上传图片): what may be picked (checked here for a quick answer; the
 * service sniffs the bytes and decides), the preview before sending, the full-size view, and the
 * images of the transcript, fetched with the token and shown as blob: URLs.
 */
import { isImageMime, MAX_IMAGE_BYTES, megabytes } from '../image-rules.ts';
import type { Words } from './words.ts';

/** Why this file will not be sent, or null. The browser's type comes from the name: only a first check. */
export function imageRefusal(file: { type: string; size: number }, words: Words['image']): string | null {
  if (!isImageMime(file.type) || file.size === 0) return words.wrongType;
  if (file.size > MAX_IMAGE_BYTES) return words.tooLarge(megabytes(file.size));
  return null;
}

/** The first image of a paste or a drop, if any. */
export function imageOf(data: DataTransfer | null): File | null {
  for (const file of Array.from(data?.files ?? [])) if (file.type.startsWith('image/')) return file;
  return data?.files?.[0] ?? null;
}

/** Blob URLs of the transcript's images, fetched once each; `changed` redraws when one arrives. */
export class ImageUrls {
  private readonly urls = new Map<string, string | 'failed' | 'loading'>();
  private readonly load: (imageId: string) => Promise<Blob>;
  private readonly changed: () => void;

  constructor(load: (imageId: string) => Promise<Blob>, changed: () => void) {
    this.load = load;
    this.changed = changed;
  }

  /** A blob: URL, 'failed', or null while it loads. */
  url(imageId: string): string | 'failed' | null {
    const known = this.urls.get(imageId);
    if (known === 'loading') return null;
    if (known !== undefined) return known;
    this.urls.set(imageId, 'loading');
    this.load(imageId)
      .then(
        (blob) => this.urls.set(imageId, URL.createObjectURL(blob)),
        () => this.urls.set(imageId, 'failed'),
      )
      .finally(this.changed);
    return null;
  }

  clear(): void {
    for (const url of this.urls.values()) if (url.startsWith('blob:')) URL.revokeObjectURL(url);
    this.urls.clear();
  }
}

/** The preview before sending: the picked image, Send and Cancel (Escape cancels). */
export function askToSend(dialog: HTMLDialogElement, file: File, words: Words['image']): Promise<boolean> {
  const url = URL.createObjectURL(file);
  const image = dialog.querySelector('img')!;
  image.src = url;
  image.alt = file.name;
  dialog.querySelector('h2')!.textContent = words.previewTitle;
  const [send, cancel] = Array.from(dialog.querySelectorAll('button'));
  send!.textContent = words.send;
  cancel!.textContent = words.cancel;
  dialog.showModal();
  send!.focus();
  return new Promise((resolve) => {
    const done = (answer: boolean) => {
      send!.removeEventListener('click', yes);
      cancel!.removeEventListener('click', no);
      dialog.removeEventListener('close', no);
      if (dialog.open) dialog.close();
      URL.revokeObjectURL(url);
      resolve(answer);
    };
    const yes = () => done(true);
    const no = () => done(false);
    send!.addEventListener('click', yes);
    cancel!.addEventListener('click', no);
    dialog.addEventListener('close', no);
  });
}

/** The full-size view of a transcript image; Close or Escape goes back. */
export function showFullSize(dialog: HTMLDialogElement, url: string, alt: string, words: Words['image']): void {
  const image = dialog.querySelector('img')!;
  image.src = url;
  image.alt = alt;
  const close = dialog.querySelector('button')!;
  close.textContent = words.close;
  close.onclick = () => dialog.close();
  dialog.showModal();
  close.focus();
}
