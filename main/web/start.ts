import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { withAccountRequests } from '../core/accounts/account-requests.ts';
import { Accounts } from '../core/accounts/accounts.ts';
import { configFileAccountsSource, settingsAccountsSource } from '../core/accounts/accounts-source.ts';
import { SESSION_ONLY_VAULT } from '../core/accounts/secret-vault.ts';
import { readConfigFile } from '../core/config/accounts-config-file.ts';
import { ConfigError } from '../core/config/env-references.ts';
import { defaultWebDataDir } from '../core/data-folders.ts';
import { openNodeSettings } from '../core/settings/node-settings.ts';
import { startCoreWorker } from '../core/worker/core-client.ts';
import { startWebHost } from './web-host.ts';

// `npm run web [-- --port N --config FILE --data-dir DIR]`: the app in a browser, for machines without Electron.
const USAGE = 'Usage: npm run web -- [--port N] [--config FILE] [--data-dir DIR]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, config: { type: 'string' }, 'data-dir': { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    console.error(`triage-desk web: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`triage-desk web: --port must be a port number (0-65535), got "${values.port}"\n${USAGE}`);
    return 2;
  }
  const dataDir = values['data-dir'] ?? defaultWebDataDir();
  const { settings, backend, warning } = openNodeSettings(dataDir);
  if (warning) console.error(`triage-desk web: ${warning}`);
  // The accounts screen edits the settings' accounts; with --config it lists the file's and leaves them to the file.
  // No keychain here: typed secrets stay in memory, and the window opens Zendesk's sign-in page itself.
  const accountsBook = new Accounts({
    source: values.config ? configFileAccountsSource(values.config) : settingsAccountsSource(backend),
    vault: SESSION_ONLY_VAULT,
    onChanged: (change) => core.useAccounts(change),
  });
  let accounts;
  let accountWarnings: string[] = [];
  let slaPolicy = settings.slaPolicy;
  let rateLimitShare = settings.rateLimitShare;
  let macros = settings.macros;
  try {
    if (values.config) {
      const config = readConfigFile(values.config);
      accounts = config.accounts;
      slaPolicy = config.slaPolicy ?? slaPolicy;
      rateLimitShare = config.rateLimitShare ?? rateLimitShare;
      macros = config.macros ?? macros;
    } else {
      ({ accounts, warnings: accountWarnings } = await accountsBook.usable());
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`triage-desk web: ${error.message}`);
      return 2;
    }
    throw error;
  }

  const worker = await startCoreWorker(
    new URL('../core/worker/core-worker.ts', import.meta.url),
    {
      dataDir,
      accounts,
      pollIntervalMs: settings.pollIntervalSeconds * 1000,
      rateLimitShare,
      slaPolicy,
      macros,
      demoActivityMs: settings.demoActivitySeconds * 1000,
      warnings: warning ? [warning] : [],
      // A config file listing no account asks for none: the data folder's store is served as it is.
      noDemo: values.config !== undefined,
      // The command line's accounts keep rotated Zendesk tokens in the store, as the command does; the screen's in memory.
      tokensKeptByHost: values.config === undefined,
    },
    accountsBook.rotatedTokens,
  );
  const core = withAccountRequests(worker, accountsBook);
  if (accountWarnings.length > 0) await core.useAccounts({ accounts, warnings: accountWarnings, forget: [] });
  const host = await startWebHost({
    core,
    rendererDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
    bridgeFile: fileURLToPath(new URL('../../dist/web/web-bridge.js', import.meta.url)),
    port,
  });
  const serving = accounts.length > 0 ? `${accounts.length} account(s)` : values.config !== undefined ? 'the stored tickets, no account' : 'demo workspace';
  console.log(`Triage Desk is running at ${host.url}  (${serving}; Ctrl+C to stop)`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
  await core.close();
  return 0;
}

process.exitCode = await main();
