// Keys 1-4 set the responder's severity. Lowering it (below the responder's current one, or below what the customer
// filed) is a dispute the team must be able to read later, so it asks for a one-line reason first.
import { SEVERITIES, type Severity, type TicketSummary } from '../../shared/domain/ticket.ts';

export type SeverityStep =
  | { kind: 'unchanged' }
  | { kind: 'set' }
  /** `below`: whose severity the new one is less urgent than. */
  | { kind: 'downgrade'; below: ('responder' | 'customer')[] };

const urgency = (severity: Severity): number => SEVERITIES.indexOf(severity);

/** What setting `to` on `ticket` is: nothing new, a plain change, or a downgrade that needs a reason. */
export function severityStep(ticket: Pick<TicketSummary, 'severity' | 'customerSeverity'>, to: Severity): SeverityStep {
  if (ticket.severity === to) return { kind: 'unchanged' };
  const below: ('responder' | 'customer')[] = [];
  if (ticket.severity !== null && urgency(to) > urgency(ticket.severity)) below.push('responder');
  if (ticket.customerSeverity !== null && urgency(to) > urgency(ticket.customerSeverity)) below.push('customer');
  return below.length > 0 ? { kind: 'downgrade', below } : { kind: 'set' };
}
