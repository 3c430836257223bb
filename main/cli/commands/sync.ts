import { parseArgs } from 'node:util';
import { readConfigFile } from '../../core/config/accounts-config-file.ts';
import { AuthenticationError } from '../../core/connectors/helpdesk-connector.ts';
import { TriageCore } from '../../core/triage-core.ts';
import { type CliIo, writeLine } from '../cli-io.ts';
import { UsageError } from '../usage.ts';

const DEFAULT_POLL_SECONDS = 60;

export async function runSyncCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      once: { type: 'boolean', default: false },
      'poll-seconds': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.config) throw new UsageError('sync: --config FILE is required');
  if (!values['data-dir']) throw new UsageError('sync: --data-dir DIR is required');
  const pollSeconds = values['poll-seconds'] === undefined ? DEFAULT_POLL_SECONDS : Number(values['poll-seconds']);
  if (!Number.isFinite(pollSeconds) || pollSeconds < 1) throw new UsageError(`sync: --poll-seconds must be a number of seconds >= 1`);

  const { accounts, slaPolicy, rateLimitShare } = readConfigFile(values.config, io.env);
  const core = new TriageCore({ dataDir: values['data-dir'], accounts, rateLimitShare, ...(slaPolicy ? { slaPolicy } : {}) });
  try {
    if (values.once) {
      try {
        await core.syncOnce();
      } catch (error) {
        writeLine(io.stderr, `triage-desk sync: ${error instanceof Error ? error.message : String(error)}`);
        return error instanceof AuthenticationError ? 2 : 1;
      }
      for (const account of core.syncStatus().accounts) {
        writeLine(io.stdout, `${account.accountId}: caught up at ${account.lastSuccessAt}${account.quarantined ? `, ${account.quarantined} records quarantined` : ''}`);
      }
      return 0;
    }
    return await pollUntilSignalled(core, pollSeconds, io);
  } finally {
    await core.close();
  }
}

async function pollUntilSignalled(core: TriageCore, pollSeconds: number, io: CliIo): Promise<number> {
  const unsubscribe = core.onPush((name, payload) => {
    if (name !== 'syncStatusChanged') return;
    for (const account of (payload as ReturnType<TriageCore['syncStatus']>).accounts) {
      if (account.state === 'idle' || account.state === 'syncing' || account.state === 'starting') continue;
      writeLine(io.stderr, `${account.accountId}: ${account.state}: ${account.lastError ?? ''}`);
    }
  });
  core.startPolling(pollSeconds * 1000);
  writeLine(io.stderr, `triage-desk sync: polling every ${pollSeconds}s; Ctrl+C to stop`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  unsubscribe();
  writeLine(io.stderr, 'triage-desk sync: stopping');
  return 0;
}
