/**
 * Default-deny for every web contents we create: no navigation away from our
 * pages, no new windows, and no permission but the microphone for our own pages.
 */
import { app, session, shell, type WebContents } from 'electron';
import { allowNavigation, allowPermission, windowOpenAction } from './security-policy.ts';

export function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(allowPermission(permission, contents.getURL(), (details as { mediaTypes?: string[] }).mediaTypes));
  });
  // Checks carry no media types; the request handler above is where audio-only is enforced.
  session.defaultSession.setPermissionCheckHandler(
    (contents, permission) => permission === 'media' && allowNavigation(contents?.getURL() ?? ''),
  );

  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}

function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    // Links to the web (help, licences) open in the user's browser, never in our process.
    if (windowOpenAction(url).openExternally) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
