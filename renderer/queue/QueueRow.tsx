import { memo } from 'react';
import { type TicketSummary, ticketKeyString } from '../../shared/domain/ticket.ts';
import { DueCell } from './DueCell.tsx';
import { formatAge } from './format-age.ts';

interface QueueRowProps {
  ticket: TicketSummary;
  fresh: boolean;
  selected: boolean;
  /** Picked with `x` for a bulk macro. */
  picked: boolean;
  now: number;
  top: number;
  /** The row (0-based) in the whole view. */
  index: number;
  onOpen(index: number): void;
}

const UNSENT_TITLES: Record<NonNullable<TicketSummary['unsent']>, string> = {
  waiting: 'A reply or change you made is on its way to the helpdesk',
  refused: 'The helpdesk refused a reply or change you made: open the ticket to edit, retry or discard it',
};

/** The row's element id, for the grid's aria-activedescendant. */
export function queueRowId(key: string): string {
  return `queue-row-${encodeURIComponent(key)}`;
}

export const QueueRow = memo(function QueueRow({ ticket, fresh, selected, picked, now, top, index, onOpen }: QueueRowProps) {
  const customer = ticket.requester?.name ?? 'Unknown requester';
  const organization = ticket.organization?.name;
  const key = ticketKeyString(ticket);
  return (
    <div
      id={queueRowId(key)}
      className={`queue-row${fresh ? ' is-fresh' : ''}${selected ? ' is-selected' : ''}${picked ? ' is-picked' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-ticket={key}
      data-picked={picked || undefined}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onOpen(index)}
    >
      <span role="gridcell" className="severity-cell">
        <span className={`severity severity-${ticket.severity ?? 'none'}`}>{ticket.severity ?? '—'}</span>
        {ticket.customerSeverity !== null && ticket.customerSeverity !== ticket.severity && (
          <span className="customer-severity" title={`The customer filed it as ${ticket.customerSeverity}; responses are timed on the more urgent`}>
            {ticket.customerSeverity}
          </span>
        )}
      </span>
      <span role="gridcell">
        <DueCell due={ticket.due} />
      </span>
      <span role="gridcell" className="subject" title={ticket.subject}>
        {ticket.subject || <em className="muted">(no subject)</em>}
      </span>
      <span role="gridcell" className="customer" title={organization ? `${customer}, ${organization}` : customer}>
        {customer}
        {organization && <span className="muted"> · {organization}</span>}
      </span>
      <span role="gridcell">
        {ticket.organization?.plan ? (
          <span className={`plan plan-${ticket.organization.tier ?? 'other'}`}>{ticket.organization.plan}</span>
        ) : (
          <span className="muted">—</span>
        )}
      </span>
      <span role="gridcell">
        <span className={`status status-${ticket.status}`}>{ticket.status}</span>
        {ticket.unsent && (
          <span className={`unsent unsent-${ticket.unsent}`} data-testid="row-unsent" role="img" aria-label={UNSENT_TITLES[ticket.unsent]} title={UNSENT_TITLES[ticket.unsent]}>
            {ticket.unsent === 'refused' ? '⚠' : '↑'}
          </span>
        )}
      </span>
      <span role="gridcell" className="assignee">
        {ticket.assignee?.name ?? <span className="muted">Unassigned</span>}
      </span>
      <span role="gridcell" className="updated" title={new Date(ticket.updatedAt).toLocaleString()}>
        {formatAge(Date.parse(ticket.updatedAt), now)}
      </span>
    </div>
  );
});

/** A row whose page is on its way: the same height and cells, so nothing shifts when the ticket arrives. */
export function PlaceholderRow({ top, rowIndex, selected }: { top: number; rowIndex: number; selected: boolean }) {
  return (
    <div
      className={`queue-row is-placeholder${selected ? ' is-selected' : ''}`}
      role="row"
      aria-rowindex={rowIndex}
      aria-busy="true"
      style={{ transform: `translateY(${top}px)` }}
    >
      <span role="gridcell" className="placeholder-bar" />
    </div>
  );
}
