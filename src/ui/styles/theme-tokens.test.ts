/**
 * The colour tokens of base.css, read from the file: the dark theme is the same whether Settings chose it
 * or the OS did, and every text colour is readable (WCAG AA, 4.5:1) on every surface in both themes.
 * axe-core checks the drawn screens (test/e2e/accessibility.e2e.test.ts); this catches a token before that.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(join(import.meta.dirname, 'base.css'), 'utf8');

/** The `--name: #hex` declarations of the first block that starts at `opening`. */
function tokens(opening: string): Record<string, string> {
  const start = css.indexOf(opening);
  if (start < 0) throw new Error(`base.css has no ${opening}`);
  const body = css.slice(start + opening.length, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{3,6})\b/gi)].map((m) => [m[1]!, m[2]!]));
}

const channel = (value: number) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4);
function luminance(hex: string): number {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  const [r, g, b] = [1, 3, 5].map((i) => channel(parseInt(full.slice(i, i + 2), 16) / 255));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};

const light = tokens(':root {');
const dark = { ...light, ...tokens(":root[data-theme='dark'] {") };
const TEXTS = [
  '--text',
  '--text-2',
  '--text-3',
  '--primary',
  '--green',
  '--green-text',
  '--red',
  '--red-text',
  '--amber-text',
];
const SURFACES = ['--bg', '--surface', '--surface-2'];

describe('theme tokens', () => {
  it('the dark theme is the same chosen in Settings or followed from the OS', () => {
    expect(tokens(':root:not([data-theme]) {')).toEqual(tokens(":root[data-theme='dark'] {"));
  });

  for (const [name, theme] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`every text colour reaches 4.5:1 on every surface, and white on every fill, in the ${name} theme`, () => {
      const poor: string[] = [];
      for (const text of TEXTS) {
        for (const surface of SURFACES) {
          const ratio = contrast(theme[text]!, theme[surface]!);
          if (ratio < 4.5) poor.push(`${text} on ${surface}: ${ratio.toFixed(2)}`);
        }
      }
      for (const [text, soft] of [
        ['--green-text', '--green-soft'],
        ['--amber-text', '--amber-soft'],
        ['--red-text', '--red-soft'],
        ['--primary-text', '--primary-soft'],
      ] as const) {
        const ratio = contrast(theme[text]!, theme[soft]!);
        if (ratio < 4.5) poor.push(`${text} on ${soft}: ${ratio.toFixed(2)}`);
      }
      // In light a fill is the colour itself (var(--primary)): no hex of its own.
      for (const fill of ['--primary-fill', '--green-fill', '--red-fill']) {
        const ratio = contrast(theme['--on-accent']!, (theme[fill] ?? theme[fill.replace('-fill', '')])!);
        if (ratio < 4.5) poor.push(`--on-accent on ${fill}: ${ratio.toFixed(2)}`);
      }
      expect(poor).toEqual([]);
    });
  }
});

describe('stylesheets', () => {
  it('take every colour from the tokens, so the dark theme and the contrast checks reach each screen', () => {
    const ui = join(import.meta.dirname, '..');
    const sheets = readdirSync(ui, { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.css') && !file.endsWith('base.css'),
    );
    expect(sheets.length).toBeGreaterThan(3);
    const literal = sheets.flatMap((file) =>
      [...readFileSync(join(ui, file), 'utf8').matchAll(/#[0-9a-f]{3,8}\b/gi)].map((m) => `${file}: ${m[0]}`),
    );
    expect(literal).toEqual([]);
  });
});
