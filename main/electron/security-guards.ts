import { type App, type Session, shell } from 'electron';
import { externalUrlToOpen, isAppUrl } from './app-origin.ts';

/** Electron's checklist, applied to every web contents the app ever creates. */
export function installSecurityGuards(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const external = externalUrlToOpen(url);
      // Only http, https and mailto URLs that parsed, via externalUrlToOpen.
      if (external) void shell.openExternal(external); // eng-disable OPEN_EXTERNAL_JS_CHECK
      return { action: 'deny' };
    });
  });
}

/** Opens an http(s) page in the system browser (Zendesk's sign-in page); any other address is refused. */
export async function openInSystemBrowser(url: string): Promise<void> {
  const external = externalUrlToOpen(url);
  if (external === null || external.startsWith('mailto:')) throw new Error(`refused to open ${JSON.stringify(url)} in the browser`);
  // Only http and https URLs that parsed, via externalUrlToOpen.
  await shell.openExternal(external); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

/** The renderer asks for nothing: notifications come from the main process. Every permission is denied. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
