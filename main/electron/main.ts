import { app, BrowserWindow, dialog, ipcMain, net, protocol, session } from 'electron';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { rendererCsp } from '../../shared/security/renderer-csp.ts';
import type { AccountConfig } from '../../shared/settings/account-config.ts';
import type { Settings } from '../../shared/settings/settings.ts';
import type { SettingsBackend } from '../core/settings/settings-file.ts';
import { resolveAccounts } from '../core/config/accounts-config-file.ts';
import { ConfigError } from '../core/config/env-references.ts';
import { type CoreConnection, startCoreWorker } from '../core/worker/core-client.ts';
import { APP_ENTRY_URL, APP_SCHEME, rendererFileFor } from './app-origin.ts';
import { openElectronSettings } from './electron-settings.ts';
import { denyAllPermissions, installSecurityGuards } from './security-guards.ts';
import { forwardPushes, registerTriageIpc } from './triage-ipc.ts';

// Bundled to dist/electron/main.mjs; the renderer is in dist/renderer, the core worker beside this file.
const here = import.meta.dirname;
const rendererDir = join(here, '..', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
installSecurityGuards(app);

let core: CoreConnection | null = null;
let settingsBackend: SettingsBackend | null = null;

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(rendererDir, request.url);
    if (!file) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', rendererCsp());
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });

  const { settings, backend, warning } = openElectronSettings(app.getPath('userData'));
  settingsBackend = backend;
  const warnings = warning ? [warning] : [];
  let accounts: AccountConfig[] = [];
  try {
    accounts = resolveAccounts({ accounts: settings.accounts }, backend.path);
  } catch (error) {
    // The accounts cannot be used as they are (e.g. an env: secret is missing): say so and open the demo instead.
    if (!(error instanceof ConfigError)) throw error;
    warnings.push(`${error.message}; the demo workspace is open instead`);
  }
  // Packaged, the worker's script is unpacked beside the asar archive (worker threads cannot read from inside it).
  const workerFile = join(here.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'), 'core-worker.mjs');
  core = await startCoreWorker(pathToFileURL(workerFile), {
    dataDir: app.getPath('userData'),
    accounts,
    pollIntervalMs: settings.pollIntervalSeconds * 1000,
    slaPolicy: settings.slaPolicy,
    demoActivityMs: settings.demoActivitySeconds * 1000,
    warnings,
  });
  registerTriageIpc(ipcMain, core);
  openWindow(core, backend, settings.window);
}

function openWindow(connection: CoreConnection, savedSettings: SettingsBackend, bounds: Settings['window']): void {
  const window = new BrowserWindow({
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 800,
    ...(bounds?.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    title: 'Triage Desk',
    show: false,
    webPreferences: {
      // The preload exposes only the contract's named functions, frozen, and never ipcRenderer itself.
      preload: join(here, 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // A middle click must not open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const stopForwarding = forwardPushes(connection, window.webContents);
  window.on('closed', stopForwarding);
  // The window comes back where the engineer left it.
  window.on('close', () => savedSettings.set('window', { ...window.getNormalBounds(), maximized: window.isMaximized() }));
  window.once('ready-to-show', () => {
    if (bounds?.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(APP_ENTRY_URL);
}

app.whenReady().then(start, (error: unknown) => {
  dialog.showErrorBox('Triage Desk could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (core && settingsBackend && BrowserWindow.getAllWindows().length === 0) openWindow(core, settingsBackend, undefined);
});
app.on('will-quit', (event) => {
  if (!core) return;
  const closing = core;
  core = null;
  event.preventDefault();
  void closing.close().finally(() => app.quit());
});
