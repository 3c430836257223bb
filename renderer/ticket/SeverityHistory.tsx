import type { SeverityChange } from '../../shared/domain/ticket-detail.ts';
import { formatInstant } from './format-instant.ts';

/** Who set which severity when, with the responder's note: the record of a severity dispute. */
export function SeverityHistory({ changes }: { changes: readonly SeverityChange[] }) {
  if (changes.length === 0) return <p className="muted">No severity changes.</p>;
  return (
    <ol className="severity-history" data-testid="severity-history">
      {changes.map((change, index) => (
        <li key={index}>
          <span className={`severity severity-${change.severity ?? 'none'}`}>{change.severity ?? '—'}</span>
          <span>{change.setBy === 'customer' ? 'filed by the customer' : 'set by a responder'}</span>
          <time className="muted" dateTime={change.at}>
            {formatInstant(Date.parse(change.at))}
          </time>
          {change.note && <q className="severity-note">{change.note}</q>}
        </li>
      ))}
    </ol>
  );
}
