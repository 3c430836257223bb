// A ticket as the ticket view shows it: the queue's summary, the conversation in order, each SLA metric with its
// state (the same evaluation `sla explain` prints) and how the severity changed.
import { z } from 'zod';
import { OutboxEntry } from './outbox-entry.ts';
import { PauseReason, SlaMetricName } from './ticket-due.ts';
import { Severity, TicketSummary } from './ticket.ts';

const IsoInstant = z.iso.datetime({ offset: false });
const EpochSeconds = z.number().int();

/** One message of the conversation. `html` is the helpdesk's, untrusted: the renderer sanitizes it before showing it. */
export const ConversationEntry = z.object({
  id: z.string(),
  at: IsoInstant,
  kind: z.enum(['customer', 'agent', 'note', 'automated']),
  author: z.object({ name: z.string(), email: z.string() }).nullable(),
  html: z.string(),
});
export type ConversationEntry = z.infer<typeof ConversationEntry>;

export const SlaMetricView = z.object({
  metric: SlaMetricName,
  startedAt: EpochSeconds,
  stoppedAt: EpochSeconds.nullable(),
  /** Null while an open-ended pause holds the clock. */
  dueAt: EpochSeconds.nullable(),
  targetSeconds: z.number().int().nonnegative(),
  riskWindowSeconds: z.number().int().nonnegative(),
  /** The target that governs: "plan growth" or "severity P1", on which calendar. */
  governedBy: z.object({ source: z.enum(['plan', 'severity']), rule: z.string(), calendarName: z.string() }),
  severityUsed: Severity.nullable(),
  pauses: z.array(z.object({ reason: PauseReason, from: EpochSeconds, to: EpochSeconds.nullable() })),
  /** The pause in force when the ticket was read. */
  pause: z.object({ reasons: z.array(PauseReason), since: EpochSeconds, resumesAt: EpochSeconds.nullable() }).nullable(),
});
export type SlaMetricView = z.infer<typeof SlaMetricView>;

export const SeverityChange = z.object({
  at: IsoInstant,
  severity: Severity.nullable(),
  setBy: z.enum(['customer', 'responder']),
  note: z.string().nullable(),
});
export type SeverityChange = z.infer<typeof SeverityChange>;

export const TicketDetail = TicketSummary.extend({
  description: z.string(),
  /** The ticket in its helpdesk, for "open in browser" (opened only through the host's checked openExternal). */
  url: z.string().nullable(),
  conversation: z.array(ConversationEntry),
  sla: z.array(SlaMetricView),
  severityHistory: z.array(SeverityChange),
  /** Writes made here that the synced ticket does not show yet: waiting, being sent, refused, or sent since. */
  writes: z.array(OutboxEntry),
  /** What the engineer was typing in the composer, kept as they typed. */
  drafts: z.object({ reply: z.string().nullable(), note: z.string().nullable() }),
  /** The agent whose credentials sync the account, when the helpdesk named them: "me" in macros and assignments. */
  me: z.object({ name: z.string(), email: z.string() }).nullable(),
});
export type TicketDetail = z.infer<typeof TicketDetail>;
