import { describe, expect, it } from 'vitest';
import {
  engineCommandNames,
  engineCommands,
  engineEventNames,
  engineEvents,
  uiEventNames,
  uiEvents,
  uiVerbNames,
  uiVerbs,
} from './contract.ts';

describe('IPC names', () => {
  it('list exactly the contract’s verbs and events, so preloads expose nothing more or less', () => {
    expect([...uiVerbNames].sort()).toEqual(Object.keys(uiVerbs).sort());
    expect([...uiEventNames].sort()).toEqual(Object.keys(uiEvents).sort());
    expect([...engineCommandNames].sort()).toEqual(Object.keys(engineCommands).sort());
    expect([...engineEventNames].sort()).toEqual(Object.keys(engineEvents).sort());
  });
});
