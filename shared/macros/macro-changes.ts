// What a macro would change on a ticket, field by field, for the preview's diff and for the outbox.
import type { Severity, TicketStatus, TicketSummary } from '../domain/ticket.ts';
import type { Macro } from './macro.ts';

export type FieldChange =
  | { field: 'status'; from: TicketStatus; to: TicketStatus }
  | { field: 'severity'; from: Severity | null; to: Severity }
  | { field: 'assignee'; from: string | null; to: string | null }
  | { field: 'tags'; from: string[]; to: string[]; added: string[]; removed: string[] };

/**
 * The changes `macro` makes to `ticket`, in the order status, severity, assignee, tags; a field the macro leaves as
 * it is does not appear. Later actions on a field win over earlier ones, as they would when applied one by one.
 */
export function macroFieldChanges(macro: Pick<Macro, 'actions'>, ticket: TicketSummary, me: string): FieldChange[] {
  let status = ticket.status;
  let severity = ticket.severity;
  let assignee = ticket.assignee?.name ?? null;
  const tags = new Set(ticket.tags);
  for (const action of macro.actions) {
    if (action.field === 'status') status = action.value;
    else if (action.field === 'severity') severity = action.value;
    else if (action.field === 'assignee') assignee = action.value === 'me' ? me : null;
    else if (action.field === 'tags') {
      for (const tag of action.values) {
        if (action.op === 'add') tags.add(tag);
        else tags.delete(tag);
      }
    }
  }
  const changes: FieldChange[] = [];
  if (status !== ticket.status) changes.push({ field: 'status', from: ticket.status, to: status });
  if (severity !== ticket.severity && severity !== null) changes.push({ field: 'severity', from: ticket.severity, to: severity });
  if (assignee !== (ticket.assignee?.name ?? null)) changes.push({ field: 'assignee', from: ticket.assignee?.name ?? null, to: assignee });
  const before = [...ticket.tags].sort();
  const after = [...tags].sort();
  const added = after.filter((tag) => !ticket.tags.includes(tag));
  const removed = before.filter((tag) => !tags.has(tag));
  if (added.length > 0 || removed.length > 0) changes.push({ field: 'tags', from: before, to: after, added, removed });
  return changes;
}
