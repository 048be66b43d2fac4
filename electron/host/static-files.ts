import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HostHttpProblem, type HostTarget } from './http-guard.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves the built renderer pages; nothing outside `root` is reachable. The target is checked by
 * http-guard.ts first (no dot or encoded-slash segments), the containment check stays as a backstop.
 */
export function serveStatic(root: string) {
  return async (request: IncomingMessage, response: ServerResponse, { segments }: HostTarget): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new HostHttpProblem(405, 'method-not-allowed', 'Pages are read with GET');
    }
    const file = normalize(join(root, ...segments));
    if (!file.startsWith(root + sep)) throw new HostHttpProblem(403, 'forbidden', 'Outside the pages');
    const body = await readFile(file).catch(() => {
      throw new HostHttpProblem(404, 'not-found', 'No such page');
    });
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}
