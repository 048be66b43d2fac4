/**
 * Every page we ship carries a strict Content-Security-Policy: nothing by default, scripts and
 * styles only from the app (no inline code, no eval), no plugins, no base or form targets.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const PAGES = ['src/ui/index.html', 'src/engine/index.html'];
const root = resolve(import.meta.dirname, '../..');

function policyOf(html: string): Map<string, string[]> {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (!meta) throw new Error('no CSP meta tag');
  return new Map(
    meta[1]!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe.each(PAGES)('CSP of %s', (page) => {
  const html = readFileSync(resolve(root, page), 'utf8');
  const policy = policyOf(html);

  it('denies by default and allows scripts only from the app, never inline or eval', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    for (const values of policy.values()) {
      for (const risky of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'data:', 'http:', 'https:']) {
        if (risky === 'data:' && values === policy.get('img-src')) continue;
        expect(values).not.toContain(risky);
      }
    }
  });

  it('connects only to itself and loopback WebSockets (the engine also to wss: switchboards)', () => {
    const connect = policy.get('connect-src') ?? [];
    for (const source of connect) expect(source).toMatch(/^('self'|ws:\/\/(127\.0\.0\.1|localhost):\*|wss:)$/);
    if (page.includes('ui')) expect(connect).not.toContain('wss:');
  });

  it('has no inline script', () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });
});
