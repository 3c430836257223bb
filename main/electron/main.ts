import { app, BrowserWindow, dialog, ipcMain, net, protocol, safeStorage, session } from 'electron';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { rendererCsp } from '../../shared/security/renderer-csp.ts';
import type { Settings } from '../../shared/settings/settings.ts';
import { withAccountRequests } from '../core/accounts/account-requests.ts';
import { Accounts } from '../core/accounts/accounts.ts';
import { settingsAccountsSource } from '../core/accounts/accounts-source.ts';
import { ZendeskSignIns } from '../core/accounts/zendesk-sign-ins.ts';
import type { SettingsBackend } from '../core/settings/settings-file.ts';
import { type CoreConnection, startCoreWorker } from '../core/worker/core-client.ts';
import { APP_ENTRY_URL, APP_SCHEME, rendererFileFor } from './app-origin.ts';
import { openElectronSettings } from './electron-settings.ts';
import { SafeStorageVault } from './safe-storage-vault.ts';
import { denyAllPermissions, installSecurityGuards, openInSystemBrowser } from './security-guards.ts';
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
  // Accounts and their secrets live here, on the main thread, where safeStorage works; the worker gets them resolved.
  const accounts = new Accounts({
    source: settingsAccountsSource(backend),
    vault: new SafeStorageVault(safeStorage),
    signIns: new ZendeskSignIns({ openBrowser: openInSystemBrowser }),
    onChanged: (change) => (core ? core.useAccounts(change) : Promise.reject(new Error('the core is not running'))),
  });
  const usable = await accounts.usable();
  // Packaged, the worker's script is unpacked beside the asar archive (worker threads cannot read from inside it).
  const workerFile = join(here.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'), 'core-worker.mjs');
  const worker = await startCoreWorker(
    pathToFileURL(workerFile),
    {
      dataDir: app.getPath('userData'),
      accounts: usable.accounts,
      pollIntervalMs: settings.pollIntervalSeconds * 1000,
      rateLimitShare: settings.rateLimitShare,
      slaPolicy: settings.slaPolicy,
      macros: settings.macros,
      demoActivityMs: settings.demoActivitySeconds * 1000,
      warnings: warning ? [warning] : [],
      tokensKeptByHost: true,
    },
    accounts.rotatedTokens,
  );
  core = withAccountRequests(worker, accounts);
  // What keeps an account from syncing (a secret kept for the last session only) shows in the status line.
  if (usable.warnings.length > 0) await core.useAccounts({ ...usable, forget: [] });
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
