/**
 * axe-core (WCAG 2.1 A/AA rules) run inside a Playwright page: the accessibility e2e test and the
 * preview script use it. The engine is injected from the npm package's own bundle, so no network is needed.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.0/2.1 A and AA rule tags: the level the issue asks for. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type AxeViolation = { rule: string; impact: string; help: string; targets: string[] };

/**
 * The violations of WCAG 2.1 A/AA on the page as it is drawn now; `rules` narrows the run to those rules
 * (a second colour theme changes only what colour-contrast checks).
 */
export async function axeViolations(page: Page, rules?: string[]): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') refuses an inline script tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(
    async ({ tags, rules }) => {
      const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResults> } }).axe;
      type AxeResults = {
        violations: {
          id: string;
          impact: string | null;
          help: string;
          nodes: {
            target: unknown[];
            any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } }[];
          }[];
        }[];
      };
      const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags };
      const result = await axe.run(document, { runOnly, resultTypes: ['violations'] });
      return result.violations.map((violation) => ({
        rule: violation.id,
        impact: violation.impact ?? 'unknown',
        help: violation.help,
        targets: violation.nodes.map((node) => {
          const where = node.target.map(String).join(' ');
          // For a contrast failure the colours tell which token to fix.
          const colours = node.any.find((check) => check.data?.contrastRatio)?.data;
          return colours ? `${where} [${colours.fgColor} on ${colours.bgColor}: ${colours.contrastRatio}]` : where;
        }),
      }));
    },
    { tags: WCAG_AA, rules },
  );
}

/** Serious and critical: what the suite refuses. */
export const isBlocking = (violation: AxeViolation) =>
  violation.impact === 'serious' || violation.impact === 'critical';
