// An outbox write as Zendesk's ticket update: the comment and every field change in one PUT, so a macro's reply and
// its field changes land together or not at all.
import type { OutboxWrite, TicketFieldChanges } from '../../../../shared/domain/outbox-entry.ts';
import { priorityOfSeverity } from './zendesk-mapping.ts';
import type { ZendeskTicket } from './zendesk-payloads.ts';

export interface ZendeskTicketUpdate {
  ticket: {
    comment?: { body: string; public: boolean };
    status?: string;
    priority?: string;
    assignee_id?: number | null;
    additional_tags?: string[];
    remove_tags?: string[];
    safe_update?: true;
    updated_stamp?: string;
  };
}

/**
 * The body of `PUT /tickets/{id}.json` for `write`. `me` is the agent "assignee: me" names. With `stamp` (the
 * ticket's updated_at the engineer saw) it is a safe update: Zendesk refuses it with a 409 if the ticket changed since.
 */
export function ticketUpdateBody(write: OutboxWrite, me: number, stamp: string | null): ZendeskTicketUpdate {
  const ticket: ZendeskTicketUpdate['ticket'] = {};
  if (write.comment) ticket.comment = { body: write.comment.body, public: write.comment.public };
  const changes = write.changes;
  if (changes?.status !== undefined) ticket.status = changes.status;
  if (changes?.severity !== undefined) ticket.priority = priorityOfSeverity(changes.severity);
  if (changes?.assignee !== undefined) ticket.assignee_id = changes.assignee === 'me' ? me : null;
  if (changes?.addTags?.length) ticket.additional_tags = changes.addTags;
  if (changes?.removeTags?.length) ticket.remove_tags = changes.removeTags;
  if (stamp !== null) {
    ticket.safe_update = true;
    ticket.updated_stamp = stamp;
  }
  return { ticket };
}

/** Whether `ticket` already shows every change of `changes` (a resumed write whose answer was lost). */
export function showsChanges(ticket: ZendeskTicket, changes: TicketFieldChanges, me: number): boolean {
  const tags = new Set(ticket.tags ?? []);
  const assignee = changes.assignee === 'me' ? me : null;
  return (
    (changes.status === undefined || ticket.status === changes.status) &&
    (changes.severity === undefined || ticket.priority === priorityOfSeverity(changes.severity)) &&
    (changes.assignee === undefined || (ticket.assignee_id ?? null) === assignee) &&
    (changes.addTags ?? []).every((tag) => tags.has(tag)) &&
    (changes.removeTags ?? []).every((tag) => !tags.has(tag))
  );
}
