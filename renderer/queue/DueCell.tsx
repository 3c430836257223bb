import type { TicketDue } from '../../shared/domain/ticket-due.ts';
import { dueStateAt } from '../../shared/sla/ticket-due.ts';
import { useCountdownClock } from './countdown-clock.ts';
import { formatInstant } from '../ticket/format-instant.ts';
import { formatCountdown } from './format-countdown.ts';

const METRIC_NAMES: Record<TicketDue['metric'], string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
};

const clockTime = (seconds: number): string => formatInstant(seconds * 1000);

/** The countdown of the metric due next; the only part of a row that re-renders every second. */
export function DueCell({ due }: { due: TicketDue | null }) {
  const now = useCountdownClock((clock) => clock.nowSeconds);
  if (due === null) return <span className="due due-none muted">—</span>;
  const state = dueStateAt(due, now);
  const metric = METRIC_NAMES[due.metric];
  const dueText = due.dueAt === null ? 'due unknown while paused' : `due ${clockTime(due.dueAt)}`;
  switch (state.kind) {
    case 'paused': {
      const resumes = state.resumesAt === null ? 'resumes when the ticket changes' : `resumes ${clockTime(state.resumesAt)}`;
      return (
        <span className="due due-paused" data-due-state="paused" title={`${metric} paused (${state.reasons.join(', ')}) since ${clockTime(state.since)}; ${resumes}; ${dueText}`}>
          Paused · {state.reasons.join(' + ')}
          {state.countdownSeconds !== null && <span className="due-paused-left"> {formatCountdown(state.countdownSeconds)}</span>}
        </span>
      );
    }
    case 'breached':
      return (
        <span className="due due-breached" data-due-state="breached" title={`${metric} breached ${formatCountdown(state.breachedForSeconds)} ago; ${dueText}`}>
          {formatCountdown(state.countdownSeconds)}
        </span>
      );
    case 'at_risk':
    case 'running':
      return (
        <span className={`due due-${state.kind === 'at_risk' ? 'at-risk' : 'running'}`} data-due-state={state.kind} title={`${metric} ${dueText}`}>
          {formatCountdown(state.countdownSeconds)}
        </span>
      );
    case 'achieved':
    case 'missed':
      return <span className="due due-none muted">—</span>;
  }
}
