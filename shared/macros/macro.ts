// A macro: a canned reply and the field changes that go with it, applied to one ticket or to a selection.
// Local macros live in the settings; a helpdesk's own macros are imported read-only.
import { z } from 'zod';
import { Severity, TicketStatus } from '../domain/ticket.ts';

const Tag = z.string().trim().min(1).max(80).regex(/^\S+$/, 'a tag has no spaces');

export const MacroAction = z.discriminatedUnion('field', [
  z.strictObject({ field: z.literal('status'), value: TicketStatus }),
  z.strictObject({ field: z.literal('severity'), value: Severity }),
  /** "me" is the agent whose credentials sync the account; "nobody" unassigns. */
  z.strictObject({ field: z.literal('assignee'), value: z.enum(['me', 'nobody']) }),
  z.strictObject({ field: z.literal('tags'), op: z.enum(['add', 'remove']), values: z.array(Tag).min(1) }),
  /** An internal note written with the macro; a template like the reply. */
  z.strictObject({ field: z.literal('note'), body: z.string().min(1) }),
]);
export type MacroAction = z.infer<typeof MacroAction>;

/** What the app does once the macro is applied: stay on the ticket, open the next one, or go back to the queue. */
export const MacroAfter = z.enum(['stay', 'next', 'close']);
export type MacroAfter = z.infer<typeof MacroAfter>;

export const Macro = z.strictObject({
  /** Imported macros are `<helpdesk>:<account>:<id>` (an account id may take 64 characters). */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'use letters, digits, ".", "_", ":" or "-" (at most 128)'),
  title: z.string().trim().min(1).max(120),
  /** A quick slot, 1-9, in the ticket view after `m`. */
  shortcut: z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9']).optional(),
  /** The public reply's template; empty when the macro only changes fields. */
  body: z.string().max(20_000).default(''),
  actions: z.array(MacroAction).default([]),
  after: MacroAfter.default('stay'),
  /** Where it comes from: local macros are editable, a helpdesk's are read-only copies. */
  source: z.enum(['local', 'zendesk', 'intercom']).default('local'),
  /** The account a helpdesk's macro was imported from: it applies to that account's tickets only. */
  accountId: z.string().min(1).optional(),
});
export type Macro = z.infer<typeof Macro>;
export type MacroInput = z.input<typeof Macro>;

/** Whether `macro` may be applied to tickets of every account in `accountIds` (local macros apply everywhere). */
export function macroAppliesTo(macro: Pick<Macro, 'accountId'>, accountIds: Iterable<string>): boolean {
  if (macro.accountId === undefined) return true;
  for (const accountId of accountIds) if (accountId !== macro.accountId) return false;
  return true;
}

/** Local macros as the settings keep them: ids and quick slots are unique. */
export const LocalMacros = z.array(Macro).superRefine((macros, ctx) => {
  const ids = new Set<string>();
  const slots = new Map<string, string>();
  macros.forEach((macro, index) => {
    if (ids.has(macro.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `"${macro.id}" is used twice` });
    ids.add(macro.id);
    if (macro.shortcut === undefined) return;
    const holder = slots.get(macro.shortcut);
    if (holder) ctx.addIssue({ code: 'custom', path: [index, 'shortcut'], message: `slot ${macro.shortcut} is already "${holder}"'s` });
    else slots.set(macro.shortcut, macro.id);
  });
});
