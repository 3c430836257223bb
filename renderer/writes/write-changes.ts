// An outbox entry's field changes as the diff the macro preview shows (from → to), against the ticket as synced.
import type { OutboxEntry, TicketFieldChanges } from '../../shared/domain/outbox-entry.ts';
import type { TicketSummary } from '../../shared/domain/ticket.ts';
import { type FieldChange, macroFieldChanges } from '../../shared/macros/macro-changes.ts';
import type { MacroAction } from '../../shared/macros/macro.ts';

/** The changes of a write, field by field; one the ticket already shows (the sync brought it back) is left out. */
export function writeFieldChanges(changes: TicketFieldChanges, ticket: TicketSummary, me: string): FieldChange[] {
  const actions: MacroAction[] = [];
  if (changes.status) actions.push({ field: 'status', value: changes.status });
  if (changes.severity) actions.push({ field: 'severity', value: changes.severity });
  if (changes.assignee) actions.push({ field: 'assignee', value: changes.assignee });
  if (changes.addTags?.length) actions.push({ field: 'tags', op: 'add', values: changes.addTags });
  if (changes.removeTags?.length) actions.push({ field: 'tags', op: 'remove', values: changes.removeTags });
  return macroFieldChanges({ actions }, ticket, me);
}

export type WriteTone = 'waiting' | 'sent' | 'failed';

/** Where an entry stands, in words: a short label and, when it needs the engineer, why. */
export function writeStateOf(entry: Pick<OutboxEntry, 'state' | 'error' | 'conflict'>): { key: string; label: string; tone: WriteTone; detail: string | null } {
  switch (entry.state) {
    case 'pending':
      return { key: 'pending', label: 'Pending', tone: 'waiting', detail: entry.error === null ? null : `The last try failed (${entry.error}); it is tried again.` };
    case 'sending':
      return { key: 'sending', label: 'Sending…', tone: 'waiting', detail: null };
    case 'sent':
      return { key: 'sent', label: 'Sent', tone: 'sent', detail: null };
    case 'failed':
      return entry.conflict
        ? {
            key: 'conflict',
            label: 'Conflict',
            tone: 'failed',
            detail: `The ticket changed on the helpdesk: read it and apply again.${entry.error === null ? '' : ` (${entry.error})`}`,
          }
        : { key: 'failed', label: 'Refused', tone: 'failed', detail: entry.error ?? 'The helpdesk refused it without saying why.' };
  }
}
