import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { directoryExportTarget } from '../call-log/export.ts';
import { makeTempDir } from '../fs/temp-dir.ts';
import type { DiagnosticsFacts } from './export-diagnostics.ts';
import { openDiagnostics, type Diagnostics } from './open-diagnostics.ts';
import { readZip } from './test-support/read-zip.ts';

const facts = (overrides: Partial<DiagnosticsFacts> = {}): DiagnosticsFacts => ({
  appVersion: '1.2.3',
  build: '2026.12.07-4',
  runtime: { chromium: '140.0.7339.0' },
  settings: {
    languagePreference: 'zh-CN',
    provisioningUrl: 'https://ops:hunter2@prov.example.cn/?token=tok-999',
    agent: { autoAnswer: false },
  },
  desktopSettings: { startAtLogin: true, answerShortcut: 'CommandOrControl+Shift+A' },
  ...overrides,
});

describe('diagnostics', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let diagnostics: Diagnostics | undefined;
  beforeEach(() => (temp = makeTempDir('diagnostics')));
  afterEach(async () => {
    await diagnostics?.close();
    temp.cleanup();
  });

  it('keeps main.log and engine.log under <dataDir>/logs, the engine lines arriving through the intake', async () => {
    diagnostics = openDiagnostics({ dataDir: temp.dir });
    diagnostics.logger.child({ service: 'core' }).info('registration changed', { status: 'registered' });
    diagnostics.engineLog({ level: 'info', message: 'call', fields: { callId: 'c-42', phase: 'connected' } });
    await diagnostics.close();
    diagnostics = undefined;
    const main = readFileSync(join(temp.dir, 'logs', 'main.log'), 'utf8');
    const engine = readFileSync(join(temp.dir, 'logs', 'engine.log'), 'utf8');
    expect(main).toContain('"msg":"registration changed"');
    expect(main).toContain('"service":"core"');
    expect(engine).toContain('"callId":"c-42"');
    expect(engine).not.toContain('registration changed');
  });

  it('exports one zip with the logs, the settings without secrets, versions and the OS', async () => {
    diagnostics = openDiagnostics({ dataDir: temp.dir, maxFileBytes: 2048, keepRotated: 2 });
    for (let i = 0; i < 60; i += 1) diagnostics.logger.info('filling the log until it rotates', { i });
    diagnostics.engineLog({ level: 'warn', message: 'SIP message dropped', fields: { reason: 'bad Via' } });
    const out = join(temp.dir, 'picked');
    const result = await diagnostics.exportTo(directoryExportTarget(out), facts());

    expect(result).toMatchObject({ outcome: 'saved' });
    const path = (result as { path: string }).path;
    expect(path).toMatch(/switchboard-diagnostics-\d{8}-\d{6}\.zip$/);
    const files = await readZip(path);
    expect([...files.keys()].sort()).toEqual([
      'README.txt',
      'desktop-settings.json',
      'logs/engine.log',
      'logs/main.1.log',
      'logs/main.2.log',
      'logs/main.log',
      'settings.json',
      'system.json',
    ]);
    // The line written just before the export is in it: the logs were flushed first.
    expect(files.get('logs/engine.log')).toContain('SIP message dropped');
    expect(files.get('logs/main.log')).toContain('"msg":"diagnostics export"');

    const settings = JSON.parse(files.get('settings.json')!) as Record<string, unknown>;
    expect(settings.languagePreference).toBe('zh-CN');
    expect(settings.provisioningUrl).toBe('https://ops:[redacted]@prov.example.cn/?token=[redacted]');
    expect(files.get('settings.json')).not.toMatch(/hunter2|tok-999/);
    expect(JSON.parse(files.get('desktop-settings.json')!)).toEqual(facts().desktopSettings);

    const system = JSON.parse(files.get('system.json')!) as {
      app: Record<string, string>;
      runtime: Record<string, string>;
      os: Record<string, unknown>;
    };
    expect(system.app).toEqual({ version: '1.2.3', build: '2026.12.07-4' });
    expect(system.runtime).toMatchObject({ node: process.versions.node, chromium: '140.0.7339.0' });
    expect(system.os).toMatchObject({ platform: process.platform, arch: process.arch });
    expect(String(system.os.release)).not.toBe('');
  });

  it('a cancelled save dialog writes nothing', async () => {
    diagnostics = openDiagnostics({ dataDir: temp.dir });
    const result = await diagnostics.exportTo({ choose: async () => null }, facts());
    expect(result).toEqual({ outcome: 'cancelled' });
  });

  it('a place that cannot be written is a failed answer with the reason, logged, and the app carries on', async () => {
    diagnostics = openDiagnostics({ dataDir: temp.dir });
    const blocked = join(temp.dir, 'a-file');
    writeFileSync(blocked, 'not a directory');
    const result = await diagnostics.exportTo({ choose: async () => join(blocked, 'out.zip') }, facts());
    expect(result).toMatchObject({ outcome: 'failed', detail: expect.stringMatching(/ENOTDIR|EEXIST/) });
    await diagnostics.close();
    diagnostics = undefined;
    expect(readFileSync(join(temp.dir, 'logs', 'main.log'), 'utf8')).toContain('diagnostics export failed');
  });

  it('a data directory where no log can be kept still opens (without logs) and exports what it has', async () => {
    writeFileSync(join(temp.dir, 'logs'), 'a file where the logs directory should be');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    diagnostics = openDiagnostics({ dataDir: temp.dir });
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('[log] no log file'));
    stderr.mockRestore();
    expect(() => diagnostics!.logger.error('lost', { err: new Error('x') })).not.toThrow();
    mkdirSync(join(temp.dir, 'out'));
    const result = await diagnostics.exportTo(directoryExportTarget(join(temp.dir, 'out')), facts());
    expect(result).toMatchObject({ outcome: 'saved' });
    expect([...(await readZip((result as { path: string }).path)).keys()]).not.toContain('logs/main.log');
  });

  it('a debug level asked for writes debug lines; an unknown one means info', async () => {
    diagnostics = openDiagnostics({ dataDir: temp.dir, level: 'debug' });
    diagnostics.logger.debug('ice gathering done');
    await diagnostics.close();
    const other = openDiagnostics({ dataDir: join(temp.dir, 'other'), level: 'verbose' });
    other.logger.debug('not written');
    await other.close();
    diagnostics = undefined;
    expect(readFileSync(join(temp.dir, 'logs', 'main.log'), 'utf8')).toContain('ice gathering done');
    expect(readFileSync(join(temp.dir, 'other', 'logs', 'main.log'), 'utf8')).not.toContain('not written');
    expect(existsSync(join(temp.dir, 'other', 'logs', 'engine.log'))).toBe(true);
    expect(readdirSync(join(temp.dir, 'logs')).sort()).toEqual(['engine.log', 'main.log']);
  });
});
