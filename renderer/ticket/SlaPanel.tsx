import type { SlaMetricView } from '../../shared/domain/ticket-detail.ts';
import type { TicketDue } from '../../shared/domain/ticket-due.ts';
import { type MetricState, metricStateWithRiskWindow } from '../../shared/sla/metric-state.ts';
import { dueStateAt } from '../../shared/sla/ticket-due.ts';
import { useCountdownClock } from '../queue/countdown-clock.ts';
import { formatCountdown } from '../queue/format-countdown.ts';
import { formatInstant } from './format-instant.ts';

const METRIC_NAMES: Record<SlaMetricView['metric'], string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
};

/** A metric's state now, from shared/sla: a running one as the queue computes it, a stopped one as met or missed. */
function stateOf(metric: SlaMetricView, now: number): MetricState {
  if (metric.stoppedAt !== null) {
    return metricStateWithRiskWindow(
      { dueAt: metric.dueAt ?? Infinity, targetSeconds: metric.targetSeconds, stoppedAt: metric.stoppedAt, pause: null },
      now,
      metric.riskWindowSeconds,
    );
  }
  const due: TicketDue = {
    metric: metric.metric,
    dueAt: metric.dueAt,
    targetSeconds: metric.targetSeconds,
    riskWindowSeconds: metric.riskWindowSeconds,
    pause: metric.pause,
  };
  return dueStateAt(due, now);
}

function StateText({ state }: { state: MetricState }) {
  switch (state.kind) {
    case 'running':
      return <span className="sla-state sla-running">{formatCountdown(state.countdownSeconds)}</span>;
    case 'at_risk':
      return <span className="sla-state sla-at-risk">{formatCountdown(state.countdownSeconds)} · at risk</span>;
    case 'breached':
      return <span className="sla-state sla-breached">{formatCountdown(state.countdownSeconds)} · breached</span>;
    case 'paused':
      return (
        <span className="sla-state sla-paused">
          Paused ({state.reasons.join(', ')}){state.countdownSeconds !== null && ` · ${formatCountdown(state.countdownSeconds)} left`}
        </span>
      );
    case 'achieved':
      return <span className="sla-state sla-met">✓ Met · {formatCountdown(state.spareSeconds)} to spare</span>;
    case 'missed':
      return <span className="sla-state sla-missed">✗ Missed · {formatCountdown(state.lateBySeconds)} late</span>;
  }
}

function SlaMetric({ metric }: { metric: SlaMetricView }) {
  const now = useCountdownClock((clock) => clock.nowSeconds);
  const state = stateOf(metric, now);
  const stopped = metric.stoppedAt !== null;
  return (
    <li className="sla-metric" data-metric={metric.metric} data-sla-state={state.kind}>
      <div className="sla-metric-line">
        <span className="sla-metric-name">{METRIC_NAMES[metric.metric]}</span>
        <StateText state={state} />
      </div>
      <div className="sla-metric-detail muted">
        {stopped
          ? `done ${formatInstant(metric.stoppedAt! * 1000)}`
          : metric.dueAt === null
            ? 'due unknown while paused'
            : `due ${formatInstant(metric.dueAt * 1000)}`}
        {state.kind === 'paused' && state.resumesAt !== null && ` · resumes ${formatInstant(state.resumesAt * 1000)}`}
      </div>
      <div className="sla-metric-detail muted">
        target {formatCountdown(metric.targetSeconds)} · {metric.governedBy.rule} · {metric.governedBy.calendarName}
      </div>
    </li>
  );
}

/** Every SLA metric of the ticket, ticking with the queue's shared clock. */
export function SlaPanel({ sla }: { sla: readonly SlaMetricView[] }) {
  if (sla.length === 0) return <p className="muted">No SLA applies to this ticket.</p>;
  return (
    <ul className="sla-metrics" data-testid="sla-metrics">
      {sla.map((metric) => (
        <SlaMetric key={metric.metric} metric={metric} />
      ))}
    </ul>
  );
}
