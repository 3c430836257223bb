// The queue's view of a ticket's SLA: which metric is due next, and its state at any instant from that alone.
import type { TicketDue } from '../domain/ticket-due.ts';
import { metricStateWithRiskWindow, riskWindowSeconds, type MetricState } from './metric-state.ts';
import type { SlaPolicy } from './policy.ts';
import type { MetricEvaluation, TicketSla } from './ticket-sla.ts';
import type { EpochSeconds } from './wall-clock.ts';

/**
 * The running metric that is due first; a metric held by an open-ended pause only when no other is running.
 * Null when every metric is met or none applies.
 */
export function nextDueOf(sla: TicketSla, policy: SlaPolicy): TicketDue | null {
  let next: MetricEvaluation | null = null;
  for (const metric of [sla.firstResponse, sla.nextResponse, sla.resolution]) {
    if (metric === null || metric.stoppedAt !== null) continue;
    if (next === null || dueRank(metric) < dueRank(next)) next = metric;
  }
  if (next === null) return null;
  const target = next.targets[next.governing];
  const targetSeconds = target?.targetSeconds ?? 0;
  const pause = next.state.kind === 'paused' ? { reasons: [...next.state.reasons], since: next.state.since, resumesAt: next.state.resumesAt } : null;
  return {
    metric: next.metric,
    dueAt: next.dueAt,
    targetSeconds,
    riskWindowSeconds: riskWindowSeconds(targetSeconds, policy.atRisk),
    pause,
  };
}

function dueRank(metric: MetricEvaluation): number {
  return metric.dueAt ?? Infinity;
}

/** The state of a ticket's next due at `now`: what the queue colours and counts down, every second. */
export function dueStateAt(due: TicketDue, now: EpochSeconds): MetricState {
  const pause = due.pause !== null && (due.pause.resumesAt === null || now < due.pause.resumesAt) ? due.pause : null;
  return metricStateWithRiskWindow(
    { dueAt: due.dueAt ?? Infinity, targetSeconds: due.targetSeconds, stoppedAt: null, pause },
    now,
    due.riskWindowSeconds,
  );
}
