// The SLA policy: plan tiers times severities, each a target per metric on a named business calendar.
// For a ticket, every applicable target yields a due instant and the earliest one wins (the stricter wins).
// It is a settings object the user edits; SlaPolicySchema validates it and DEFAULT_SLA_POLICY is the shipped one.
import { z } from 'zod';
import { SLA_METRICS, type SlaMetricName } from '../domain/ticket-due.ts';
import { SEVERITIES, type Severity } from '../domain/ticket.ts';
import { BusinessCalendar, CalendarSpecSchema, type CalendarSpec } from './calendar.ts';

export const METRICS = SLA_METRICS;
export type MetricName = SlaMetricName;

/** Severity rules whose coverage is this word use the ticket's plan's coverage calendar. */
export const PLAN_COVERAGE = 'plan';

const MAX_TARGET_MINUTES = 10 * 366 * 24 * 60;

// Null: this rule sets no target for that metric.
const TargetMinutesSchema = z.number().int().min(0).max(MAX_TARGET_MINUTES).nullable();

const TargetsSchema = z.strictObject({
  firstResponse: TargetMinutesSchema,
  nextResponse: TargetMinutesSchema,
  resolution: TargetMinutesSchema,
});

const RuleSchema = z.strictObject({
  /** A calendar name from `calendars` (or, for a severity, "plan": the ticket's plan's coverage). */
  coverage: z.string().min(1),
  /** Minutes of business time on the coverage calendar. */
  targets: TargetsSchema,
});

export const SlaPolicySchema = z
  .strictObject({
    calendars: z.record(z.string().min(1), CalendarSpecSchema),
    plans: z.record(z.string().min(1), RuleSchema),
    /** The plan used when a ticket's customer plan is unknown or not listed in `plans`. */
    defaultPlan: z.string().min(1),
    severities: z.strictObject({ P1: RuleSchema, P2: RuleSchema, P3: RuleSchema, P4: RuleSchema }),
    /** At risk when at most this share of the target, or this many minutes, is left before due. */
    atRisk: z.strictObject({ fractionOfTarget: z.number().min(0).max(1), minutesLeft: z.number().min(0) }),
    /** While a ticket carries this tag, resolution pauses (the upstream provider broke it); responses still count. */
    upstreamTag: z.string().min(1),
  })
  .superRefine((policy, ctx) => {
    if (PLAN_COVERAGE in policy.calendars) {
      ctx.addIssue({ code: 'custom', path: ['calendars', PLAN_COVERAGE], message: `"${PLAN_COVERAGE}" is reserved for severity coverage` });
    }
    for (const [name, rule] of Object.entries(policy.plans)) {
      if (!(rule.coverage in policy.calendars)) {
        ctx.addIssue({ code: 'custom', path: ['plans', name, 'coverage'], message: `no calendar named ${JSON.stringify(rule.coverage)}` });
      }
    }
    for (const severity of SEVERITIES) {
      const coverage = policy.severities[severity].coverage;
      if (coverage !== PLAN_COVERAGE && !(coverage in policy.calendars)) {
        ctx.addIssue({ code: 'custom', path: ['severities', severity, 'coverage'], message: `no calendar named ${JSON.stringify(coverage)}` });
      }
    }
    if (!(policy.defaultPlan in policy.plans)) {
      ctx.addIssue({ code: 'custom', path: ['defaultPlan'], message: `no plan named ${JSON.stringify(policy.defaultPlan)}` });
    }
  });

export type SlaPolicy = z.infer<typeof SlaPolicySchema>;

const WEEKDAYS_ONLY = (window: [string, string]): CalendarSpec['hours'] => ({
  mon: [window],
  tue: [window],
  wed: [window],
  thu: [window],
  fri: [window],
});

const same = (minutes: number): z.infer<typeof TargetsSchema> => ({ firstResponse: minutes, nextResponse: minutes, resolution: minutes });

/**
 * DESIGN §5's policy. Free and Starter share "business-hours" (Mon-Fri 09:00-17:00), Growth has "extended-hours"
 * (Mon-Fri 07:00-21:00), Enterprise and P1 "24x7"; the business calendars are in `timezone` (the support team's zone).
 * Each tier and severity target applies to all three metrics; edit per metric in settings.
 */
export function makeDefaultSlaPolicy(timezone: string): SlaPolicy {
  const allDay: [string, string][] = [['00:00', '24:00']];
  return SlaPolicySchema.parse({
    calendars: {
      '24x7': { timezone: 'UTC', hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay } },
      'business-hours': { timezone, hours: WEEKDAYS_ONLY(['09:00', '17:00']), holidays: [] },
      'extended-hours': { timezone, hours: WEEKDAYS_ONLY(['07:00', '21:00']), holidays: [] },
    },
    plans: {
      free: { coverage: 'business-hours', targets: same(48 * 60) },
      starter: { coverage: 'business-hours', targets: same(24 * 60) },
      growth: { coverage: 'extended-hours', targets: same(8 * 60) },
      enterprise: { coverage: '24x7', targets: same(60) },
    },
    defaultPlan: 'free',
    severities: {
      P1: { coverage: '24x7', targets: same(60) },
      P2: { coverage: PLAN_COVERAGE, targets: same(4 * 60) },
      P3: { coverage: PLAN_COVERAGE, targets: same(24 * 60) },
      P4: { coverage: PLAN_COVERAGE, targets: same(48 * 60) },
    },
    atRisk: { fractionOfTarget: 0.25, minutesLeft: 30 },
    upstreamTag: 'upstream',
  });
}

/** The shipped defaults, with the business calendars in UTC until the team sets its zone. */
export const DEFAULT_SLA_POLICY: SlaPolicy = makeDefaultSlaPolicy('UTC');

/** One target that applies to a ticket's metric. */
export interface ApplicableTarget {
  readonly source: 'plan' | 'severity';
  /** The plan name or the severity the target comes from. */
  readonly rule: string;
  readonly calendarName: string;
  readonly calendar: BusinessCalendar;
  readonly targetSeconds: number;
}

/** A validated policy with its calendars built once (their per-date caches are shared by every ticket). */
export class CompiledSlaPolicy {
  readonly policy: SlaPolicy;
  readonly #calendars: ReadonlyMap<string, BusinessCalendar>;

  constructor(policy: SlaPolicy) {
    this.policy = policy;
    this.#calendars = new Map(Object.entries(policy.calendars).map(([name, spec]) => [name, new BusinessCalendar(spec)]));
  }

  /** The policy plan a ticket's customer plan maps to; helpdesks send values like "Enterprise" or "growth ". */
  planFor(ticketPlan: string | null): string {
    if (ticketPlan === null) return this.policy.defaultPlan;
    if (ticketPlan in this.policy.plans) return ticketPlan;
    const normalized = ticketPlan.trim().toLowerCase();
    return normalized in this.policy.plans ? normalized : this.policy.defaultPlan;
  }

  /** The targets for a metric of a ticket on `plan` (a policy plan) at `severity` (none if it has no severity). */
  targetsFor(metric: MetricName, plan: string, severity: Severity | null): ApplicableTarget[] {
    const planRule = this.policy.plans[plan];
    if (planRule === undefined) throw new RangeError(`plan: no plan named ${JSON.stringify(plan)}`);
    const targets: ApplicableTarget[] = [];
    const add = (source: ApplicableTarget['source'], rule: string, calendarName: string, minutes: number | null): void => {
      const calendar = this.#calendars.get(calendarName);
      if (minutes !== null && calendar !== undefined) targets.push({ source, rule, calendarName, calendar, targetSeconds: minutes * 60 });
    };
    add('plan', plan, planRule.coverage, planRule.targets[metric]);
    if (severity !== null) {
      const severityRule = this.policy.severities[severity];
      const coverage = severityRule.coverage === PLAN_COVERAGE ? planRule.coverage : severityRule.coverage;
      add('severity', severity, coverage, severityRule.targets[metric]);
    }
    return targets;
  }
}

const compiled = new WeakMap<SlaPolicy, CompiledSlaPolicy>();

/** The compiled form of a validated policy, built once per policy object. */
export function compileSlaPolicy(policy: SlaPolicy): CompiledSlaPolicy {
  let result = compiled.get(policy);
  if (result === undefined) {
    result = new CompiledSlaPolicy(policy);
    compiled.set(policy, result);
  }
  return result;
}
