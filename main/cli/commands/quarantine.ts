// `triage-desk quarantine`: the records a sync could not read, kept aside with the reason.
import { parseArgs } from 'node:util';
import { TicketStore } from '../../core/store/ticket-store.ts';
import { type CliIo, oneLine, writeLine } from '../cli-io.ts';
import { withStoredData } from '../stored-data.ts';
import { UsageError } from '../usage.ts';

export async function runQuarantineCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, account: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new UsageError('quarantine: --data-dir DIR is required');
  return withStoredData(
    'quarantine',
    dataDir,
    io,
    (db) => {
      const store = new TicketStore(db);
      const known = store.storedAccounts().map((account) => account.accountId);
      const wanted = values.account;
      if (wanted !== undefined && !known.includes(wanted)) {
        writeLine(io.stderr, `triage-desk quarantine: no account "${wanted}" in ${dataDir} (it has ${known.length ? known.map((id) => `"${id}"`).join(', ') : 'none'})`);
        return 2;
      }
      const records = (wanted === undefined ? known : [wanted]).flatMap((accountId) =>
        store.listQuarantined(accountId, 0, store.countQuarantined(accountId)).records.map((record) => ({
          accountId,
          kind: record.kind,
          sourceId: record.sourceId,
          reason: record.reason,
          seenAt: record.lastSeenAt,
        })),
      );
      if (values.json) writeLine(io.stdout, JSON.stringify(records, null, 2));
      else for (const r of records) writeLine(io.stdout, [`${r.accountId}:${r.sourceId}`, r.kind, r.seenAt, oneLine(r.reason)].join('  '));
      return 0;
    },
    { missingExitCode: 2 },
  );
}
