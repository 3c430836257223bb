// The SLA engine's public API. Instants are epoch seconds (EpochSeconds); format them with WallClock.
export { businessSecondsBetween, pauseList, type PauseList } from './business-time.ts';
export { BusinessCalendar, CalendarSpecSchema, parseCalendar, type CalendarSpec } from './calendar.ts';
export { dueInstant } from './due.ts';
export { IsoInstantSchema, parseIsoInstant } from './iso-instant.ts';
export { metricStateAt, metricStateWithRiskWindow, riskWindowSeconds, type AtRiskSettings, type MetricSituation, type MetricState } from './metric-state.ts';
export { readTicketClocks, type MetricClock, type MetricPause, type PauseReason, type SeverityBasis, type TicketClocks } from './metrics.ts';
export {
  compileSlaPolicy,
  CompiledSlaPolicy,
  DEFAULT_SLA_POLICY,
  makeDefaultSlaPolicy,
  METRICS,
  PLAN_COVERAGE,
  SlaPolicySchema,
  type ApplicableTarget,
  type MetricName,
  type SlaPolicy,
} from './policy.ts';
export { DueRequestSchema, ElapsedRequestSchema, SlaRequestAnswerer, type DueAnswer, type ElapsedAnswer } from './requests.ts';
export { evaluateTicketSla, type MetricEvaluation, type TargetEvaluation, type TicketSla } from './ticket-sla.ts';
export { WallClock, type EpochSeconds } from './wall-clock.ts';
export { completeHistory, customerSeverityOf, type TicketSnapshot } from './ticket-history.ts';
export { dueStateAt, nextDueOf } from './ticket-due.ts';
