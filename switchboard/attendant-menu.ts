/**
 * The auto-attendant's menu as a pure state machine: the caller keys an extension (a fixed
 * number of digits, or fewer ended by '#'), '0' for the operator, or nothing; it says where
 * the call goes. Timing (when "nothing" has lasted long enough) is the caller's business.
 */
export type AttendantMenu = {
  /** Extensions the switchboard knows (users and groups). */
  isExtension(extension: string): boolean;
  /** Where "0", an unknown extension and a timeout go: the operator group's number. */
  operator: string;
  extensionLength: number;
};

export type MenuState = { digits: string };
export type MenuStep =
  | { kind: 'collecting'; state: MenuState }
  | { kind: 'route'; target: string; why: 'extension' | 'operator' | 'unknown-extension' | 'timeout' };

export const startMenu = (): MenuState => ({ digits: '' });

export function pressDigit(menu: AttendantMenu, state: MenuState, digit: string): MenuStep {
  if (state.digits === '' && digit === '0') return { kind: 'route', target: menu.operator, why: 'operator' };
  if (digit === '#' || digit === '*') {
    if (state.digits === '') return { kind: 'collecting', state };
    return routeTo(menu, state.digits);
  }
  if (!/^[0-9]$/.test(digit)) return { kind: 'collecting', state };
  const digits = state.digits + digit;
  if (digits.length >= menu.extensionLength) return routeTo(menu, digits);
  return { kind: 'collecting', state: { digits } };
}

/** Nothing (or not enough) keyed in time: the operator takes the call. */
export function timedOut(menu: AttendantMenu, state: MenuState): MenuStep {
  return state.digits === '' || !menu.isExtension(state.digits)
    ? { kind: 'route', target: menu.operator, why: 'timeout' }
    : { kind: 'route', target: state.digits, why: 'extension' };
}

function routeTo(menu: AttendantMenu, digits: string): MenuStep {
  return menu.isExtension(digits)
    ? { kind: 'route', target: digits, why: 'extension' }
    : { kind: 'route', target: menu.operator, why: 'unknown-extension' };
}
