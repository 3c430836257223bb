import type { TicketSummary } from '../../../shared/domain/ticket.ts';
import { TicketStore } from '../../core/store/ticket-store.ts';
import { type CliIo, writeLine } from '../cli-io.ts';
import { readStoreOptions, withStoredData } from '../stored-data.ts';

export async function runTicketsCommand(args: string[], io: CliIo): Promise<number> {
  const { dataDir, json } = readStoreOptions('tickets', args);
  return withStoredData('tickets', dataDir, io, (db) => {
    const tickets = new TicketStore(db).listAllTickets().sort(byAccountThenSourceId);
    if (json) {
      writeLine(io.stdout, JSON.stringify(tickets.map(toCliTicket), null, 2));
    } else {
      for (const t of tickets) {
        writeLine(io.stdout, [`${t.accountId}:${t.sourceId}`, t.severity ?? '--', t.status.padEnd(7), t.organization?.name ?? '-', t.subject].join('  '));
      }
    }
    return 0;
  });
}

const collator = new Intl.Collator('en', { numeric: true });

/** accountId, then sourceId numerically where numeric ("9" before "10"). */
function byAccountThenSourceId(a: TicketSummary, b: TicketSummary): number {
  return a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : collator.compare(a.sourceId, b.sourceId);
}

function toCliTicket(ticket: TicketSummary) {
  return {
    accountId: ticket.accountId,
    sourceId: ticket.sourceId,
    subject: ticket.subject,
    status: ticket.status,
    severity: ticket.severity,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    tags: ticket.tags,
    requester: ticket.requester,
    organization: ticket.organization && { name: ticket.organization.name, plan: ticket.organization.plan },
    assignee: ticket.assignee,
  };
}
