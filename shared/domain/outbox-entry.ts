// A write made in the app (a reply, an internal note, field changes, a macro), kept in the outbox until the helpdesk
// has it. The local ticket shows it at once; the sync engine sends it with the account's retries and rate limit.
import { z } from 'zod';
import { Severity, TicketKey, TicketStatus } from './ticket.ts';

const Tag = z.string().trim().min(1).max(80).regex(/^\S+$/, 'a tag has no spaces');

export const TicketFieldChanges = z
  .strictObject({
    status: TicketStatus.optional(),
    severity: Severity.optional(),
    /** "me": the agent whose credentials sync the account; "nobody": unassigned. */
    assignee: z.enum(['me', 'nobody']).optional(),
    addTags: z.array(Tag).optional(),
    removeTags: z.array(Tag).optional(),
  })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), 'no field to change');
export type TicketFieldChanges = z.infer<typeof TicketFieldChanges>;

/** The composer's two drafts per ticket. */
export const DraftKind = z.enum(['reply', 'note']);
export type DraftKind = z.infer<typeof DraftKind>;

/** A public reply or an internal note, as plain text. */
export const OutboxComment = z.strictObject({ body: z.string().trim().min(1, 'the message is empty').max(64_000), public: z.boolean() });
export type OutboxComment = z.infer<typeof OutboxComment>;

/** What the engineer asked for: a comment, field changes, or both (a macro). */
export const OutboxWrite = z
  .strictObject({ comment: OutboxComment.nullable().default(null), changes: TicketFieldChanges.nullable().default(null) })
  .refine((write) => write.comment !== null || write.changes !== null, 'nothing to write');
export type OutboxWrite = z.infer<typeof OutboxWrite>;

/**
 * pending: waiting to be sent (or to be sent again); sending: handed to the helpdesk without an answer yet (after a
 * crash, it is checked on the helpdesk before it is sent again); sent; failed: the helpdesk refused it (its reason
 * kept) or it conflicts with a newer change, and it waits for the engineer to edit, retry or discard it.
 */
export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'failed'] as const;
export const OutboxState = z.enum(OUTBOX_STATES);
export type OutboxState = z.infer<typeof OutboxState>;

export const OutboxEntry = z.object({
  id: z.string(),
  ticket: TicketKey,
  /** For lists: what the entry does, in words. */
  kind: z.enum(['reply', 'note', 'fields', 'reply+fields', 'note+fields']),
  write: OutboxWrite,
  state: OutboxState,
  /** Why it failed, in the helpdesk's words; null unless failed (or last attempt failed and it will be retried). */
  error: z.string().nullable(),
  /** A conflict: the ticket changed on the helpdesk since the engineer wrote this; re-apply after reading it. */
  conflict: z.boolean(),
  attempts: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export function outboxKindOf(write: OutboxWrite): OutboxEntry['kind'] {
  if (write.comment === null) return 'fields';
  const comment = write.comment.public ? 'reply' : 'note';
  return write.changes === null ? comment : `${comment}+fields`;
}
