/**
 * The customer chat page's files (visitor-page/): built with vite, served under /chat/ by the
 * provisioning server with a strict CSP. Built by vite because the page is TypeScript in several
 * modules plus CSS: vite (already the project's page builder) bundles them into hashed files the CSP
 * allows ('self' only, no inline script or style), in about a second.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { HttpProblem, type RequestTarget } from '../../http-entry.ts';

const pageRoot = resolve(import.meta.dirname, 'visitor-page');

/** Builds the page into `outDir` (emptied first). vite is loaded only here: serving needs no build tools. */
export async function buildVisitorPage(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: pageRoot,
    base: './',
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      // The polyfill would be an inline script, which the CSP refuses; browsers this page supports need none.
      modulePreload: { polyfill: false },
      rollupOptions: { input: join(pageRoot, 'index.html') },
    },
  });
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Only this origin: the page's own files and its own API; no inline code, no framing by others' pages. */
export const visitorPageCsp =
  "default-src 'self'; connect-src 'self'; img-src 'self' blob:; base-uri 'none'; form-action 'none'; object-src 'none'";

const notFound = () => new HttpProblem({ status: 404, code: 'not-found', title: 'No such page' });

/**
 * Answers GET/HEAD /chat/… from the built files in `dir`. The target was checked by http-entry.ts (no
 * dot or encoded-slash segments); the containment check stays as a backstop. `/chat` redirects to
 * `/chat/` so the page's relative asset links resolve, keeping the link's query.
 */
export function serveVisitorPage(dir: string) {
  const root = resolve(dir);
  return async (req: IncomingMessage, res: ServerResponse, target: RequestTarget): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpProblem({ status: 405, code: 'method-not-allowed', title: 'The chat page is read with GET' });
    }
    const rest = target.segments.slice(1);
    if (rest.length === 0) {
      const query = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
      res.writeHead(301, { location: `/chat/${query}`, 'cache-control': 'no-store' }).end();
      return;
    }
    const names = rest.at(-1) === '' ? [...rest.slice(0, -1), 'index.html'] : rest;
    const file = normalize(join(root, ...names));
    const type = types[extname(file)];
    if (!file.startsWith(root + sep) || !type) throw notFound();
    const body = await readFile(file).catch(() => {
      throw notFound();
    });
    res.writeHead(200, {
      'content-type': type,
      'content-length': body.length,
      'cache-control': 'no-cache',
      'content-security-policy': visitorPageCsp,
      'x-content-type-options': 'nosniff',
      // The link may carry the site user's signature in its query: it is not sent on to anyone.
      'referrer-policy': 'no-referrer',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
