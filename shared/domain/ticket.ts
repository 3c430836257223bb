import { z } from 'zod';
import { TicketDue } from './ticket-due.ts';

/** P1 always wins: the order of this list is the order of urgency. */
export const SEVERITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** Statuses a support engineer still has to act on. */
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'hold'];

export const PLAN_TIERS = ['free', 'starter', 'growth', 'enterprise'] as const;
export const PlanTier = z.enum(PLAN_TIERS);
export type PlanTier = z.infer<typeof PlanTier>;

/** Reads a helpdesk's plan value ("Enterprise", "growth ", "STARTER") as one of our tiers, or null. */
export function planTierOf(plan: string | null | undefined): PlanTier | null {
  const parsed = PlanTier.safeParse(plan?.trim().toLowerCase());
  return parsed.success ? parsed.data : null;
}

/** Helpdesk-independent identity of a ticket: the account it came from and its id there. */
export const TicketKey = z.object({
  accountId: z.string().min(1),
  sourceId: z.string().min(1),
});
export type TicketKey = z.infer<typeof TicketKey>;

export function ticketKeyString(key: TicketKey): string {
  return `${key.accountId}:${key.sourceId}`;
}

const IsoInstant = z.iso.datetime({ offset: false });

/** One row of the queue: what a support engineer scans. */
export const TicketSummary = TicketKey.extend({
  subject: z.string(),
  status: TicketStatus,
  severity: Severity.nullable(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  tags: z.array(z.string()),
  requester: z.object({ name: z.string(), email: z.string() }).nullable(),
  organization: z.object({ name: z.string(), plan: z.string().nullable(), tier: PlanTier.nullable() }).nullable(),
  assignee: z.object({ name: z.string() }).nullable(),
  /** The customer's own severity when they filed it (the response clocks use the more urgent of the two). */
  customerSeverity: Severity.nullable(),
  /** The SLA metric due next, or null when every metric is met or none applies. */
  due: TicketDue.nullable(),
  /**
   * Writes made here that the helpdesk does not have: "refused" when one was refused or conflicted (it waits for the
   * engineer to edit, retry or discard it), else "waiting" while one is queued or being sent; null when none.
   */
  unsent: z.enum(['waiting', 'refused']).nullable(),
});
export type TicketSummary = z.infer<typeof TicketSummary>;
