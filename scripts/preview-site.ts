/**
 * The preview page (src/ui/preview/: the real UI drawn from canned sample states) built with an inline vite
 * config and served on loopback: ui-preview.ts takes its screenshots from it, and the layout checks in the
 * suite (test/e2e/call-screen-fits.e2e.test.ts) measure it.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

export type PreviewSite = {
  /**
   * The page of one scenario, in one language; `callWindow` draws the small incoming-call window instead;
   * `theme` and `textSize` as if chosen in Settings.
   */
  url(scenario: string, language: string, options?: PreviewOptions): string;
  close(): void;
};

export type PreviewOptions = { callWindow?: boolean; theme?: 'light' | 'dark'; textSize?: number };

export async function startPreviewSite(siteDir: string): Promise<PreviewSite> {
  await build({
    configFile: false,
    root: join(root, 'src'),
    base: './',
    logLevel: 'warn',
    build: {
      outDir: siteDir,
      emptyOutDir: true,
      target: 'chrome130',
      rollupOptions: { input: { preview: join(root, 'src/ui/preview/index.html') } },
    },
  });
  const server = createServer((req, res) => {
    const path = join(siteDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!path.startsWith(siteDir) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: (scenario, language, options = {}) =>
      `http://127.0.0.1:${port}/ui/preview/index.html?scenario=${scenario}&lang=${language}` +
      (options.callWindow ? '&view=call' : '') +
      (options.theme ? `&theme=${options.theme}` : '') +
      (options.textSize ? `&textSize=${options.textSize}` : ''),
    close: () => server.close(),
  };
}
