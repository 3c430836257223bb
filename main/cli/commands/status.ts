// `triage-desk status`: how each account's sync stands, read from the store a `sync` (running or not) keeps.
import { TicketStore } from '../../core/store/ticket-store.ts';
import { type CliIo, oneLine, writeLine } from '../cli-io.ts';
import { readStoreOptions, withStoredData } from '../stored-data.ts';

export async function runStatusCommand(args: string[], io: CliIo): Promise<number> {
  const { dataDir, json } = readStoreOptions('status', args);
  return withStoredData(
    'status',
    dataDir,
    io,
    (db) => {
      const accounts = new TicketStore(db).storedAccounts();
      if (json) {
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
          ...(account.lastAttemptAt !== null && account.lastAttemptAt !== account.lastSuccessAt ? [`last attempt ${account.lastAttemptAt}`] : []),
          nextPollText(account.nextPollAt, Date.now()),
          ...(account.lastError === null ? [] : [`last error: ${oneLine(account.lastError)}`]),
        ];
        writeLine(io.stdout, parts.join('  '));
      }
      return 0;
    },
    { missingExitCode: 2 },
  );
}

/** A poll this late was scheduled by a sync that no longer runs (killed, or its machine asleep). */
const OVERDUE_MS = 60_000;

function nextPollText(nextPollAt: string | null, now: number): string {
  if (nextPollAt === null) return 'no poll scheduled';
  return Date.parse(nextPollAt) < now - OVERDUE_MS ? `next poll was due ${nextPollAt} (is its sync still running?)` : `next poll ${nextPollAt}`;
}
