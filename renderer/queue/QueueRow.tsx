import { memo } from 'react';
import type { TicketSummary } from '../../shared/domain/ticket.ts';
import { DueCell } from './DueCell.tsx';
import { formatAge } from './format-age.ts';

interface QueueRowProps {
  ticket: TicketSummary;
  fresh: boolean;
  now: number;
  top: number;
  rowIndex: number;
}

export const QueueRow = memo(function QueueRow({ ticket, fresh, now, top, rowIndex }: QueueRowProps) {
  const customer = ticket.requester?.name ?? 'Unknown requester';
  const organization = ticket.organization?.name;
  return (
    <div
      className={`queue-row${fresh ? ' is-fresh' : ''}`}
      role="row"
      aria-rowindex={rowIndex}
      data-ticket={`${ticket.accountId}:${ticket.sourceId}`}
      style={{ transform: `translateY(${top}px)` }}
    >
      <span role="cell" className="severity-cell">
        <span className={`severity severity-${ticket.severity ?? 'none'}`}>{ticket.severity ?? '—'}</span>
        {ticket.customerSeverity !== null && ticket.customerSeverity !== ticket.severity && (
          <span className="customer-severity" title={`The customer filed it as ${ticket.customerSeverity}; responses are timed on the more urgent`}>
            {ticket.customerSeverity}
          </span>
        )}
      </span>
      <span role="cell">
        <DueCell due={ticket.due} />
      </span>
      <span role="cell" className="subject" title={ticket.subject}>
        {ticket.subject || <em className="muted">(no subject)</em>}
      </span>
      <span role="cell" className="customer" title={organization ? `${customer}, ${organization}` : customer}>
        {customer}
        {organization && <span className="muted"> · {organization}</span>}
      </span>
      <span role="cell">
        {ticket.organization?.plan ? (
          <span className={`plan plan-${ticket.organization.tier ?? 'other'}`}>{ticket.organization.plan}</span>
        ) : (
          <span className="muted">—</span>
        )}
      </span>
      <span role="cell">
        <span className={`status status-${ticket.status}`}>{ticket.status}</span>
      </span>
      <span role="cell" className="assignee">
        {ticket.assignee?.name ?? <span className="muted">Unassigned</span>}
      </span>
      <span role="cell" className="updated" title={new Date(ticket.updatedAt).toLocaleString()}>
        {formatAge(Date.parse(ticket.updatedAt), now)}
      </span>
    </div>
  );
});
