// The queue's due: which metric is due next, and its state second by second from the stored numbers alone.
import { describe, expect, it } from 'vitest';
import type { TicketDue } from '../../../shared/domain/ticket-due.ts';
import type { TicketEvent } from '../../../shared/domain/ticket-event.ts';
import {
  completeHistory,
  customerSeverityOf,
  dueStateAt,
  evaluateTicketSla,
  makeDefaultSlaPolicy,
  nextDueOf,
  parseIsoInstant,
} from '../../../shared/sla/index.ts';

const policy = makeDefaultSlaPolicy('Europe/Berlin');
const t = (iso: string): number => parseIsoInstant(iso) ?? Number.NaN;

describe('the next due', () => {
  it('is the earliest running metric: an unanswered P1 is due an hour after creation on 24x7', () => {
    const history: TicketEvent[] = [{ type: 'created', at: '2024-03-09T10:00:00Z', by: 'customer', severity: 'P1', plan: 'free' }];
    const due = nextDueOf(evaluateTicketSla(history, policy, t('2024-03-09T10:10:00Z')), policy);
    expect(due).toEqual({ metric: 'firstResponse', dueAt: t('2024-03-09T11:00:00Z'), targetSeconds: 3600, riskWindowSeconds: 1800, pause: null });
  });

  it('moves to resolution once the first response is given, and to next response when the customer writes again', () => {
    const base: TicketEvent[] = [
      { type: 'created', at: '2024-03-04T09:00:00Z', by: 'customer', severity: 'P2', plan: 'growth' },
      { type: 'agent_reply', at: '2024-03-04T09:30:00Z', public: true },
    ];
    const afterReply = nextDueOf(evaluateTicketSla(base, policy, t('2024-03-04T10:00:00Z')), policy);
    // Growth's extended hours are 07:00-21:00 Berlin (06:00-20:00Z); P2 gives 4 business hours from 09:00Z.
    expect(afterReply?.metric).toBe('resolution');
    expect(afterReply?.dueAt).toBe(t('2024-03-04T13:00:00Z'));
    const followUp = [...base, { type: 'customer_message', at: '2024-03-04T10:30:00Z' } as const];
    const next = nextDueOf(evaluateTicketSla(followUp, policy, t('2024-03-04T10:40:00Z')), policy);
    expect(next?.metric).toBe('resolution');
    const lateFollowUp = [...base, { type: 'customer_message', at: '2024-03-04T12:30:00Z' } as const];
    // The follow-up's 4 hours end 16:30Z, after resolution's 13:00Z: resolution stays next.
    expect(nextDueOf(evaluateTicketSla(lateFollowUp, policy, t('2024-03-04T12:40:00Z')), policy)?.metric).toBe('resolution');
  });

  it('is held with its reason while pending with no end, and null once solved', () => {
    const history: TicketEvent[] = [
      { type: 'created', at: '2024-03-04T09:00:00Z', by: 'customer', severity: 'P3', plan: 'starter' },
      { type: 'agent_reply', at: '2024-03-04T09:10:00Z', public: true },
      { type: 'status_change', at: '2024-03-04T09:10:00Z', status: 'pending' },
    ];
    const due = nextDueOf(evaluateTicketSla(history, policy, t('2024-03-04T11:00:00Z')), policy);
    expect(due).toMatchObject({ metric: 'resolution', dueAt: null, pause: { reasons: ['pending'], since: t('2024-03-04T09:10:00Z'), resumesAt: null } });
    const solved = [...history, { type: 'status_change', at: '2024-03-04T12:00:00Z', status: 'solved' } as const];
    expect(nextDueOf(evaluateTicketSla(solved, policy, t('2024-03-04T12:00:01Z')), policy)).toBeNull();
  });
});

describe('the state of a due, second by second', () => {
  const due: TicketDue = { metric: 'firstResponse', dueAt: t('2024-03-09T11:00:00Z'), targetSeconds: 3600, riskWindowSeconds: 1800, pause: null };

  it('runs, turns at risk exactly when the risk window starts, and is breached one second after due', () => {
    expect(dueStateAt(due, t('2024-03-09T10:29:59Z'))).toEqual({ kind: 'running', countdownSeconds: 1801 });
    expect(dueStateAt(due, t('2024-03-09T10:30:00Z'))).toEqual({ kind: 'at_risk', countdownSeconds: 1800 });
    expect(dueStateAt(due, t('2024-03-09T11:00:00Z'))).toEqual({ kind: 'at_risk', countdownSeconds: 0 });
    expect(dueStateAt(due, t('2024-03-09T11:00:01Z'))).toEqual({ kind: 'breached', breachedForSeconds: 1, countdownSeconds: -1 });
  });

  it('stays paused until a known resume time, then counts down again', () => {
    const snoozed: TicketDue = { ...due, pause: { reasons: ['pending'], since: t('2024-03-09T10:00:00Z'), resumesAt: t('2024-03-09T10:20:00Z') } };
    expect(dueStateAt(snoozed, t('2024-03-09T10:19:59Z'))).toMatchObject({ kind: 'paused', reasons: ['pending'], countdownSeconds: 2401 });
    expect(dueStateAt(snoozed, t('2024-03-09T10:20:00Z'))).toEqual({ kind: 'running', countdownSeconds: 2400 });
  });

  it('shows an open-ended pause without a countdown', () => {
    const held: TicketDue = { ...due, dueAt: null, pause: { reasons: ['upstream'], since: t('2024-03-09T10:00:00Z'), resumesAt: null } };
    expect(dueStateAt(held, t('2024-03-10T10:00:00Z'))).toMatchObject({ kind: 'paused', countdownSeconds: null, resumesAt: null });
  });
});

describe('a history completed from the ticket', () => {
  const snapshot = { createdAt: '2024-03-04T09:00:00Z', updatedAt: '2024-03-04T10:00:00Z', status: 'pending' as const, severity: 'P2' as const, tags: ['api'], plan: 'growth' };

  it('stands for a ticket synced without history: filed by the customer, in its status since its last update', () => {
    expect(completeHistory(snapshot, [])).toEqual([
      { type: 'created', at: '2024-03-04T09:00:00Z', by: 'customer', severity: 'P2', status: 'new', tags: ['api'], plan: 'growth' },
      { type: 'status_change', at: '2024-03-04T10:00:00Z', status: 'pending' },
    ]);
  });

  it("keeps a reported history as it is, adding only the organization's plan when the history has none", () => {
    const reported: TicketEvent[] = [
      { type: 'created', at: '2024-03-04T09:00:00Z', by: 'customer', severity: 'P1' },
      { type: 'status_change', at: '2024-03-04T09:05:00Z', status: 'open' },
    ];
    expect(completeHistory(snapshot, reported)).toEqual([{ ...reported[0], plan: 'growth' }, reported[1]]);
    const withPlan: TicketEvent[] = [{ ...reported[0]!, plan: 'starter' } as TicketEvent];
    expect(completeHistory(snapshot, withPlan)).toEqual(withPlan);
  });

  it("reads the customer's own severity, which a responder's change does not replace", () => {
    const history: TicketEvent[] = [
      { type: 'created', at: '2024-03-04T09:00:00Z', by: 'customer', severity: 'P1' },
      { type: 'severity_change', at: '2024-03-04T09:10:00Z', severity: 'P3', setBy: 'responder', note: 'one endpoint, workaround given' },
    ];
    expect(customerSeverityOf(history)).toBe('P1');
    expect(customerSeverityOf([...history, { type: 'severity_change', at: '2024-03-04T09:20:00Z', severity: 'P2', setBy: 'customer' }])).toBe('P2');
  });
});
