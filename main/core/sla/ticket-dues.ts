// Keeps the queue's SLA columns current: every ticket whose ticket or history changed gets its due recomputed by
// the engine in shared/sla, in batches, so the queue reads dues with a plain indexed sort.
import type { TicketEvent } from '../../../shared/domain/ticket-event.ts';
import type { TicketKey } from '../../../shared/domain/ticket.ts';
import {
  completeHistory,
  customerSeverityOf,
  evaluateTicketSla,
  nextDueOf,
  parseIsoInstant,
  type SlaPolicy,
  type TicketSla,
} from '../../../shared/sla/index.ts';
import type { TicketDueRecord, TicketForSla, TicketStore } from '../store/ticket-store.ts';

const BATCH = 2_000;

/**
 * The ticket's SLA at `now`, or at its latest event if that is later: a helpdesk clock a little ahead of ours must
 * not hide a reply that has already happened.
 */
export function evaluateStoredTicket(ticket: TicketForSla, policy: SlaPolicy, now: Date): TicketSla {
  return evaluateHistory(completeHistory(ticket, ticket.events), policy, now);
}

export function evaluateHistory(history: readonly TicketEvent[], policy: SlaPolicy, now: Date): TicketSla {
  let at = Math.floor(now.getTime() / 1000);
  for (const event of history) at = Math.max(at, parseIsoInstant(event.at) ?? at);
  return evaluateTicketSla(history, policy, at);
}

export function dueRecordOf(ticket: TicketForSla, policy: SlaPolicy, now: Date): TicketDueRecord {
  const history = completeHistory(ticket, ticket.events);
  const customerSeverity = customerSeverityOf(history);
  if (ticket.deleted) return { key: ticket.key, due: null, customerSeverity, waitingSince: null };
  const sla = evaluateHistory(history, policy, now);
  const waiting =
    sla.nextResponse !== null && sla.nextResponse.stoppedAt === null
      ? sla.nextResponse
      : sla.firstResponse !== null && sla.firstResponse.stoppedAt === null
        ? sla.firstResponse
        : null;
  return { key: ticket.key, due: nextDueOf(sla, policy), customerSeverity, waitingSince: waiting?.startedAt ?? null };
}

/** Recomputes every stale due; returns the tickets it touched. */
export function refreshStaleDues(store: TicketStore, policy: SlaPolicy, now: Date): TicketKey[] {
  const touched: TicketKey[] = [];
  for (;;) {
    const tickets = store.ticketsWithStaleDue(BATCH);
    if (tickets.length === 0) return touched;
    store.saveDues(tickets.map((ticket) => dueRecordOf(ticket, policy, now)));
    for (const ticket of tickets) touched.push(ticket.key);
  }
}
