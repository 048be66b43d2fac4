/**
 * The main window's size, remembered between runs (issue 16: an agent who widened it for the chat
 * desk gets the desk back; someone who only calls keeps the 380 px phone window). Plain Node: main
 * reads it when it makes the window and saves what the user resized it to.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { JsonFileStore } from '../settings/json-file-store.ts';

export const COMPACT_WINDOW = { width: 380, height: 640 } as const;
export const MIN_WINDOW = { width: 340, height: 520 } as const;

export const WindowSizeSchema = z.strictObject({
  width: z.number().int().min(MIN_WINDOW.width).max(16_384),
  height: z.number().int().min(MIN_WINDOW.height).max(16_384),
});
export type WindowSize = z.infer<typeof WindowSizeSchema>;

/** The saved size, made to fit the screen's work area now (the window may have been sized on a bigger monitor). */
export function fitWindowSize(saved: WindowSize, workArea: { width: number; height: number }): WindowSize {
  const fit = (value: number, min: number, max: number) => Math.max(min, Math.min(value, Math.max(min, max)));
  return {
    width: fit(saved.width, MIN_WINDOW.width, workArea.width),
    height: fit(saved.height, MIN_WINDOW.height, workArea.height),
  };
}

/** What to remember of a resize: whole pixels, never below the minimum; null when it is not worth a write. */
export function sizeToRemember(size: [number, number], before: WindowSize): WindowSize | null {
  const next = {
    width: Math.max(MIN_WINDOW.width, Math.round(size[0])),
    height: Math.max(MIN_WINDOW.height, Math.round(size[1])),
  };
  return next.width === before.width && next.height === before.height ? null : next;
}

/**
 * The remembered size in `window.json` in the data directory (beside, not in, the settings: it is
 * where the user left the window, not a choice made in Settings). A missing, damaged or out-of-range
 * file means the phone window; a failed write means the next run starts compact.
 */
export class RememberedWindowSize {
  private readonly store: JsonFileStore;

  constructor(dataDir: string) {
    this.store = new JsonFileStore(join(dataDir, 'window.json'));
  }

  get(): WindowSize {
    const parsed = WindowSizeSchema.safeParse(this.store.get('ui'));
    return parsed.success ? parsed.data : { ...COMPACT_WINDOW };
  }

  /** Called as the user resizes; writes only a real change. */
  remember(size: [number, number]): void {
    const next = sizeToRemember(size, this.get());
    if (!next) return;
    try {
      this.store.set('ui', next);
    } catch {
      // Not fatal: the window opens compact next time.
    }
  }
}
