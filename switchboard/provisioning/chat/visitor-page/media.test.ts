import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES } from '../image-rules.ts';
import { imageRefusal } from './media.ts';
import { wordsFor } from './words.ts';

describe('imageRefusal (the page’s first check before the service sniffs the bytes)', () => {
  const words = wordsFor('en').image;
  it('lets PNG, JPEG, GIF and WebP through', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) {
      expect(imageRefusal({ type, size: 1000 }, words)).toBeNull();
    }
  });
  it('refuses an SVG, a document and an empty file, naming the kinds it takes', () => {
    for (const file of [
      { type: 'image/svg+xml', size: 10 },
      { type: 'text/html', size: 10 },
      { type: 'image/png', size: 0 },
    ]) {
      expect(imageRefusal(file, words)).toBe('Only PNG, JPEG, GIF and WebP images can be sent');
    }
  });
  it('refuses an image over 10 MB saying how big it is, in Chinese too', () => {
    expect(imageRefusal({ type: 'image/png', size: MAX_IMAGE_BYTES + 200_000 }, words)).toBe(
      'The image is too large: 10.2 MB, at most 10 MB',
    );
    expect(imageRefusal({ type: 'image/jpeg', size: 12 * 1024 * 1024 }, wordsFor('zh-CN').image)).toBe(
      '图片过大：12.0 MB，最大 10 MB',
    );
  });
});
