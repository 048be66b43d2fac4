/**
 * Default-deny for every web contents we create: no navigation away from our
 * pages, no new windows, and no permission but the microphone for our own pages.
 */
import { app, session, shell, type WebContents } from 'electron';
import { isOwnPage } from './own-pages.ts';

export function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
    const audioOnly =
      permission === 'media' && (details as { mediaTypes?: string[] }).mediaTypes?.every((type) => type === 'audio');
    callback(Boolean(audioOnly) && isOwnPage(contents.getURL()));
  });
  session.defaultSession.setPermissionCheckHandler(
    (contents, permission) => permission === 'media' && isOwnPage(contents?.getURL() ?? ''),
  );

  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}

function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    // Links to the web (help, licences) open in the user's browser, never in our process.
    if (/^https:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
