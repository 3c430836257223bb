import { describeZodError } from '../../../shared/validation/describe-zod-error.ts';
// The policy settings object: defaults from DESIGN §5, validation naming the bad field, and target lookup.
import { describe, expect, it } from 'vitest';
import { compileSlaPolicy, DEFAULT_SLA_POLICY, makeDefaultSlaPolicy, SlaPolicySchema } from '../../../shared/sla/index.ts';

const policy = makeDefaultSlaPolicy('America/New_York');

function errorOf(input: unknown): string {
  const result = SlaPolicySchema.safeParse(input);
  if (result.success) throw new Error('expected the policy to be rejected');
  return describeZodError(result.error);
}

describe('default policy', () => {
  it('has DESIGN §5 tiers and severities, editable and valid', () => {
    expect(SlaPolicySchema.parse(JSON.parse(JSON.stringify(DEFAULT_SLA_POLICY)))).toEqual(DEFAULT_SLA_POLICY);
    expect(Object.fromEntries(Object.entries(policy.plans).map(([name, plan]) => [name, [plan.coverage, plan.targets.firstResponse]]))).toEqual({
      free: ['business-hours', 48 * 60],
      starter: ['business-hours', 24 * 60],
      growth: ['extended-hours', 8 * 60],
      enterprise: ['24x7', 60],
    });
    expect(Object.fromEntries(Object.entries(policy.severities).map(([name, rule]) => [name, [rule.coverage, rule.targets.firstResponse]]))).toEqual({
      P1: ['24x7', 60],
      P2: ['plan', 4 * 60],
      P3: ['plan', 24 * 60],
      P4: ['plan', 48 * 60],
    });
    expect(policy.calendars['extended-hours']).toMatchObject({ timezone: 'America/New_York', hours: { mon: [['07:00', '21:00']] } });
    expect(policy.calendars['extended-hours']?.hours.sat).toBeUndefined();
    expect(policy.atRisk).toEqual({ fractionOfTarget: 0.25, minutesLeft: 30 });
    expect(policy.upstreamTag).toBe('upstream');
  });

  it('maps severities onto the plan’s coverage, P1 onto 24/7', () => {
    const compiled = compileSlaPolicy(policy);
    const summary = (plan: string, severity: 'P1' | 'P2' | null) =>
      compiled.targetsFor('firstResponse', plan, severity).map((t) => `${t.source}:${t.rule}:${t.calendarName}:${t.targetSeconds}`);
    expect(summary('growth', 'P2')).toEqual(['plan:growth:extended-hours:28800', 'severity:P2:extended-hours:14400']);
    expect(summary('starter', 'P1')).toEqual(['plan:starter:business-hours:86400', 'severity:P1:24x7:3600']);
    expect(summary('enterprise', null)).toEqual(['plan:enterprise:24x7:3600']);
    expect(compiled.planFor('growth')).toBe('growth');
    expect(compiled.planFor(' Enterprise ')).toBe('enterprise');
    expect(compiled.planFor('unknown')).toBe('free');
    expect(compiled.planFor(null)).toBe('free');
  });

  it('skips a metric a rule sets no target for', () => {
    const edited = SlaPolicySchema.parse({ ...policy, plans: { ...policy.plans, free: { coverage: 'business-hours', targets: { firstResponse: 60, nextResponse: 60, resolution: null } } } });
    expect(compileSlaPolicy(edited).targetsFor('resolution', 'free', null)).toEqual([]);
  });
});

describe('policy validation', () => {
  it.each([
    ['a plan on a missing calendar', { ...policy, plans: { ...policy.plans, free: { ...policy.plans['free'], coverage: 'weekends' } } }, 'plans.free.coverage: no calendar named "weekends"'],
    ['a severity on a missing calendar', { ...policy, severities: { ...policy.severities, P1: { ...policy.severities.P1, coverage: 'nights' } } }, 'severities.P1.coverage: no calendar named "nights"'],
    ['an unknown default plan', { ...policy, defaultPlan: 'basic' }, 'defaultPlan: no plan named "basic"'],
    ['a calendar named "plan"', { ...policy, calendars: { ...policy.calendars, plan: policy.calendars['24x7'] } }, 'calendars.plan: "plan" is reserved for severity coverage'],
    ['a bad window inside a calendar', { ...policy, calendars: { ...policy.calendars, 'business-hours': { timezone: 'Europe/Berlin', hours: { mon: [['9:00', '17:00']] } } } }, 'calendars.business-hours.hours.mon[0][0]: "9:00" is not a time HH:MM (00:00-24:00)'],
    ['a negative target', { ...policy, plans: { ...policy.plans, growth: { coverage: 'extended-hours', targets: { firstResponse: -1, nextResponse: 60, resolution: 60 } } } }, 'plans.growth.targets.firstResponse: Too small: expected number to be >=0'],
    ['an at-risk share above 1', { ...policy, atRisk: { fractionOfTarget: 2, minutesLeft: 30 } }, 'atRisk.fractionOfTarget: Too big: expected number to be <=1'],
  ])('rejects %s', (_case, input, message) => {
    expect(errorOf(input)).toBe(message);
  });
});
