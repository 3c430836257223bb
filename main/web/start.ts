import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { readConfigFile, resolveAccounts } from '../core/config/accounts-config-file.ts';
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
  let accounts;
  let slaPolicy = settings.slaPolicy;
  try {
    if (values.config) {
      const config = readConfigFile(values.config);
      accounts = config.accounts;
      slaPolicy = config.slaPolicy ?? slaPolicy;
    } else {
      accounts = resolveAccounts({ accounts: settings.accounts }, backend.path);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`triage-desk web: ${error.message}`);
      return 2;
    }
    throw error;
  }

  const core = await startCoreWorker(new URL('../core/worker/core-worker.ts', import.meta.url), {
    dataDir,
    accounts,
    pollIntervalMs: settings.pollIntervalSeconds * 1000,
    slaPolicy,
    demoActivityMs: settings.demoActivitySeconds * 1000,
    warnings: warning ? [warning] : [],
  });
  const host = await startWebHost({
    core,
    rendererDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
    bridgeFile: fileURLToPath(new URL('../../dist/web/web-bridge.js', import.meta.url)),
    port,
  });
  console.log(`Triage Desk is running at ${host.url}  (${accounts.length ? `${accounts.length} account(s)` : 'demo workspace'}; Ctrl+C to stop)`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
  await core.close();
  return 0;
}

process.exitCode = await main();
