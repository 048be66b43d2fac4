/** Signing in and out, and the app state every window renders. */
import type { UiHandlers, VerbTargets } from './types.ts';

export const sessionVerbs = ({ state, session, numberSignIn }: VerbTargets) =>
  ({
    getState: () => state.get(),
    signIn: (account) => session.signIn(account),
    signOut: () => session.signOut(),
    lookupNumber: ({ mobile }) => numberSignIn.lookup(mobile),
    requestCode: ({ mobile, companyId }) => numberSignIn.requestCode(mobile, companyId),
    verifyCode: ({ mobile, companyId, code }) => numberSignIn.verify(mobile, companyId, code),
  }) satisfies Partial<UiHandlers>;
