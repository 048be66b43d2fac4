import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OnceFlag } from './once-flag.ts';

describe('OnceFlag', () => {
  it('says yes once, also across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'once-'));
    const flag = new OnceFlag(dir, 'close-to-tray-hint');
    expect(flag.take()).toBe(true);
    expect(flag.take()).toBe(false);
    expect(new OnceFlag(dir, 'close-to-tray-hint').take()).toBe(false);
    expect(new OnceFlag(dir, 'another-hint').take()).toBe(true);
  });
});
