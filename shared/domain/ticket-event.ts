// The normalized ticket event history: what the connectors store for every ticket, whatever the helpdesk, and the
// only input the SLA engine reads. Each event has `at`, an ISO 8601 UTC instant ("2024-03-08T16:30:00Z").
import { z } from 'zod';
import { Severity, TicketStatus } from './ticket.ts';

const At = z.iso.datetime();

export const TicketEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('created'),
    at: At,
    /** Who opened the ticket: a customer's severity is the customer's claim, an agent's is the responder's. */
    by: z.enum(['customer', 'agent']),
    /** Null when the ticket was filed without one. */
    severity: Severity.nullable(),
    /** The customer's plan when the ticket was created, when the connector knows it. */
    plan: z.string().min(1).optional(),
    /** Defaults to "new". */
    status: TicketStatus.optional(),
    tags: z.array(z.string()).optional(),
  }),
  z.strictObject({ type: z.literal('customer_message'), at: At }),
  /** A comment by an agent; only a public one answers the customer. */
  z.strictObject({ type: z.literal('agent_reply'), at: At, public: z.boolean() }),
  z.strictObject({ type: z.literal('internal_note'), at: At }),
  /** Auto-replies, triggers, bots: never a response. */
  z.strictObject({ type: z.literal('automated_message'), at: At }),
  z
    .strictObject({
      type: z.literal('status_change'),
      at: At,
      status: TicketStatus,
      /** Snoozed until (Intercom snooze, Zammad pending reminder): pending or hold ends by itself then. */
      until: At.optional(),
    })
    .refine((e) => e.until === undefined || e.status === 'pending' || e.status === 'hold', {
      path: ['until'],
      message: 'only a pending or hold status can have "until"',
    }),
  z.strictObject({
    type: z.literal('severity_change'),
    at: At,
    severity: Severity,
    setBy: z.enum(['customer', 'responder']),
    /** The responder's one-line reason for changing the customer's severity. */
    note: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('plan_change'), at: At, plan: z.string().min(1) }),
  /** The ticket's full tag set after the change. */
  z.strictObject({ type: z.literal('tags_change'), at: At, tags: z.array(z.string()) }),
]);

export type TicketEvent = z.infer<typeof TicketEventSchema>;

/** A ticket's history in any order (the engine sorts by `at`, keeping the given order for equal instants). */
export const TicketHistorySchema = z.array(TicketEventSchema).refine((events) => events.some((e) => e.type === 'created'), {
  message: 'history has no "created" event',
});
