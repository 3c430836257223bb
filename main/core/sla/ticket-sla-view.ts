// The ticket view's SLA: each metric with its governing target and pauses, and the severity history, from the
// same evaluation `sla explain` prints.
import type { SeverityChange, SlaMetricView } from '../../../shared/domain/ticket-detail.ts';
import { completeHistory, riskWindowSeconds, type MetricEvaluation, type SlaPolicy } from '../../../shared/sla/index.ts';
import type { TicketForSla } from '../store/ticket-store.ts';
import { evaluateHistory } from './ticket-dues.ts';

export function slaViewOf(ticket: TicketForSla, policy: SlaPolicy, now: Date): { sla: SlaMetricView[]; severityHistory: SeverityChange[] } {
  const history = completeHistory(ticket, ticket.events);
  const evaluation = evaluateHistory(history, policy, now);
  const sla = [evaluation.firstResponse, evaluation.nextResponse, evaluation.resolution]
    .filter((metric): metric is MetricEvaluation => metric !== null)
    .map((metric) => metricView(metric, policy));
  const severityHistory: SeverityChange[] = [];
  for (const event of history) {
    if (event.type === 'created') {
      severityHistory.push({ at: event.at, severity: event.severity, setBy: event.by === 'customer' ? 'customer' : 'responder', note: null });
    } else if (event.type === 'severity_change') {
      severityHistory.push({ at: event.at, severity: event.severity, setBy: event.setBy, note: event.note ?? null });
    }
  }
  return { sla, severityHistory };
}

function metricView(metric: MetricEvaluation, policy: SlaPolicy): SlaMetricView {
  const target = metric.targets[metric.governing]!;
  const state = metric.state;
  return {
    metric: metric.metric,
    startedAt: metric.startedAt,
    stoppedAt: metric.stoppedAt,
    dueAt: metric.dueAt,
    targetSeconds: target.targetSeconds,
    riskWindowSeconds: riskWindowSeconds(target.targetSeconds, policy.atRisk),
    governedBy: { source: target.source, rule: target.rule, calendarName: target.calendarName },
    severityUsed: metric.severity.used,
    pauses: metric.pauses.map((p) => ({ reason: p.reason, from: p.from, to: p.to })),
    pause: state.kind === 'paused' ? { reasons: [...state.reasons], since: state.since, resumesAt: state.resumesAt } : null,
  };
}
