import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicStreaming } from './atomic-write.ts';
import { makeTempDir } from './temp-dir.ts';

describe('writeFileAtomic', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir('atomic');
  });
  afterEach(() => temp.cleanup());

  it('creates parent directories, replaces contents and leaves no temp file', () => {
    const path = join(temp.dir, 'a', 'b.json');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, Buffer.from('second'));
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(join(temp.dir, 'a'))).toEqual(['b.json']);
  });

  it.skipIf(process.platform === 'win32')('applies the requested mode, even when replacing a looser file', () => {
    const path = join(temp.dir, 'secret');
    writeFileAtomic(path, 'x', { mode: 0o644 });
    writeFileAtomic(path, 'y', { mode: 0o600 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('cleans up its temp file when the target cannot be replaced', () => {
    const dirAsTarget = join(temp.dir, 'occupied');
    writeFileAtomic(join(dirAsTarget, 'inner'), 'x');
    expect(() => writeFileAtomic(dirAsTarget, 'y')).toThrow();
    expect(readdirSync(temp.dir)).toEqual(['occupied']);
  });

  it('streaming: the file appears whole once the writing is done; a write that fails leaves the old one', async () => {
    const path = join(temp.dir, 'export.csv');
    await writeFileAtomicStreaming(path, async (out) => {
      out.write('a,b\r\n');
      out.write('1,2\r\n');
    });
    expect(readFileSync(path, 'utf8')).toBe('a,b\r\n1,2\r\n');
    await expect(
      writeFileAtomicStreaming(path, async (out) => {
        out.write('half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readFileSync(path, 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(readdirSync(temp.dir)).toEqual(['export.csv']);
  });
});
