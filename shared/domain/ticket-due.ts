// What the queue shows of a ticket's SLA: the metric that is due next, as the engine computed it when the ticket or
// its history last changed. Its state at any instant (running, at risk, breached, paused) follows from these numbers
// alone through `dueStateAt` in shared/sla, so a 1 Hz tick needs no database and no history.
import { z } from 'zod';

export const SLA_METRICS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export const SlaMetricName = z.enum(SLA_METRICS);
export type SlaMetricName = z.infer<typeof SlaMetricName>;

export const PAUSE_REASONS = ['pending', 'hold', 'upstream', 'solved', 'closed'] as const;
export const PauseReason = z.enum(PAUSE_REASONS);
export type PauseReason = z.infer<typeof PauseReason>;

const EpochSeconds = z.number().int();

export const TicketDue = z.object({
  metric: SlaMetricName,
  /** Epoch seconds; null while an open-ended pause holds the clock (pending with no snooze end, upstream tag). */
  dueAt: EpochSeconds.nullable(),
  targetSeconds: z.number().int().min(0),
  /** At risk once at most this many seconds are left before due (the policy's share of the target or minutes). */
  riskWindowSeconds: z.number().int().min(0),
  /** The pause in force when the due was computed, with its end when known. */
  pause: z
    .object({ reasons: z.array(PauseReason), since: EpochSeconds, resumesAt: EpochSeconds.nullable() })
    .nullable(),
});
export type TicketDue = z.infer<typeof TicketDue>;
