// `triage-desk sla explain --data-dir DIR --ticket ACCOUNT:ID`: the answer to "why is this due then". Each metric's
// start, pauses, severity and plan, every applicable target with its calendar and due, which one governs, and the
// state, computed by the same engine and policy that produced the queue's dues.
import { parseArgs } from 'node:util';
import {
  DEFAULT_SLA_POLICY,
  parseIsoInstant,
  SlaPolicySchema,
  WallClock,
  type CalendarSpec,
  type MetricEvaluation,
  type MetricState,
  type SlaPolicy,
  type TicketSla,
} from '../../../shared/sla/index.ts';
import { evaluateStoredTicket } from '../../core/sla/ticket-dues.ts';
import { TicketStore, type TicketForSla } from '../../core/store/ticket-store.ts';
import { type CliIo, writeLine } from '../cli-io.ts';
import { withStoredData } from '../stored-data.ts';
import { parseTicketArgument } from '../ticket-argument.ts';
import { UsageError } from '../usage.ts';

const METRIC_TITLES: Record<MetricEvaluation['metric'], string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
};

export async function runSlaExplainCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, ticket: { type: 'string' }, at: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new UsageError('sla explain: --data-dir DIR is required');
  const key = parseTicketArgument('sla explain', values.ticket);
  const at = values.at === undefined ? new Date() : new Date((parseIsoInstant(values.at) ?? NaN) * 1000);
  if (Number.isNaN(at.getTime())) throw new UsageError(`sla explain: --at must be an ISO 8601 instant with an offset (got ${JSON.stringify(values.at)})`);

  return withStoredData('sla explain', dataDir, io, (db, file) => {
    const store = new TicketStore(db);
    const ticket = store.ticketForSla(key);
    if (ticket === null) {
      writeLine(io.stderr, `triage-desk sla explain: no ticket ${key.accountId}:${key.sourceId} in ${file}`);
      return 1;
    }
    const stored = SlaPolicySchema.safeParse(store.storedSlaPolicy());
    const policy = stored.success ? stored.data : DEFAULT_SLA_POLICY;
    const sla = evaluateStoredTicket(ticket, policy, at);
    if (values.json) writeLine(io.stdout, JSON.stringify(explanationJson(ticket, sla), null, 2));
    else for (const line of explanationLines(ticket, sla, policy, stored.success)) writeLine(io.stdout, line);
    return 0;
  });
}

function explanationLines(ticket: TicketForSla, sla: TicketSla, policy: SlaPolicy, storedPolicy: boolean): string[] {
  const utc = (t: number): string => new Date(t * 1000).toISOString().replace(/\.000Z$/, 'Z');
  const lines = [
    `Ticket ${ticket.key.accountId}:${ticket.key.sourceId}: ${ticket.status}, severity ${ticket.severity ?? 'none'}, plan ${ticket.plan ?? 'unknown'}` +
      `, ${ticket.events.length} history events${ticket.deleted ? ' (deleted)' : ''}`,
    `At ${utc(sla.at)}, with ${storedPolicy ? 'the SLA policy the queue used' : "the default SLA policy (none stored yet)"}; at risk within ` +
      `${Math.round(policy.atRisk.fractionOfTarget * 100)} % of the target or ${policy.atRisk.minutesLeft} min of due.`,
  ];
  for (const metric of [sla.firstResponse, sla.nextResponse, sla.resolution]) {
    if (metric === null) continue;
    const governing = metric.targets[metric.governing];
    const local = new WallClock(governing?.calendar.timezone ?? 'UTC');
    lines.push('', `${METRIC_TITLES[metric.metric]}: ${describeState(metric.state, local)}`);
    lines.push(`  started   ${local.format(metric.startedAt)}${metric.metric === 'nextResponse' ? ' (the oldest unanswered customer message)' : ' (ticket created)'}`);
    if (metric.stoppedAt !== null) lines.push(`  stopped   ${local.format(metric.stoppedAt)} (${metric.stoppedBy === 'solved' ? 'solved' : 'public reply'})`);
    const { customer, responder, used } = metric.severity;
    lines.push(
      `  severity  ${used ?? 'none'} (customer ${customer ?? '-'}, responder ${responder ?? '-'}; ` +
        `${metric.metric === 'resolution' ? "resolution follows the responder's" : 'responses use the more urgent'})`,
    );
    lines.push(`  plan      ${metric.plan.applied}${metric.plan.ticket === null ? ' (the default: the ticket has none)' : metric.plan.ticket === metric.plan.applied ? '' : ` (ticket says ${JSON.stringify(metric.plan.ticket)})`}`);
    lines.push(
      metric.pauses.length === 0
        ? '  pauses    none'
        : `  pauses    ${metric.pauses.map((p) => `${p.reason} ${local.format(p.from)} .. ${p.to === null ? 'open' : local.format(p.to)}`).join('; ')}`,
    );
    metric.targets.forEach((target, i) => {
      const due = target.dueAt !== null ? local.format(target.dueAt) : target.dueIfResumedNow !== null ? `held (${local.format(target.dueIfResumedNow)} if it resumed now)` : 'held';
      lines.push(
        `  ${i === 0 ? 'targets' : '       '}   ${target.source} ${target.rule}: ${formatSeconds(target.targetSeconds)} on ${target.calendarName} ` +
          `(${describeCalendar(target.calendar)}) -> due ${due}${i === metric.governing ? '  <- governs (the earliest)' : ''}`,
      );
    });
    lines.push(`  elapsed   ${formatSeconds(metric.elapsedSeconds)} of business time on ${governing?.calendarName ?? '-'}`);
  }
  if (sla.firstResponse === null && sla.resolution === null) lines.push('', 'No SLA target applies to this ticket.');
  return lines;
}

function describeState(state: MetricState, clock: WallClock): string {
  switch (state.kind) {
    case 'running':
      return `running, due in ${formatSeconds(state.countdownSeconds)}`;
    case 'at_risk':
      return `AT RISK, due in ${formatSeconds(state.countdownSeconds)}`;
    case 'breached':
      return `BREACHED ${formatSeconds(state.breachedForSeconds)} ago`;
    case 'paused':
      return `paused (${state.reasons.join(', ')}) since ${clock.format(state.since)}${state.resumesAt === null ? ', until the ticket changes' : `, resumes ${clock.format(state.resumesAt)}`}`;
    case 'achieved':
      return `achieved at ${clock.format(state.at)}, ${formatSeconds(state.spareSeconds)} before due`;
    case 'missed':
      return `MISSED: answered ${clock.format(state.at)}, ${formatSeconds(state.lateBySeconds)} after due`;
  }
}

function describeCalendar(calendar: CalendarSpec): string {
  const days = Object.entries(calendar.hours)
    .map(([day, windows]) => `${day} ${windows.map(([from, to]) => `${from}-${to}`).join(',')}`)
    .join(' ');
  const holidays = calendar.holidays?.length ? `, ${calendar.holidays.length} holidays` : '';
  return `${calendar.timezone}: ${days}${holidays}`;
}

/** 1d 2h 3m 4s, with the leading units only. */
export function formatSeconds(total: number): string {
  const sign = total < 0 ? '-' : '';
  let rest = Math.abs(total);
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (unit === 's' && parts.length === 0)) parts.push(`${n}${unit}`);
  }
  return sign + parts.join(' ');
}

function explanationJson(ticket: TicketForSla, sla: TicketSla): object {
  const iso = (t: number | null): string | null => (t === null ? null : new Date(t * 1000).toISOString().replace(/\.000Z$/, 'Z'));
  const metric = (m: MetricEvaluation | null): object | null =>
    m && {
      metric: m.metric,
      startedAt: iso(m.startedAt),
      stoppedAt: iso(m.stoppedAt),
      stoppedBy: m.stoppedBy,
      severity: m.severity,
      plan: m.plan,
      pauses: m.pauses.map((p) => ({ reason: p.reason, from: iso(p.from), to: iso(p.to) })),
      targets: m.targets.map((t) => ({ ...t, dueAt: iso(t.dueAt), dueIfResumedNow: iso(t.dueIfResumedNow) })),
      governing: m.governing,
      dueAt: iso(m.dueAt),
      elapsedSeconds: m.elapsedSeconds,
      state: m.state,
    };
  return {
    ticket: `${ticket.key.accountId}:${ticket.key.sourceId}`,
    at: iso(sla.at),
    firstResponse: metric(sla.firstResponse),
    nextResponse: metric(sla.nextResponse),
    resolution: metric(sla.resolution),
  };
}
