// What a macro would do to one ticket, before it does it: the reply and the internal note filled in for that ticket,
// the field changes as a diff, and the writes the outbox gets. A template with an error yields no writes: it is
// never sent. No DOM here: unit-tested on Node.
import type { OutboxWrite, TicketFieldChanges } from '../../shared/domain/outbox-entry.ts';
import type { TicketDetail } from '../../shared/domain/ticket-detail.ts';
import { type FieldChange, macroFieldChanges } from '../../shared/macros/macro-changes.ts';
import { macroContextOf } from '../../shared/macros/macro-context.ts';
import { type RenderedTemplate, renderMacroTemplate } from '../../shared/macros/macro-template.ts';
import type { Macro } from '../../shared/macros/macro.ts';

export interface MacroPreview {
  /** The public reply, or null when the macro has none. */
  reply: RenderedTemplate | null;
  /** The internal note, or null when the macro has none. */
  note: RenderedTemplate | null;
  changes: FieldChange[];
  /** What applying queues, in order; null while anything is wrong (then nothing is sent). */
  writes: OutboxWrite[] | null;
  /** One line per problem, saying where ("Reply, line 1, column 4: ..."). */
  errors: string[];
}

/** How the preview names the engineer when the helpdesk did not say who syncs the account. */
const UNNAMED_AGENT = 'you';

export function previewMacro(macro: Macro, ticket: TicketDetail): MacroPreview {
  // The customer's time zone is not synced from any helpdesk yet: dues are written in UTC and say so.
  const context = macroContextOf(ticket, ticket.me, null);
  const reply = macro.body.trim() === '' ? null : renderMacroTemplate(macro.body, context);
  const noteTemplate = macro.actions.flatMap((action) => (action.field === 'note' ? [action.body] : [])).join('\n\n');
  const note = noteTemplate.trim() === '' ? null : renderMacroTemplate(noteTemplate, context);
  const changes = macroFieldChanges(macro, ticket, ticket.me?.name ?? UNNAMED_AGENT);
  const errors = [...(reply?.errors.map((error) => `Reply, ${error}`) ?? []), ...(note?.errors.map((error) => `Note, ${error}`) ?? [])];
  const fields = fieldChangesOf(macro, changes);
  if (reply === null && note === null && fields === null) errors.push('Nothing to apply: the ticket already has every change this macro makes');
  if (errors.length > 0) return { reply, note, changes, writes: null, errors };

  // One write carries one comment: the reply goes with the field changes, the note after it.
  const writes: OutboxWrite[] = [];
  if (reply?.text) writes.push({ comment: { body: reply.text, public: true }, changes: fields });
  if (note?.text) writes.push({ comment: { body: note.text, public: false }, changes: writes.length === 0 ? fields : null });
  if (writes.length === 0) writes.push({ comment: null, changes: fields });
  return { reply, note, changes, writes, errors };
}

/** The outbox's form of the diff: only what differs from the ticket now; "me" and "nobody" as the macro says. */
function fieldChangesOf(macro: Macro, changes: FieldChange[]): TicketFieldChanges | null {
  const fields: TicketFieldChanges = {};
  for (const change of changes) {
    if (change.field === 'status') fields.status = change.to;
    else if (change.field === 'severity') fields.severity = change.to;
    else if (change.field === 'assignee') {
      const last = macro.actions.findLast((action) => action.field === 'assignee');
      if (last?.field === 'assignee') fields.assignee = last.value;
    } else {
      if (change.added.length > 0) fields.addTags = change.added;
      if (change.removed.length > 0) fields.removeTags = change.removed;
    }
  }
  return Object.keys(fields).length > 0 ? fields : null;
}
