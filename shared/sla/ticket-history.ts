// A ticket's history as the SLA engine reads it: the events its helpdesk reported, completed from the ticket as it
// stands where the helpdesk reported none (a ticket synced before its history, or a helpdesk that gives no
// history for some change), so every ticket gets an answer and a full history always wins.
import type { TicketEvent } from '../domain/ticket-event.ts';
import type { Severity, TicketStatus } from '../domain/ticket.ts';

export interface TicketSnapshot {
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly status: TicketStatus;
  readonly severity: Severity | null;
  readonly tags: readonly string[];
  /** The customer's plan as the helpdesk has it now, or null. */
  readonly plan: string | null;
}

export function completeHistory(snapshot: TicketSnapshot, reported: readonly TicketEvent[]): TicketEvent[] {
  const created = reported.find((e) => e.type === 'created');
  const history: TicketEvent[] = [];
  if (created === undefined) {
    // Without history a ticket counts as filed by the customer at its creation, as it is now, and in its current
    // status since its last update.
    history.push({ type: 'created', at: snapshot.createdAt, by: 'customer', severity: snapshot.severity, status: 'new', tags: [...snapshot.tags] });
    if (!reported.some((e) => e.type === 'status_change') && snapshot.status !== 'new') {
      history.push({ type: 'status_change', at: snapshot.updatedAt, status: snapshot.status });
    }
  }
  history.push(...reported);
  // Helpdesks give the plan of today's organization, not of the day the ticket was filed: use it from creation.
  const planKnown = history.some((e) => (e.type === 'created' && e.plan !== undefined) || e.type === 'plan_change');
  const plan = snapshot.plan;
  if (planKnown || plan === null) return history;
  return history.map((e) => (e.type === 'created' ? { ...e, plan } : e));
}

/** The severity the customer last claimed, from the history (null if they never gave one). */
export function customerSeverityOf(history: readonly TicketEvent[]): Severity | null {
  let severity: Severity | null = null;
  let at = -Infinity;
  for (const event of history) {
    const claimed =
      event.type === 'created' && event.by === 'customer' ? event.severity : event.type === 'severity_change' && event.setBy === 'customer' ? event.severity : undefined;
    const t = Date.parse(event.at);
    if (claimed !== undefined && t >= at) {
      severity = claimed;
      at = t;
    }
  }
  return severity;
}
