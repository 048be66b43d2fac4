import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPACT_WINDOW, fitWindowSize, RememberedWindowSize, sizeToRemember } from './window-size.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'window-size-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the main window size remembered between runs', () => {
  it('opens as the 380×640 phone window the first time; a size the user resized to comes back next run', () => {
    const first = new RememberedWindowSize(dir);
    expect(first.get()).toEqual(COMPACT_WINDOW);
    first.remember([1100, 700]);
    expect(new RememberedWindowSize(dir).get()).toEqual({ width: 1100, height: 700 });
  });

  it('a damaged file or a size below the minimum opens the phone window', () => {
    writeFileSync(join(dir, 'window.json'), '{"ui":{"width":10,"height":700}}');
    expect(new RememberedWindowSize(dir).get()).toEqual(COMPACT_WINDOW);
    writeFileSync(join(dir, 'window.json'), '{"ui":');
    expect(new RememberedWindowSize(dir).get()).toEqual(COMPACT_WINDOW);
  });

  it('fits a size saved on a bigger monitor into the screen it opens on, never below the minimum', () => {
    expect(fitWindowSize({ width: 2400, height: 1300 }, { width: 1366, height: 728 })).toEqual({
      width: 1366,
      height: 728,
    });
    expect(fitWindowSize({ width: 1100, height: 700 }, { width: 300, height: 400 })).toEqual({
      width: 340,
      height: 520,
    });
  });

  it('remembers a resize in whole pixels, and nothing when the size did not change', () => {
    expect(sizeToRemember([1100.4, 700.6], COMPACT_WINDOW)).toEqual({ width: 1100, height: 701 });
    expect(sizeToRemember([380, 640], COMPACT_WINDOW)).toBeNull();
  });
});
