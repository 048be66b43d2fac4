/** UI window entry: connect to main through the bridge, set up i18n, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { getSwitchboardApi } from '../bridge/switchboard-api.ts';
import type { SwitchboardApi } from '../shared/ipc/contract.ts';
import { App } from './App.tsx';
import { CallWindowView } from './views/CallWindowView.tsx';
import { createI18n, guessLanguage } from './i18n/setup.ts';
import { ApiContext } from './state/api-context.ts';
import './styles/base.css';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

// The same page serves the small incoming-call window main opens over other apps (`?view=call`).
const isCallWindow = new URLSearchParams(window.location.search).get('view') === 'call';

// First paint uses the OS language; AppState.language takes over as soon as it arrives.
const i18n = createI18n(guessLanguage(navigator.languages));

let api: SwitchboardApi | null;
try {
  api = getSwitchboardApi();
} catch {
  api = null; // opened outside the app (no preload, no host address): say so instead of a blank window
}

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      {api ? (
        <ApiContext.Provider value={api}>{isCallWindow ? <CallWindowView /> : <App />}</ApiContext.Provider>
      ) : (
        <NoHost />
      )}
    </I18nextProvider>
  </StrictMode>,
);

function NoHost() {
  return (
    <div className="splash" role="alert">
      <strong>{i18n.t('app.hostUnavailable')}</strong>
      <div className="muted">{i18n.t('app.hostUnavailableHint')}</div>
    </div>
  );
}
