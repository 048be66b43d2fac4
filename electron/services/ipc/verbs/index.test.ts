import { describe, expect, it } from 'vitest';
import { uiVerbNames } from '../../../../src/shared/ipc/contract.ts';
import { createTestCore, testDesktopServices } from '../../app/test-doubles.ts';
import { uiHandlers } from './index.ts';

describe('the UI handler table', () => {
  it('has one handler for every verb of the contract and nothing else', () => {
    const handlers = uiHandlers({ ...createTestCore().core, ...testDesktopServices() });
    expect(Object.keys(handlers).sort()).toEqual([...uiVerbNames].sort());
    for (const verb of uiVerbNames) expect(typeof handlers[verb], verb).toBe('function');
  });
});
