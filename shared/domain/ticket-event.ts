// The normalized ticket event history: what the connectors store for every ticket, whatever the helpdesk, and the
// only input the SLA engine reads. Each event has `at`, an ISO 8601 UTC instant ("2024-03-08T16:30:00Z").
import { z } from 'zod';

export const SEVERITIES = ['P1', 'P2', 'P3', 'P4'] as const;
/** P1 is the most urgent. */
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

const At = z.iso.datetime();

export const TicketEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('created'),
    at: At,
    /** Who opened the ticket: a customer's severity is the customer's claim, an agent's is the responder's. */
    by: z.enum(['customer', 'agent']),
    /** Null when the ticket was filed without one. */
    severity: SeveritySchema.nullable(),
    /** The customer's plan when the ticket was created, when the connector knows it. */
    plan: z.string().min(1).optional(),
    /** Defaults to "new". */
    status: TicketStatusSchema.optional(),
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
      status: TicketStatusSchema,
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
    severity: SeveritySchema,
    setBy: z.enum(['customer', 'responder']),
    /** The responder's one-line reason for changing the customer's severity. */
    note: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('plan_change'), at: At, plan: z.string().min(1) }),
  /** The ticket's full tag set after the change. */
  z.strictObject({ type: z.literal('tags_change'), at: At, tags: z.array(z.string()) }),
]);

export type TicketEvent = z.infer<typeof TicketEventSchema>;
export type TicketEventType = TicketEvent['type'];

/** A ticket's history in any order (the engine sorts by `at`, keeping the given order for equal instants). */
export const TicketHistorySchema = z.array(TicketEventSchema).refine((events) => events.some((e) => e.type === 'created'), {
  message: 'history has no "created" event',
});
