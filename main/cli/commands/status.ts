// `triage-desk status`: how each account's sync stands, read from the store a `sync` (running or not) keeps.
import { parseArgs } from 'node:util';
import { TicketStore } from '../../core/store/ticket-store.ts';
import { type CliIo, oneLine, writeLine } from '../cli-io.ts';
import { withStoredData } from '../stored-data.ts';
import { UsageError } from '../usage.ts';

export async function runStatusCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new UsageError('status: --data-dir DIR is required');
  return withStoredData(
    'status',
    dataDir,
    io,
    (db) => {
      const accounts = new TicketStore(db).storedAccounts();
      if (values.json) {
        writeLine(io.stdout, JSON.stringify(accounts, null, 2));
        return 0;
      }
      if (accounts.length === 0) writeLine(io.stdout, `no account has synced into ${dataDir} yet`);
      for (const account of accounts) {
        const parts = [
          account.accountId,
          `${account.tickets} tickets`,
          `${account.quarantined} quarantined`,
          `last success ${account.lastSuccessAt ?? 'never'}`,
          ...(account.lastError === null ? [] : [`last error: ${oneLine(account.lastError)}`]),
        ];
        writeLine(io.stdout, parts.join('  '));
      }
      return 0;
    },
    { missingExitCode: 2 },
  );
}
