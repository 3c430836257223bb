// The three metrics read from event histories, against the default policy with business calendars in Berlin.
// Week of Mon 2024-03-04 (Berlin is UTC+1): business-hours are 08:00-16:00Z, extended-hours 06:00-20:00Z.
import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../../shared/domain/ticket-event.ts';
import { evaluateTicketSla, makeDefaultSlaPolicy, parseIsoInstant, SlaPolicySchema, type MetricEvaluation } from '../../../shared/sla/index.ts';

const policy = makeDefaultSlaPolicy('Europe/Berlin');

const t = (iso: string): number => parseIsoInstant(iso) ?? Number.NaN;
const utc = (s: number | null): string | null => (s === null ? null : new Date(s * 1000).toISOString().replace('.000Z', 'Z'));

function created(at: string, severity: 'P1' | 'P2' | 'P3' | 'P4' | null, plan?: string, extra: Partial<Extract<TicketEvent, { type: 'created' }>> = {}): TicketEvent {
  return { type: 'created', at, by: 'customer', severity, ...(plan === undefined ? {} : { plan }), ...extra };
}
const reply = (at: string): TicketEvent => ({ type: 'agent_reply', at, public: true });
const customer = (at: string): TicketEvent => ({ type: 'customer_message', at });
const status = (at: string, s: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed', until?: string): TicketEvent =>
  until === undefined ? { type: 'status_change', at, status: s } : { type: 'status_change', at, status: s, until };

function evaluate(history: TicketEvent[], now: string) {
  return evaluateTicketSla(history, policy, t(now));
}

function must(metric: MetricEvaluation | null): MetricEvaluation {
  if (metric === null) throw new Error('expected the metric to be evaluated');
  return metric;
}

describe('first response', () => {
  const history: TicketEvent[] = [
    created('2024-03-04T08:00:00Z', 'P3', 'growth'),
    { type: 'automated_message', at: '2024-03-04T08:01:00Z' },
    { type: 'internal_note', at: '2024-03-04T09:00:00Z' },
    { type: 'agent_reply', at: '2024-03-04T10:00:00Z', public: false },
    reply('2024-03-04T15:00:00Z'),
  ];

  it('keeps running through internal notes, automated messages and private comments', () => {
    const first = must(evaluate(history, '2024-03-04T12:00:00Z').firstResponse);
    // Growth 8 h on extended hours (09:00-17:00 Berlin) beats P3's 24 h (Tue 19:00 Berlin).
    expect(first.targets.map((x) => [x.source, x.rule, x.calendarName, x.targetSeconds, utc(x.dueAt)])).toEqual([
      ['plan', 'growth', 'extended-hours', 8 * 3600, '2024-03-04T16:00:00Z'],
      ['severity', 'P3', 'extended-hours', 24 * 3600, '2024-03-05T18:00:00Z'],
    ]);
    expect(first.governing).toBe(0);
    expect(utc(first.dueAt)).toBe('2024-03-04T16:00:00Z');
    expect(first.state).toEqual({ kind: 'running', countdownSeconds: 4 * 3600 });
    expect(first.elapsedSeconds).toBe(4 * 3600);
  });

  it('is at risk with a quarter of the target left', () => {
    expect(must(evaluate(history, '2024-03-04T14:30:00Z').firstResponse).state).toEqual({ kind: 'at_risk', countdownSeconds: 5400 });
  });

  it('is achieved by the public reply', () => {
    const first = must(evaluate(history, '2024-03-04T15:30:00Z').firstResponse);
    expect(first.stoppedBy).toBe('public_reply');
    expect(first.state).toEqual({ kind: 'achieved', at: t('2024-03-04T15:00:00Z'), spareSeconds: 3600 });
  });

  it('ignores events after now, and accepts the history in any order', () => {
    const first = must(evaluate([...history].reverse(), '2024-03-04T12:00:00Z').firstResponse);
    expect(first.stoppedAt).toBeNull();
    expect(first.state.kind).toBe('running');
  });

  it('keeps the verdict when severity changes after it was met', () => {
    const later: TicketEvent[] = [
      created('2024-03-04T08:00:00Z', 'P4', 'free'),
      reply('2024-03-05T08:00:00Z'),
      { type: 'severity_change', at: '2024-03-05T09:00:00Z', severity: 'P1', setBy: 'customer' },
    ];
    const first = must(evaluate(later, '2024-03-05T10:00:00Z').firstResponse);
    expect(first.severity.used).toBe('P4');
    expect(first.state.kind).toBe('achieved');
  });

  it('re-targets from the original start when the plan changes: breached at once', () => {
    const upgraded: TicketEvent[] = [created('2024-03-04T08:00:00Z', 'P4', 'free'), { type: 'plan_change', at: '2024-03-04T12:00:00Z', plan: 'enterprise' }];
    const first = must(evaluate(upgraded, '2024-03-04T12:30:00Z').firstResponse);
    expect(first.plan).toEqual({ ticket: 'enterprise', applied: 'enterprise' });
    expect(utc(first.dueAt)).toBe('2024-03-04T09:00:00Z');
    expect(first.state).toEqual({ kind: 'breached', breachedForSeconds: 12_600, countdownSeconds: -12_600 });
  });

  it('uses the plan alone when the ticket has no severity, and the default plan when the plan is unknown', () => {
    const first = must(evaluate([created('2024-03-04T08:00:00Z', null, 'platinum')], '2024-03-04T09:00:00Z').firstResponse);
    expect(first.plan).toEqual({ ticket: 'platinum', applied: 'free' });
    expect(first.targets.map((x) => x.source)).toEqual(['plan']);
    // Free: 48 business hours = six 8-hour days from Mon 09:00 Berlin: due the next Monday 17:00, i.e. Tue 09:00.
    expect(utc(first.dueAt)).toBe('2024-03-12T08:00:00Z');
  });

  it('the stricter target is the earliest due, not the smallest number', () => {
    const custom = SlaPolicySchema.parse({
      ...policy,
      plans: { ...policy.plans, free: { coverage: 'business-hours', targets: { firstResponse: 60, nextResponse: 60, resolution: 60 } } },
      severities: { ...policy.severities, P4: { coverage: '24x7', targets: { firstResponse: 120, nextResponse: 120, resolution: 120 } } },
    });
    // Friday 18:00 Berlin: the plan's 60 business minutes end Monday 10:00 Berlin, P4's 120 minutes Friday 19:00 UTC.
    const first = must(evaluateTicketSla([created('2024-03-08T17:00:00Z', 'P4', 'free')], custom, t('2024-03-08T17:30:00Z')).firstResponse);
    expect(first.targets.map((x) => utc(x.dueAt))).toEqual(['2024-03-11T09:00:00Z', '2024-03-08T19:00:00Z']);
    expect(first.governing).toBe(1);
  });
});

describe('severity disputes', () => {
  it('responses use the more urgent severity; resolution the responder’s', () => {
    const history: TicketEvent[] = [
      created('2024-03-04T08:00:00Z', 'P1', 'growth'),
      { type: 'severity_change', at: '2024-03-04T08:10:00Z', severity: 'P3', setBy: 'responder', note: 'one customer, workaround given' },
    ];
    const sla = evaluate(history, '2024-03-04T08:30:00Z');
    const first = must(sla.firstResponse);
    expect(first.severity).toEqual({ customer: 'P1', responder: 'P3', used: 'P1' });
    expect(utc(first.dueAt)).toBe('2024-03-04T09:00:00Z');
    expect(first.state).toEqual({ kind: 'at_risk', countdownSeconds: 1800 });
    const resolution = must(sla.resolution);
    expect(resolution.severity.used).toBe('P3');
    expect(utc(resolution.dueAt)).toBe('2024-03-04T16:00:00Z');
  });

  it('a responder upgrade tightens both', () => {
    const history: TicketEvent[] = [created('2024-03-04T08:00:00Z', 'P4', 'growth'), { type: 'severity_change', at: '2024-03-04T08:10:00Z', severity: 'P2', setBy: 'responder' }];
    const sla = evaluate(history, '2024-03-04T08:30:00Z');
    expect(utc(must(sla.firstResponse).dueAt)).toBe('2024-03-04T12:00:00Z');
    expect(utc(must(sla.resolution).dueAt)).toBe('2024-03-04T12:00:00Z');
  });

  it('a ticket an agent opened carries the responder’s severity', () => {
    const sla = evaluate([created('2024-03-04T08:00:00Z', 'P2', 'growth', { by: 'agent' })], '2024-03-04T08:30:00Z');
    expect(must(sla.firstResponse).severity).toEqual({ customer: null, responder: 'P2', used: 'P2' });
  });

  it('resolution follows the customer’s severity while no responder has set one', () => {
    const resolution = must(evaluate([created('2024-03-04T08:00:00Z', 'P2', 'growth')], '2024-03-04T08:30:00Z').resolution);
    expect(resolution.severity).toEqual({ customer: 'P2', responder: null, used: 'P2' });
  });
});

describe('next response', () => {
  const base: TicketEvent[] = [created('2024-03-04T08:00:00Z', 'P2', 'free'), reply('2024-03-04T08:30:00Z')];

  it('has no clock before a customer follow-up, and messages before the first reply do not start one', () => {
    const history = [base[0] as TicketEvent, customer('2024-03-04T08:10:00Z'), base[1] as TicketEvent];
    expect(evaluate(history, '2024-03-04T09:00:00Z').nextResponse).toBeNull();
  });

  it('runs from the oldest unanswered customer message; notes and automated messages do not answer', () => {
    const history: TicketEvent[] = [
      ...base,
      customer('2024-03-04T10:00:00Z'),
      customer('2024-03-04T11:00:00Z'),
      { type: 'internal_note', at: '2024-03-04T12:00:00Z' },
      { type: 'automated_message', at: '2024-03-04T12:30:00Z' },
      reply('2024-03-04T15:30:00Z'),
    ];
    const running = must(evaluate(history, '2024-03-04T13:00:00Z').nextResponse);
    expect(utc(running.startedAt)).toBe('2024-03-04T10:00:00Z');
    // P2: 4 business hours from 11:00 Berlin is 15:00 Berlin; exactly 25 % left is at risk.
    expect(utc(running.dueAt)).toBe('2024-03-04T14:00:00Z');
    expect(running.state).toEqual({ kind: 'at_risk', countdownSeconds: 3600 });
    expect(must(evaluate(history, '2024-03-04T16:00:00Z').nextResponse).state).toEqual({ kind: 'missed', at: t('2024-03-04T15:30:00Z'), lateBySeconds: 5400 });
  });

  it('counts down in calendar time over a weekend', () => {
    const history: TicketEvent[] = [...base, customer('2024-03-08T15:00:00Z')];
    const next = must(evaluate(history, '2024-03-09T12:00:00Z').nextResponse);
    expect(utc(next.dueAt)).toBe('2024-03-11T11:00:00Z');
    expect(next.state).toEqual({ kind: 'running', countdownSeconds: 47 * 3600 });
  });

  it('solving the ticket ends it', () => {
    const history: TicketEvent[] = [...base, customer('2024-03-04T10:00:00Z'), status('2024-03-04T11:00:00Z', 'solved')];
    const next = must(evaluate(history, '2024-03-04T12:00:00Z').nextResponse);
    expect(next.stoppedBy).toBe('solved');
    expect(next.state.kind).toBe('achieved');
  });

  it('is not paused by pending', () => {
    const history: TicketEvent[] = [...base, customer('2024-03-04T10:00:00Z'), status('2024-03-04T10:05:00Z', 'pending')];
    expect(must(evaluate(history, '2024-03-04T11:00:00Z').nextResponse).state.kind).toBe('running');
  });
});

describe('resolution', () => {
  // Starter: 24 business hours on business-hours (P4's 48 h is later).
  const pendingMonToTue: TicketEvent[] = [
    created('2024-03-04T08:00:00Z', 'P4', 'starter'),
    status('2024-03-04T08:05:00Z', 'open'),
    status('2024-03-04T10:00:00Z', 'pending'),
    status('2024-03-05T10:00:00Z', 'open'),
  ];

  it('pauses while pending, with no known resume, and says where due would land if it resumed now', () => {
    const sla = evaluate(pendingMonToTue, '2024-03-04T12:00:00Z');
    const resolution = must(sla.resolution);
    expect(resolution.state).toEqual({ kind: 'paused', reasons: ['pending'], since: t('2024-03-04T10:00:00Z'), resumesAt: null, countdownSeconds: null });
    expect(resolution.dueAt).toBeNull();
    expect(resolution.elapsedSeconds).toBe(2 * 3600);
    expect(utc(resolution.targets[0]?.dueIfResumedNow ?? null)).toBe('2024-03-07T10:00:00Z');
    expect(resolution.pauses).toEqual([{ from: t('2024-03-04T10:00:00Z'), to: null, reason: 'pending' }]);
    // Response clocks do not pause: 24 business hours from Mon 09:00 Berlin end Wed 17:00, so due Thu 09:00.
    expect(must(sla.firstResponse).state.kind).toBe('running');
    expect(utc(must(sla.firstResponse).dueAt)).toBe('2024-03-07T08:00:00Z');
  });

  it('resumes when the status changes; a target used up at Thursday close is due Friday opening', () => {
    const resolution = must(evaluate(pendingMonToTue, '2024-03-05T12:00:00Z').resolution);
    expect(resolution.pauses).toEqual([{ from: t('2024-03-04T10:00:00Z'), to: t('2024-03-05T10:00:00Z'), reason: 'pending' }]);
    expect(utc(resolution.dueAt)).toBe('2024-03-08T08:00:00Z');
    expect(resolution.state.kind).toBe('running');
  });

  it('pauses while the upstream tag is on, but response clocks do not', () => {
    const history: TicketEvent[] = [
      ...pendingMonToTue,
      { type: 'tags_change', at: '2024-03-05T12:00:00Z', tags: ['billing', 'upstream'] },
      { type: 'tags_change', at: '2024-03-06T12:00:00Z', tags: ['billing'] },
    ];
    const during = evaluate(history, '2024-03-05T13:00:00Z');
    expect(must(during.resolution).state).toMatchObject({ kind: 'paused', reasons: ['upstream'], resumesAt: null });
    expect(must(during.firstResponse).state.kind).toBe('running');
    // The 24 h upstream pause costs Tue 13-17 and Wed 09-13 Berlin: 8 more business hours, so Fri 17:00, so Mon 09:00.
    expect(utc(must(evaluate(history, '2024-03-06T13:00:00Z').resolution).dueAt)).toBe('2024-03-11T08:00:00Z');
  });

  it('a snoozed hold resumes at its end, known in advance, even without a status event', () => {
    const history: TicketEvent[] = [created('2024-03-04T08:00:00Z', 'P4', 'starter'), status('2024-03-04T10:00:00Z', 'hold', '2024-03-04T14:00:00Z')];
    const held = must(evaluate(history, '2024-03-04T12:00:00Z').resolution);
    // 2 h used, resumes 15:00 Berlin: Mon 2 h, Tue 8, Wed 8, Thu 09-13.
    expect(utc(held.dueAt)).toBe('2024-03-07T12:00:00Z');
    expect(held.state).toEqual({ kind: 'paused', reasons: ['hold'], since: t('2024-03-04T10:00:00Z'), resumesAt: t('2024-03-04T14:00:00Z'), countdownSeconds: 72 * 3600 });
    expect(must(evaluate(history, '2024-03-04T15:00:00Z').resolution).state.kind).toBe('running');
  });

  it('a ticket created pending starts paused', () => {
    const resolution = must(evaluate([created('2024-03-04T08:00:00Z', 'P4', 'starter', { status: 'pending' })], '2024-03-04T09:00:00Z').resolution);
    expect(resolution.state).toMatchObject({ kind: 'paused', since: t('2024-03-04T08:00:00Z') });
  });

  it('a ticket created with the upstream tag starts paused', () => {
    const resolution = must(evaluate([created('2024-03-04T08:00:00Z', 'P4', 'starter', { tags: ['upstream'] })], '2024-03-04T09:00:00Z').resolution);
    expect(resolution.state).toMatchObject({ kind: 'paused', reasons: ['upstream'] });
  });

  it('a breach stands when the ticket is paused afterwards', () => {
    const history: TicketEvent[] = [created('2024-03-04T08:00:00Z', 'P1', 'enterprise'), status('2024-03-04T10:00:00Z', 'pending')];
    expect(must(evaluate(history, '2024-03-04T11:00:00Z').resolution).state).toEqual({ kind: 'breached', breachedForSeconds: 7200, countdownSeconds: -7200 });
  });

  it('re-targets from the original start on a severity change and keeps past pauses', () => {
    const history: TicketEvent[] = [...pendingMonToTue, { type: 'severity_change', at: '2024-03-05T12:00:00Z', severity: 'P2', setBy: 'responder', note: 'blocks checkout' }];
    const resolution = must(evaluate(history, '2024-03-05T12:30:00Z').resolution);
    // P2: 4 business hours: Mon 09-11 Berlin, paused to Tue 11:00, then 2 h: Tue 13:00 Berlin.
    expect(utc(resolution.dueAt)).toBe('2024-03-05T12:00:00Z');
    expect(resolution.state).toEqual({ kind: 'breached', breachedForSeconds: 1800, countdownSeconds: -1800 });
  });

  describe('solve and reopen', () => {
    const history: TicketEvent[] = [
      created('2024-03-04T08:00:00Z', 'P4', 'starter'),
      status('2024-03-05T10:00:00Z', 'solved'),
      customer('2024-03-06T10:00:00Z'),
      status('2024-03-06T10:00:00Z', 'open'),
    ];

    it('is achieved while solved', () => {
      const resolution = must(evaluate(history, '2024-03-05T12:00:00Z').resolution);
      expect(utc(resolution.dueAt)).toBe('2024-03-07T08:00:00Z');
      expect(resolution.state).toEqual({ kind: 'achieved', at: t('2024-03-05T10:00:00Z'), spareSeconds: 46 * 3600 });
    });

    it('continues after a reopen with the solved time as a pause', () => {
      const sla = evaluate(history, '2024-03-06T12:00:00Z');
      const resolution = must(sla.resolution);
      expect(resolution.pauses).toEqual([{ from: t('2024-03-05T10:00:00Z'), to: t('2024-03-06T10:00:00Z'), reason: 'solved' }]);
      expect(utc(resolution.dueAt)).toBe('2024-03-08T08:00:00Z');
      expect(resolution.state.kind).toBe('running');
      // The solve answered the first response; the reopening message starts a next-response clock.
      expect(must(sla.firstResponse).stoppedBy).toBe('solved');
      expect(utc(must(sla.nextResponse).startedAt)).toBe('2024-03-06T10:00:00Z');
    });
  });
});

describe('a ticket before its creation', () => {
  it('has no metrics', () => {
    expect(evaluate([created('2024-03-04T08:00:00Z', 'P1', 'growth')], '2024-03-04T07:00:00Z')).toMatchObject({ firstResponse: null, nextResponse: null, resolution: null });
  });
});
