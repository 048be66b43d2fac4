import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureInternalSecret } from './internal-secret.ts';

describe('internal secret', () => {
  let runDir: string;
  beforeEach(async () => {
    runDir = await mkdtemp(join(tmpdir(), 'internal-secret-'));
  });
  afterEach(() => rm(runDir, { recursive: true, force: true }));

  it('is made once per run directory, owner-only, and read back the same by every caller', async () => {
    const secret = ensureInternalSecret(runDir);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ensureInternalSecret(runDir)).toBe(secret);
    expect(await readFile(join(runDir, 'internal-secret'), 'utf8')).toBe(secret);
    expect((await stat(join(runDir, 'internal-secret'))).mode & 0o777).toBe(0o600);
  });

  it('an existing secret that others could read is made owner-only when it is used', async () => {
    const path = join(runDir, 'internal-secret');
    await writeFile(path, 'x'.repeat(43));
    await chmod(path, 0o644);
    expect(ensureInternalSecret(runDir)).toBe('x'.repeat(43));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});
