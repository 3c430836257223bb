// The three SLA clocks read from a ticket's event history: when each started, when it stopped, what paused it, and
// which severity and plan it is measured against. No targets here; ticket-sla.ts applies the policy.
import type { PauseReason } from '../domain/ticket-due.ts';
import type { TicketEvent } from '../domain/ticket-event.ts';
import type { Severity, TicketStatus } from '../domain/ticket.ts';
import { parseIsoInstant } from './iso-instant.ts';
import type { MetricName } from './policy.ts';
import type { EpochSeconds } from './wall-clock.ts';

export type { PauseReason };

export interface MetricPause {
  readonly from: EpochSeconds;
  /** Null while the pause is still on with no known end. */
  readonly to: EpochSeconds | null;
  readonly reason: PauseReason;
}

export interface SeverityBasis {
  readonly customer: Severity | null;
  readonly responder: Severity | null;
  /** The one the targets use: the more urgent for responses, the responder's (else the customer's) for resolution. */
  readonly used: Severity | null;
}

export interface MetricClock {
  readonly metric: MetricName;
  readonly startedAt: EpochSeconds;
  /** When the metric was met, if it was by `now`. */
  readonly stoppedAt: EpochSeconds | null;
  readonly stoppedBy: 'public_reply' | 'solved' | null;
  readonly pauses: readonly MetricPause[];
  /** As of the stop, or of `now` while running: a later change re-targets from the original start. */
  readonly severity: SeverityBasis;
  /** The customer's plan from the history (null if never given), as of the same instant. */
  readonly ticketPlan: string | null;
}

export interface TicketClocks {
  readonly firstResponse: MetricClock | null;
  /** The latest customer-message-to-reply cycle after the first response; null before there is one. */
  readonly nextResponse: MetricClock | null;
  readonly resolution: MetricClock | null;
}

interface Change<T> {
  readonly at: EpochSeconds;
  readonly value: T;
}

function valueAt<T>(changes: readonly Change<T>[], t: EpochSeconds, initial: T): T {
  let value = initial;
  for (const change of changes) {
    if (change.at > t) break;
    value = change.value;
  }
  return value;
}

const URGENCY: Record<Severity, number> = { P1: 1, P2: 2, P3: 3, P4: 4 };

function moreUrgent(a: Severity | null, b: Severity | null): Severity | null {
  if (a === null) return b;
  if (b === null) return a;
  return URGENCY[a] <= URGENCY[b] ? a : b;
}

const isSolved = (status: TicketStatus): boolean => status === 'solved' || status === 'closed';

/**
 * Reads the clocks as they stood at `now`, from the events at or before `now` (so a history can be replayed at any
 * instant). Events are ordered by `at`; equal instants keep their order in `history`; events dated before the
 * `created` event are ignored.
 */
export function readTicketClocks(history: readonly TicketEvent[], upstreamTag: string, now: EpochSeconds): TicketClocks {
  const events = history
    .map((event) => ({ event, at: parseIsoInstant(event.at) ?? Infinity }))
    .filter((e) => e.at <= now)
    .sort((a, b) => a.at - b.at);
  const createdIndex = events.findIndex((e) => e.event.type === 'created');
  const created = events[createdIndex];
  if (created === undefined || created.event.type !== 'created') return { firstResponse: null, nextResponse: null, resolution: null };
  const createdAt = created.at;

  const customerSeverity: Change<Severity | null>[] = [];
  const responderSeverity: Change<Severity | null>[] = [];
  const plan: Change<string | null>[] = [{ at: createdAt, value: created.event.plan ?? null }];
  const statuses: { at: EpochSeconds; status: TicketStatus; until: EpochSeconds | null }[] = [
    { at: createdAt, status: created.event.status ?? 'new', until: null },
  ];
  const upstream: Change<boolean>[] = [{ at: createdAt, value: (created.event.tags ?? []).includes(upstreamTag) }];
  (created.event.by === 'customer' ? customerSeverity : responderSeverity).push({ at: createdAt, value: created.event.severity });

  // Response clocks stop at a public agent reply or when the ticket is solved (nothing is left to answer).
  let firstStop: { at: EpochSeconds; by: 'public_reply' | 'solved' } | null = isSolved(created.event.status ?? 'new') ? { at: createdAt, by: 'solved' } : null;
  let waitingSince: EpochSeconds | null = null;
  let lastCycle: { start: EpochSeconds; stop: EpochSeconds | null; by: 'public_reply' | 'solved' | null } | null = null;

  for (const { event, at } of events.slice(createdIndex + 1)) {
    let answered: 'public_reply' | 'solved' | null = null;
    switch (event.type) {
      case 'customer_message':
        // Customer messages before the first response are that metric's business; after it, the oldest unanswered
        // one starts the next-response clock and later ones do not move it.
        if (firstStop !== null && waitingSince === null) waitingSince = at;
        break;
      case 'agent_reply':
        if (event.public) answered = 'public_reply';
        break;
      case 'status_change':
        statuses.push({ at, status: event.status, until: event.until === undefined ? null : (parseIsoInstant(event.until) ?? null) });
        if (isSolved(event.status)) answered = 'solved';
        break;
      case 'severity_change':
        (event.setBy === 'customer' ? customerSeverity : responderSeverity).push({ at, value: event.severity });
        break;
      case 'plan_change':
        plan.push({ at, value: event.plan });
        break;
      case 'tags_change':
        upstream.push({ at, value: event.tags.includes(upstreamTag) });
        break;
      case 'created':
      case 'internal_note':
      case 'automated_message':
        break;
    }
    if (answered === null) continue;
    if (firstStop === null) firstStop = { at, by: answered };
    else if (waitingSince !== null) {
      lastCycle = { start: waitingSince, stop: at, by: answered };
      waitingSince = null;
    }
  }
  if (waitingSince !== null) lastCycle = { start: waitingSince, stop: null, by: null };

  const severityFor = (metric: MetricName, t: EpochSeconds): SeverityBasis => {
    const customer = valueAt(customerSeverity, t, null);
    const responder = valueAt(responderSeverity, t, null);
    const used = metric === 'resolution' ? (responder ?? customer) : moreUrgent(customer, responder);
    return { customer, responder, used };
  };
  const clock = (
    metric: MetricName,
    startedAt: EpochSeconds,
    stop: { at: EpochSeconds; by: 'public_reply' | 'solved' | null } | null,
    pauses: readonly MetricPause[],
  ): MetricClock => {
    const asOf = stop?.at ?? now;
    return {
      metric,
      startedAt,
      stoppedAt: stop?.at ?? null,
      stoppedBy: stop?.by ?? null,
      pauses,
      severity: severityFor(metric, asOf),
      ticketPlan: valueAt(plan, asOf, null),
    };
  };

  const resolution = resolutionClock(statuses, upstream);
  return {
    firstResponse: clock('firstResponse', createdAt, firstStop, []),
    nextResponse: lastCycle === null ? null : clock('nextResponse', lastCycle.start, lastCycle.stop === null ? null : { at: lastCycle.stop, by: lastCycle.by }, []),
    resolution: clock('resolution', createdAt, resolution.stop === null ? null : { at: resolution.stop, by: 'solved' }, resolution.pauses),
  };
}

// Resolution runs from creation to the final solve. It pauses while pending or on hold (until a snooze's end, if
// given), while the upstream tag is on, and between a solve and a reopen.
function resolutionClock(
  statuses: readonly { at: EpochSeconds; status: TicketStatus; until: EpochSeconds | null }[],
  upstream: readonly Change<boolean>[],
): { stop: EpochSeconds | null; pauses: MetricPause[] } {
  let stop: EpochSeconds | null = null;
  for (const { at, status } of statuses) {
    if (!isSolved(status)) stop = null;
    else if (stop === null) stop = at;
  }
  const pauses: MetricPause[] = [];
  // Once solved, pauses end at the solve. While running, a snooze's known end stays even if it is after `now`.
  const add = (from: EpochSeconds, to: EpochSeconds | null, reason: PauseReason): void => {
    const clippedTo = stop === null ? to : Math.min(to ?? stop, stop);
    if (from < (stop ?? Infinity) && (clippedTo === null || clippedTo > from)) pauses.push({ from, to: clippedTo, reason });
  };
  statuses.forEach(({ at, status, until }, i) => {
    const next = statuses[i + 1]?.at ?? null;
    if (status === 'pending' || status === 'hold') {
      const to = until === null ? next : next === null ? until : Math.min(next, until);
      add(at, to, status);
    } else if ((status === 'solved' || status === 'closed') && next !== null) {
      add(at, next, status);
    }
  });
  let taggedSince: EpochSeconds | null = null;
  for (const { at, value } of upstream) {
    if (value && taggedSince === null) taggedSince = at;
    if (!value && taggedSince !== null) {
      add(taggedSince, at, 'upstream');
      taggedSince = null;
    }
  }
  if (taggedSince !== null) add(taggedSince, null, 'upstream');
  pauses.sort((a, b) => a.from - b.from);
  return { stop, pauses };
}
