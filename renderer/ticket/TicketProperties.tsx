import type { TicketSummary } from '../../shared/domain/ticket.ts';

/** Who asked, for which customer on which plan, and where the ticket stands. */
export function TicketProperties({ ticket }: { ticket: TicketSummary }) {
  const disputed = ticket.customerSeverity !== null && ticket.customerSeverity !== ticket.severity;
  return (
    <dl className="properties">
      <dt>Requester</dt>
      <dd>
        {ticket.requester ? (
          <>
            {ticket.requester.name}
            <div className="muted">{ticket.requester.email}</div>
          </>
        ) : (
          <span className="muted">Unknown</span>
        )}
      </dd>
      <dt>Organization</dt>
      <dd>{ticket.organization?.name ?? <span className="muted">—</span>}</dd>
      <dt>Plan</dt>
      <dd>
        {ticket.organization?.plan ? (
          <span className={`plan plan-${ticket.organization.tier ?? 'other'}`}>{ticket.organization.plan}</span>
        ) : (
          <span className="muted">—</span>
        )}
      </dd>
      <dt>Severity</dt>
      <dd data-testid="ticket-severity">
        <span className={`severity severity-${ticket.severity ?? 'none'}`}>{ticket.severity ?? '—'}</span>
        {disputed && (
          <span className="muted" title="Responses are timed on the more urgent of the two">
            {' '}
            responder · customer filed <span className={`severity severity-${ticket.customerSeverity}`}>{ticket.customerSeverity}</span>
          </span>
        )}
      </dd>
      <dt>Status</dt>
      <dd>
        <span className={`status status-${ticket.status}`}>{ticket.status}</span>
      </dd>
      <dt>Assignee</dt>
      <dd>{ticket.assignee?.name ?? <span className="muted">Unassigned</span>}</dd>
      <dt>Tags</dt>
      <dd className="tags">
        {ticket.tags.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          ticket.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))
        )}
      </dd>
    </dl>
  );
}
