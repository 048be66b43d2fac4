/**
 * Screenshots every UI screen in zh-CN, en, sv and fr, for eyeballing layout and text.
 * Builds only the preview page (src/ui/preview/, canned sample states) with an
 * inline vite config, serves it on loopback, and drives /usr/bin/chromium.
 *
 *   node scripts/ui-preview.ts [name,name] [lang,lang]   → /tmp/ui-preview/<view>.<lang>.png
 * (views whose name contains one of the names; every language unless listed)
 */
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { LanguageSchema } from '../src/shared/domain.ts';
import { shots } from './ui-preview-shots.ts';

const root = resolve(import.meta.dirname, '..');
// Several checkouts may preview at once on one machine: each can have its own directory.
const outDir = process.env.UI_PREVIEW_OUT ?? '/tmp/ui-preview';
const siteDir = join(outDir, 'site');
const filter = process.argv[2];
const languages = process.argv[3]?.split(',') ?? LanguageSchema.options;

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

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};
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

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
mkdirSync(outDir, { recursive: true });
const problems: string[] = [];
try {
  for (const lang of LanguageSchema.array().parse(languages)) {
    const context = await browser.newContext({
      viewport: { width: 380, height: 640 },
      locale: lang,
      reducedMotion: 'reduce',
    });
    for (const shot of shots) {
      if (filter && !filter.split(',').some((part) => shot.name.includes(part))) continue;
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${shot.name}.${lang}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`${shot.name}.${lang}: ${e.message}`));
      if (shot.callWindow) await page.setViewportSize({ width: 340, height: 150 });
      const view = shot.callWindow ? '&view=call' : '';
      await page.goto(`http://127.0.0.1:${port}/ui/preview/index.html?scenario=${shot.scenario}&lang=${lang}${view}`);
      await page.locator('#root > *').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('.splash'));
      await shot.act?.(page, lang);
      await page.waitForTimeout(150);
      const file = join(outDir, `${shot.name}.${lang}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.error(`Console problems:\n${problems.join('\n')}`);
  process.exitCode = 1;
}
