// `triage-desk reply`: queues a public reply or an internal note in the outbox; the next `sync` sends it.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { OutboxComment } from '../../../shared/domain/outbox-entry.ts';
import { describeZodError } from '../../../shared/validation/describe-zod-error.ts';
import { OutboxStore } from '../../core/outbox/outbox-store.ts';
import { TicketStore } from '../../core/store/ticket-store.ts';
import { type CliIo, writeLine } from '../cli-io.ts';
import { withStoredData } from '../stored-data.ts';
import { parseTicketArgument } from '../ticket-argument.ts';
import { UsageError } from '../usage.ts';

export async function runReplyCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      ticket: { type: 'string' },
      body: { type: 'string' },
      'body-file': { type: 'string' },
      internal: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new UsageError('reply: --data-dir DIR is required');
  const key = parseTicketArgument('reply', values.ticket);
  if ((values.body === undefined) === (values['body-file'] === undefined)) throw new UsageError('reply: give the message as --body TEXT or --body-file FILE (one of them)');
  const comment = OutboxComment.safeParse({ body: values.body ?? readBodyFile(values['body-file']!), public: !values.internal });
  if (!comment.success) throw new UsageError(`reply: ${describeZodError(comment.error)}`);

  return withStoredData('reply', dataDir, io, (db, file) => {
    const ticket = new TicketStore(db).getTicket(key);
    if (ticket === null) {
      writeLine(io.stderr, `triage-desk reply: no ticket ${key.accountId}:${key.sourceId} in ${file}`);
      return 2;
    }
    const entry = new OutboxStore(db).queue(key, { comment: comment.data, changes: null }, { now: new Date(), baseUpdatedAt: ticket.updatedAt });
    writeLine(io.stdout, entry.id);
    return 0;
  });
}

/** `-` reads standard input, so a reply can be piped in. */
function readBodyFile(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new UsageError(`reply: cannot read --body-file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
