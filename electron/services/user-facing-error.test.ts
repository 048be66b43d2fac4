import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFUSAL_MESSAGES } from '../../src/shared/agent-status.ts';
import en from '../../src/shared/locales/en.json' with { type: 'json' };

/** Every `new UserFacingError('code', …)` in the services: the codes a person may be refused with. */
function thrownCodes(dir: string): string[] {
  const codes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.includes('.test.')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const match of text.matchAll(/new UserFacingError\(\s*'([^']+)'/g)) codes.push(match[1]!);
  }
  return codes;
}

describe('UserFacingError codes', () => {
  it('each refusal a service throws, and each working-status refusal, has its words in the translation files', () => {
    const codes = [...thrownCodes(import.meta.dirname), ...Object.keys(REFUSAL_MESSAGES)];
    expect(codes.length).toBeGreaterThan(15);
    const missing = codes.filter((code) => !Object.hasOwn(en.refusal, code));
    expect(missing).toEqual([]);
  });
});
