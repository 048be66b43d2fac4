import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

/** The built renderer pages, packaged beside the main process code. */
export const RENDERER_DIR = resolve(import.meta.dirname, '../../../dist/renderer');
const RENDERER_URL = pathToFileURL(RENDERER_DIR + '/').href;

export const pageUrl = (page: 'ui' | 'engine') => `${RENDERER_URL}${page}/index.html`;

export function isOwnPage(url: string): boolean {
  return url.startsWith(RENDERER_URL);
}
