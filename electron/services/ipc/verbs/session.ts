/** Signing in and out, and the app state every window renders. */
import type { UiHandlers, VerbTargets } from './types.ts';

export const sessionVerbs = ({ state, session, numberSignIn, passwordSignIn }: VerbTargets) =>
  ({
    getState: () => state.get(),
    signIn: (account) => session.signIn(account),
    signOut: () => session.signOut(),
    lookupNumber: ({ mobile }) => numberSignIn.lookup(mobile),
    requestCode: ({ mobile, companyId }) => numberSignIn.requestCode(mobile, companyId),
    verifyCode: ({ mobile, companyId, code }) => numberSignIn.verify(mobile, companyId, code),
    signInWithPassword: ({ email, password, remember }) => passwordSignIn.signIn(email, password, remember),
    changeFirstPassword: ({ newPassword }) => passwordSignIn.changeFirstPassword(newPassword),
    chooseStation: (choice) => passwordSignIn.chooseStation(choice),
    changePassword: ({ currentPassword, newPassword }) => passwordSignIn.changePassword(currentPassword, newPassword),
    requestResetCode: ({ email }) => passwordSignIn.requestResetCode(email),
    resetPassword: ({ email, code, newPassword }) => passwordSignIn.resetPassword(email, code, newPassword),
  }) satisfies Partial<UiHandlers>;
