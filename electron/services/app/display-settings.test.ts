import { describe, expect, it } from 'vitest';
import type { DisplaySettings } from '../../../src/shared/display.ts';
import { createTestCore } from './test-doubles.ts';

/** A core whose settings store is a plain object the test can read. */
function coreWithStore(stored: { display?: DisplaySettings } = {}) {
  const test = createTestCore({
    settings: {
      getSettings: () => ({ languagePreference: 'system', historyRetention: 'forever', ...stored }),
      updateSettings: (patch) => {
        if (patch.display) stored.display = patch.display;
      },
    },
  });
  return { test, stored };
}

describe('display settings (theme and text size)', () => {
  it('start at the OS’s theme and 100 % text, and are in every window’s state', async () => {
    const { test } = coreWithStore();
    expect(await test.ui('getState', {})).toMatchObject({
      ok: true,
      value: { display: { theme: 'system', textSize: 100 } },
    });
  });

  it('keep each change, the other setting untouched, and show it to the windows at once', async () => {
    const { test, stored } = coreWithStore();
    await test.ui('setDisplaySettings', { patch: { theme: 'dark' } });
    await test.ui('setDisplaySettings', { patch: { textSize: 150 } });
    expect(stored.display).toEqual({ theme: 'dark', textSize: 150 });
    expect(await test.ui('getState', {})).toMatchObject({ value: { display: { theme: 'dark', textSize: 150 } } });
  });

  it('come back as they were chosen after a restart', async () => {
    const { test } = coreWithStore({ display: { theme: 'light', textSize: 125 } });
    expect(await test.ui('getState', {})).toMatchObject({ value: { display: { theme: 'light', textSize: 125 } } });
  });

  it('refuse a text size outside 90–150 % or an unknown theme, and keep what was chosen', async () => {
    const { test, stored } = coreWithStore({ display: { theme: 'dark', textSize: 110 } });
    expect(await test.ui('setDisplaySettings', { patch: { textSize: 400 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(await test.ui('setDisplaySettings', { patch: { theme: 'sepia' as 'dark' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(stored.display).toEqual({ theme: 'dark', textSize: 110 });
  });
});
