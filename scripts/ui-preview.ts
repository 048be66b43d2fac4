/**
 * Screenshots every UI screen in zh-CN, en, sv and fr, for eyeballing layout and text.
 * Builds only the preview page (src/ui/preview/, canned sample states) with an
 * inline vite config, serves it on loopback, and drives /usr/bin/chromium.
 *
 *   node scripts/ui-preview.ts [name,name] [lang,lang]   → /tmp/ui-preview/<view>.<lang>.png
 * (views whose name contains one of the names; every language unless listed)
 *   UI_PREVIEW_THEME=dark UI_PREVIEW_TEXT_SIZE=150 node scripts/ui-preview.ts …   → <view>.<lang>.dark.150.png
 * (the display settings as if chosen in Settings)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { LanguageSchema } from '../src/shared/domain.ts';
import { callWindowSize, TextSizeSchema, ThemeSchema } from '../src/shared/display.ts';
import { startPreviewSite } from './preview-site.ts';
import { shots } from './ui-preview-shots.ts';

// Several checkouts may preview at once on one machine: each can have its own directory.
const outDir = process.env.UI_PREVIEW_OUT ?? '/tmp/ui-preview';
const filter = process.argv[2];
const languages = process.argv[3]?.split(',') ?? LanguageSchema.options;
const theme = ThemeSchema.exclude(['system'])
  .optional()
  .parse(process.env.UI_PREVIEW_THEME || undefined);
const textSize = TextSizeSchema.optional().parse(
  process.env.UI_PREVIEW_TEXT_SIZE ? Number(process.env.UI_PREVIEW_TEXT_SIZE) : undefined,
);
const suffix = (theme ? `.${theme}` : '') + (textSize ? `.${textSize}` : '');
const site = await startPreviewSite(join(outDir, 'site'));

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
      if (shot.callWindow) await page.setViewportSize(callWindowSize(textSize ?? 100));
      // A larger text size zooms the whole UI: the wide desk needs a window larger by as much.
      const scale = (textSize ?? 100) / 100;
      if (shot.viewport) {
        await page.setViewportSize({
          width: Math.round(shot.viewport.width * scale),
          height: Math.round(shot.viewport.height * scale),
        });
      }
      await page.goto(
        site.url(shot.scenario, lang, {
          callWindow: Boolean(shot.callWindow),
          ...(theme ? { theme } : {}),
          ...(textSize ? { textSize } : {}),
        }),
      );
      await page.locator('#root > *').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('.splash'));
      await shot.act?.(page, lang);
      await page.waitForTimeout(150);
      const file = join(outDir, `${shot.name}.${lang}${suffix}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
  site.close();
}
if (problems.length) {
  console.error(`Console problems:\n${problems.join('\n')}`);
  process.exitCode = 1;
}
