/**
 * Picks the screen from AppState: sign-in, the main tabs, or the active call,
 * with a ringing call always on top. All decisions are about what to render;
 * the phone logic lives in main and the engine.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppState } from '../shared/domain.ts';
import { foregroundCall } from '../shared/multi-call.ts';
import { useApi } from './state/api-context.ts';
import { useAppState } from './state/use-app-state.ts';
import { useDirectoryPeopleSearch } from './state/use-directory.ts';
import { InCallView } from './views/InCallView.tsx';
import { ConnectionStrip } from './components/ConnectionStrip.tsx';
import { AccountLostNotice } from './components/AccountLostNotice.tsx';
import { RememberNotice } from './components/RememberNotice.tsx';
import { IncomingCallOverlay } from './views/IncomingCallOverlay.tsx';
import { AboutFromTray } from './views/AboutFromTray.tsx';
import { MainView } from './views/MainView.tsx';
import { NumberSignInView } from './views/NumberSignInView.tsx';
import { SignInView } from './views/SignInView.tsx';
import { PasswordSignInView } from './views/password/PasswordSignInView.tsx';
import { isSignedOutReason, SignedOutView } from './views/SignedOutView.tsx';
import { AgentContext } from './state/agent-context.ts';
import { useDisplay } from './state/use-display.ts';
import { CallAnnouncer } from './views/CallAnnouncer.tsx';
import { ChatOfferAnnouncer } from './views/chat/ChatOfferAnnouncer.tsx';

export function App() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { view, refresh } = useAppState(api);
  const language = view.kind === 'ready' ? view.state.language : null;
  useDisplay(view.kind === 'ready' ? view.state.display : null);

  // Main decides the language (preference + OS); the UI only follows it.
  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
    if (language) document.documentElement.lang = language;
  }, [language, i18n]);

  if (view.kind === 'loading') {
    return (
      <div className="splash" role="status">
        <span className="spinner spinner-dark" aria-hidden="true" />
        {t('app.loading')}
      </div>
    );
  }
  if (view.kind === 'failed') {
    return (
      <div className="splash" role="alert">
        <div>{t('app.stateFailed', { message: view.message })}</div>
        <button type="button" className="btn btn-secondary" onClick={refresh}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  return <Screens state={view.state} />;
}

function Screens({ state }: { state: AppState }) {
  // The transfer picker suggests colleagues from the directory (none after a SIP-account sign-in).
  const searchPeople = useDirectoryPeopleSearch(useApi());
  // "attempted": the sign-in form stays up after submitting until the account registers,
  // so a wrong password is reported on the form, next to the fields to fix.
  const [attempted, setAttempted] = useState(false);
  const [changingAccount, setChangingAccount] = useState(false);
  // A first sign-in starts with the mobile number; e-mail and password, and a SIP account, are the other ways in.
  const [method, setMethod] = useState<'number' | 'email' | 'sip'>('number');
  const chooseMethod = (next: 'number' | 'email' | 'sip') => () => {
    setAttempted(false);
    setMethod(next);
  };
  const registered = state.registration.status === 'registered';
  // "Signed in on another computer" stays until the person chooses to sign in again.
  const [signedOutSeen, setSignedOutSeen] = useState(false);
  const signedOutReason = state.registration.error;

  useEffect(() => {
    if (registered) {
      setAttempted(false);
      setChangingAccount(false);
      setSignedOutSeen(false);
    }
  }, [registered]);

  const incoming = state.calls.find((call) => call.phase === 'incoming');
  // A call that was on the in-call screen stays there for the moment main keeps it after it ends,
  // so the user sees that it ended and why (busy, not found…) instead of the dial pad popping back.
  const active =
    foregroundCall(state.calls) ??
    state.calls.findLast(
      (call) => call.phase === 'ended' && (call.direction === 'outgoing' || call.answeredAt !== undefined),
    );
  const account = state.account;
  const showSignIn = !account || changingAccount || (attempted && !registered);

  let screen;
  if (active) {
    screen = (
      <>
        <ConnectionStrip registration={state.registration} />
        <InCallView key={active.id} call={active} calls={state.calls} audio={state.audio} searchPeople={searchPeople} />
      </>
    );
  } else if (!account && isSignedOutReason(signedOutReason) && !signedOutSeen) {
    screen = (
      <SignedOutView
        reason={signedOutReason}
        onSignInAgain={() => {
          setSignedOutSeen(true);
          setAttempted(false);
          setMethod('number');
        }}
      />
    );
  } else if ((showSignIn || !account) && method === 'number' && !changingAccount) {
    screen = (
      <NumberSignInView
        registration={state.registration}
        attempted={attempted}
        onAttempt={() => setAttempted(true)}
        onUseSipAccount={chooseMethod('sip')}
        onUseEmail={chooseMethod('email')}
      />
    );
  } else if ((showSignIn || !account) && method === 'email' && !changingAccount) {
    screen = (
      <PasswordSignInView
        registration={state.registration}
        attempted={attempted}
        onAttempt={() => setAttempted(true)}
        onUseMobile={chooseMethod('number')}
        onUseSipAccount={chooseMethod('sip')}
      />
    );
  } else if (showSignIn || !account) {
    screen = (
      <SignInView
        // Remount only when switching between "new" and "change" (to prefill); never on state pushes,
        // so what the user typed survives a failed attempt.
        key={changingAccount ? 'change' : 'new'}
        account={changingAccount ? account : null}
        registration={state.registration}
        attempted={attempted}
        onAttempt={() => setAttempted(true)}
        onUseMobile={changingAccount ? undefined : chooseMethod('number')}
        onUseEmail={changingAccount ? undefined : chooseMethod('email')}
        // Only a change of account can be cancelled; a first sign-in has nowhere to go back to.
        onCancel={
          changingAccount
            ? () => {
                setAttempted(false);
                setChangingAccount(false);
              }
            : undefined
        }
      />
    );
  } else {
    screen = (
      <MainView
        state={{ ...state, account }}
        interactive={!incoming}
        onChangeAccount={() => setChangingAccount(true)}
      />
    );
  }

  return (
    // Our working status for every view: the header's menu, mobile-mode dialing, the in-call chip.
    <AgentContext.Provider value={state.agent}>
      <CallAnnouncer incoming={incoming} />
      <ChatOfferAnnouncer offers={state.chat?.offers ?? []} />
      <AccountLostNotice registration={state.registration} />
      <RememberNotice account={state.account} />
      {screen}
      {incoming && (
        <IncomingCallOverlay
          key={incoming.id}
          call={incoming}
          waitingFor={active && active.phase !== 'ended' ? active : undefined}
        />
      )}
      <AboutFromTray inCall={state.calls.some((call) => call.phase !== 'ended')} />
    </AgentContext.Provider>
  );
}
