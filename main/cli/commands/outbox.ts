// `triage-desk outbox`: what the app and `reply` queued, and where each write stands.
import { OutboxStore } from '../../core/outbox/outbox-store.ts';
import { type CliIo, writeLine } from '../cli-io.ts';
import { readStoreOptions, withStoredData } from '../stored-data.ts';

export async function runOutboxCommand(args: string[], io: CliIo): Promise<number> {
  const { dataDir, json } = readStoreOptions('outbox', args);
  return withStoredData('outbox', dataDir, io, (db) => {
    const entries = new OutboxStore(db).list().map((entry) => ({
      id: entry.id,
      ticket: `${entry.ticket.accountId}:${entry.ticket.sourceId}`,
      kind: entry.kind,
      // An entry cut off mid-send is still to be sent (after a look at the helpdesk): pending, to the reader.
      state: entry.state === 'sending' ? 'pending' : entry.state,
      error: entry.error,
    }));
    if (json) writeLine(io.stdout, JSON.stringify(entries, null, 2));
    else for (const entry of entries) writeLine(io.stdout, [entry.id, entry.ticket, entry.kind, entry.state, entry.error ?? ''].join('  ').trimEnd());
    return 0;
  });
}
