import { describe, expect, it } from 'vitest';
import { pressDigit, startMenu, timedOut, type AttendantMenu, type MenuStep } from './attendant-menu.ts';

const menu: AttendantMenu = {
  isExtension: (e) => ['1001', '1002', '8100'].includes(e),
  operator: '8100',
  extensionLength: 4,
};

function press(keys: string): MenuStep {
  let state = startMenu();
  let step: MenuStep = { kind: 'collecting', state };
  for (const key of keys) {
    step = pressDigit(menu, state, key);
    if (step.kind === 'route') return step;
    state = step.state;
  }
  return step;
}

describe('auto-attendant menu', () => {
  it('puts a known four-digit extension through as soon as it is complete', () => {
    expect(press('1002')).toEqual({ kind: 'route', target: '1002', why: 'extension' });
    expect(press('100')).toEqual({ kind: 'collecting', state: { digits: '100' } });
  });
  it('sends "0" first, an unknown extension and silence to the operator group', () => {
    expect(press('0')).toEqual({ kind: 'route', target: '8100', why: 'operator' });
    expect(press('1009')).toEqual({ kind: 'route', target: '8100', why: 'unknown-extension' });
    expect(timedOut(menu, startMenu())).toEqual({ kind: 'route', target: '8100', why: 'timeout' });
    expect(timedOut(menu, { digits: '10' })).toMatchObject({ target: '8100', why: 'timeout' });
  });
  it('"#" ends a short entry; a lone "#" or "*" is ignored; a 0 inside an extension is a digit', () => {
    expect(press('#1001')).toEqual({ kind: 'route', target: '1001', why: 'extension' });
    expect(press('12#')).toEqual({ kind: 'route', target: '8100', why: 'unknown-extension' });
    expect(press('8100')).toEqual({ kind: 'route', target: '8100', why: 'extension' });
  });
});
