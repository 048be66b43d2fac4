import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../fs/temp-dir.ts';
import { openFileLogger, type FileLogger } from './file-logger.ts';

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the file logger', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let logger: FileLogger | undefined;
  beforeEach(() => (temp = makeTempDir('file-logger')));
  afterEach(async () => {
    await logger?.close();
    temp.cleanup();
  });

  it('writes one JSON line per entry with level, time, message, fields and child bindings', async () => {
    logger = openFileLogger({ dir: temp.dir, name: 'main' });
    logger.info('registration changed', { status: 'registered' });
    logger.child({ service: 'call-log' }).warn('write failed', { callId: 'c1' });
    await logger.flush();
    const [first, second] = lines(join(temp.dir, 'main.log'));
    expect(first).toMatchObject({ level: 'info', msg: 'registration changed', status: 'registered' });
    expect(Date.parse(String(first!.time))).toBeGreaterThan(0);
    expect(second).toMatchObject({ level: 'warn', msg: 'write failed', service: 'call-log', callId: 'c1' });
    expect(first).not.toHaveProperty('hostname');
  });

  it('writes an error passed as err with its type, message and stack', async () => {
    logger = openFileLogger({ dir: temp.dir, name: 'main' });
    const error = Object.assign(new TypeError('database is locked'), { code: 'SQLITE_BUSY' });
    logger.error('call log write failed', { err: error });
    await logger.flush();
    const [line] = lines(logger.file);
    expect(line!.err).toMatchObject({ type: 'TypeError', message: 'database is locked', code: 'SQLITE_BUSY' });
    expect(String((line!.err as { stack: string }).stack)).toContain('file-logger.test.ts');
  });

  it('never writes a password, code or token, whether in a field or in the message text', async () => {
    logger = openFileLogger({ dir: temp.dir, name: 'main' });
    logger.info('signing in with password=hunter2-secret', {
      account: { user: '1001', password: 'hunter2-secret' },
      code: '4821',
      headers: { Authorization: 'Bearer tok-abc.def' },
    });
    await logger.flush();
    const text = readFileSync(logger.file, 'utf8');
    expect(text).toContain('1001');
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('4821');
    expect(text).not.toContain('tok-abc.def');
  });

  it('drops lines below its level; debug ones appear when asked for', async () => {
    logger = openFileLogger({ dir: temp.dir, name: 'quiet' });
    logger.debug('ice candidate');
    logger.info('shown');
    const verbose = openFileLogger({ dir: temp.dir, name: 'verbose', level: 'debug' });
    verbose.debug('ice candidate');
    await Promise.all([logger.flush(), verbose.close()]);
    expect(lines(logger.file).map((line) => line.msg)).toEqual(['shown']);
    expect(lines(verbose.file).map((line) => line.msg)).toEqual(['ice candidate']);
  });

  it('rotates at the size cap and keeps only the newest files, so the disk use is bounded', async () => {
    logger = openFileLogger({ dir: temp.dir, name: 'main', maxFileBytes: 4096, keepRotated: 2 });
    for (let i = 0; i < 400; i += 1) {
      logger.info('a line of about a hundred bytes to fill the file', { i });
      if (i % 20 === 0) await logger.flush();
    }
    await logger.close();
    const files = readdirSync(temp.dir).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const file of files) expect(statSync(join(temp.dir, file)).size).toBeLessThan(4096 + 200);
    // The newest line is in the current file, and the oldest kept file still holds whole JSON lines.
    expect(lines(join(temp.dir, 'main.log')).at(-1)).toMatchObject({ i: 399 });
    expect(lines(join(temp.dir, 'main.2.log')).length).toBeGreaterThan(10);
  });

  it('after close, further lines are dropped without an error', async () => {
    logger = openFileLogger({ dir: temp.dir, name: 'main' });
    logger.info('before');
    await logger.close();
    expect(() => logger!.info('after')).not.toThrow();
    expect(lines(logger.file).map((line) => line.msg)).toEqual(['before']);
  });

  it('a log file that cannot be opened stops file logging instead of throwing into the app', async () => {
    mkdirSync(join(temp.dir, 'main.log'));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    logger = openFileLogger({ dir: temp.dir, name: 'main' });
    logger.info('lost');
    await logger.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(() => logger!.error('also lost')).not.toThrow();
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('main.log stopped'));
    stderr.mockRestore();
  });
});
