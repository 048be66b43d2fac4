/**
 * A hint shown once per install (e.g. "still running in the tray"): a marker file in
 * the data directory. A damaged or unreadable directory means "not shown yet",
 * so the worst case is seeing the hint twice.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export class OnceFlag {
  private readonly path: string;
  private done: boolean;

  constructor(dataDir: string, name: string) {
    this.path = join(dataDir, `${name}.shown`);
    this.done = existsSync(this.path);
  }

  /** True the first time only (this run and every later run). */
  take(): boolean {
    if (this.done) return false;
    this.done = true;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(this.path, new Date().toISOString());
    } catch {
      // Not fatal: the hint may show again next time.
    }
    return true;
  }
}
