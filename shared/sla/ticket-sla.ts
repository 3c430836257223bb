// A ticket's SLA at an instant: each metric's clock, the targets that apply, the governing due instant and the
// state. This is the one place the queue, the notifications and `sla explain` get SLA answers from.
import type { TicketEvent } from '../domain/ticket-event.ts';
import { businessSecondsBetween, pauseList, type PauseList } from './business-time.ts';
import type { CalendarSpec } from './calendar.ts';
import { dueInstant } from './due.ts';
import { metricStateAt, type MetricState } from './metric-state.ts';
import { readTicketClocks, type MetricClock, type MetricPause, type PauseReason, type SeverityBasis } from './metrics.ts';
import { compileSlaPolicy, type ApplicableTarget, type MetricName, type SlaPolicy } from './policy.ts';
import type { EpochSeconds } from './wall-clock.ts';

export interface TargetEvaluation {
  readonly source: 'plan' | 'severity';
  /** The plan name or severity the target comes from. */
  readonly rule: string;
  readonly calendarName: string;
  readonly calendar: CalendarSpec;
  readonly targetSeconds: number;
  /** Null while an open-ended pause holds the clock before this target is used up. */
  readonly dueAt: EpochSeconds | null;
  /** While paused with no known end: where due would land if the clock resumed at `now`. */
  readonly dueIfResumedNow: EpochSeconds | null;
}

export interface MetricEvaluation {
  readonly metric: MetricName;
  readonly startedAt: EpochSeconds;
  readonly stoppedAt: EpochSeconds | null;
  readonly stoppedBy: 'public_reply' | 'solved' | null;
  readonly severity: SeverityBasis;
  /** The ticket's plan from its history and the policy plan applied (the policy's default when unknown). */
  readonly plan: { readonly ticket: string | null; readonly applied: string };
  readonly pauses: readonly MetricPause[];
  /** Every applicable target, in policy order: the plan's, then the severity's. */
  readonly targets: readonly TargetEvaluation[];
  /** Index into `targets` of the one that governs: the earliest due (the stricter wins). */
  readonly governing: number;
  readonly dueAt: EpochSeconds | null;
  /** Business seconds used on the governing target's calendar, up to the stop or `now`. */
  readonly elapsedSeconds: number;
  readonly state: MetricState;
}

export interface TicketSla {
  readonly at: EpochSeconds;
  /** Null when the metric has not started (next response) or no target applies to it. */
  readonly firstResponse: MetricEvaluation | null;
  readonly nextResponse: MetricEvaluation | null;
  readonly resolution: MetricEvaluation | null;
}

/** Evaluates a ticket's SLA metrics at `now` from its event history (events after `now` are ignored). */
export function evaluateTicketSla(history: readonly TicketEvent[], policy: SlaPolicy, now: EpochSeconds): TicketSla {
  const compiled = compileSlaPolicy(policy);
  const clocks = readTicketClocks(history, policy.upstreamTag, now);
  const evaluate = (clock: MetricClock | null): MetricEvaluation | null => {
    if (clock === null) return null;
    const plan = compiled.planFor(clock.ticketPlan);
    const targets = compiled.targetsFor(clock.metric, plan, clock.severity.used);
    return targets.length === 0 ? null : evaluateMetric(clock, { ticket: clock.ticketPlan, applied: plan }, targets, policy, now);
  };
  return {
    at: now,
    firstResponse: evaluate(clocks.firstResponse),
    nextResponse: evaluate(clocks.nextResponse),
    resolution: evaluate(clocks.resolution),
  };
}

function evaluateMetric(
  clock: MetricClock,
  plan: MetricEvaluation['plan'],
  applicable: readonly ApplicableTarget[],
  policy: SlaPolicy,
  now: EpochSeconds,
): MetricEvaluation {
  const pauses = pauseList(clock.pauses.map((p): [number, number] => [p.from, p.to ?? Infinity]));
  const dues = applicable.map((t) => dueInstant(t.calendar, clock.startedAt, t.targetSeconds, pauses));
  // While an open pause holds every clock, rank the targets by where they would land if the clock resumed now.
  const held = dues.every((due) => due === Infinity);
  const resumedNow: PauseList | null = held ? pauseList(clock.pauses.map((p): [number, number] => [p.from, p.to ?? now])) : null;
  const dueIfResumed = applicable.map((t) => (resumedNow === null ? null : dueInstant(t.calendar, clock.startedAt, t.targetSeconds, resumedNow)));
  const rank = dues.map((due, i) => (held ? (dueIfResumed[i] ?? Infinity) : due));
  const governing = rank.reduce((best, due, i) => (due < (rank[best] ?? Infinity) ? i : best), 0);
  const target = applicable[governing];
  const dueAt = dues[governing] ?? Infinity;
  if (target === undefined) throw new RangeError('evaluateMetric needs at least one target');

  return {
    metric: clock.metric,
    startedAt: clock.startedAt,
    stoppedAt: clock.stoppedAt,
    stoppedBy: clock.stoppedBy,
    severity: clock.severity,
    plan,
    pauses: clock.pauses,
    targets: applicable.map((t, i) => ({
      source: t.source,
      rule: t.rule,
      calendarName: t.calendarName,
      calendar: t.calendar.spec,
      targetSeconds: t.targetSeconds,
      dueAt: finiteOrNull(dues[i]),
      dueIfResumedNow: dueIfResumed[i] ?? null,
    })),
    governing,
    dueAt: finiteOrNull(dueAt),
    elapsedSeconds: businessSecondsBetween(target.calendar, clock.startedAt, Math.min(clock.stoppedAt ?? now, now), pauses),
    state: metricStateAt({ dueAt, targetSeconds: target.targetSeconds, stoppedAt: clock.stoppedAt, pause: pauseAt(clock.pauses, pauses, now) }, now, policy.atRisk),
  };
}

function finiteOrNull(t: number | undefined): EpochSeconds | null {
  return t === undefined || t === Infinity ? null : t;
}

// The pause holding the clock at `now`: the reasons in force, and the merged stretch's start and (known) end.
function pauseAt(
  pauses: readonly MetricPause[],
  merged: PauseList,
  now: EpochSeconds,
): { reasons: PauseReason[]; since: EpochSeconds; resumesAt: EpochSeconds | null } | null {
  for (let i = 0; i < merged.length; i += 2) {
    const from = merged[i] ?? 0;
    const to = merged[i + 1] ?? 0;
    if (from <= now && now < to) {
      const reasons = pauses.filter((p) => p.from <= now && now < (p.to ?? Infinity)).map((p) => p.reason);
      return { reasons: [...new Set(reasons)], since: from, resumesAt: to === Infinity ? null : to };
    }
  }
  return null;
}
