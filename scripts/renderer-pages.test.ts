import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFileOf } from './renderer-pages.ts';

describe('renderer pages: what went into a build', () => {
  const map = join('/repo', 'dist/renderer/assets/engine-abc.js.map');

  it('reads an inlined asset imported with a query as its file, so the build is not always stale', () => {
    expect(sourceFileOf(map, '../../../src/engine/transfer-prompt.wav?inline')).toBe(
      join('/repo', 'src/engine/transfer-prompt.wav'),
    );
  });

  it('keeps an ordinary source as it is', () => {
    expect(sourceFileOf(map, '../../../src/engine/phone-engine.ts')).toBe(join('/repo', 'src/engine/phone-engine.ts'));
  });
});
