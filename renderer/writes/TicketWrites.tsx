import type { OutboxEntry } from '../../shared/domain/outbox-entry.ts';
import type { TicketDetail } from '../../shared/domain/ticket-detail.ts';
import { formatInstant } from '../ticket/format-instant.ts';
import { FieldChangeList } from './FieldChangeList.tsx';
import { canEdit, discardRefusedWrite, editRefusedWrite, retryRefusedWrite, WRITE_ID_ATTRIBUTE } from './refused-writes.ts';
import { writeFieldChanges, writeStateOf } from './write-changes.ts';

/**
 * The ticket's writes made here that the helpdesk does not show back yet, after its conversation: each with where
 * it stands, and a refused one with the helpdesk's reason and what to do about it.
 */
export function TicketWrites({ ticket }: { ticket: TicketDetail }) {
  if (ticket.writes.length === 0) return null;
  const firstRefused = ticket.writes.find((entry) => entry.state === 'failed')?.id ?? null;
  return (
    <>
      {ticket.writes.map((entry) => (
        <WriteEntry key={entry.id} entry={entry} ticket={ticket} showKeys={entry.id === firstRefused} />
      ))}
    </>
  );
}

function WriteEntry({ entry, ticket, showKeys }: { entry: OutboxEntry; ticket: TicketDetail; showKeys: boolean }) {
  const state = writeStateOf(entry);
  const { comment, changes } = entry.write;
  const kind = comment === null ? 'fields' : comment.public ? 'agent' : 'note';
  const label = comment === null ? 'Field changes' : comment.public ? 'Reply' : 'Internal note';
  const author = ticket.me?.name ?? 'You';
  const fieldChanges = changes === null ? [] : writeFieldChanges(changes, ticket, author);
  const attributes = { [WRITE_ID_ATTRIBUTE]: entry.id };
  return (
    <article className={`message message-${kind} outbox-write write-${state.tone}`} {...attributes} data-write-state={state.key} aria-label={`${label} by ${author}: ${state.label}`}>
      <header className="message-header">
        <span className="message-author">{author}</span>
        <span className={`message-kind message-kind-${kind}`}>{label}</span>
        <span className={`write-state write-state-${state.tone}`}>{state.label}</span>
        <time className="message-time" dateTime={entry.createdAt}>
          {formatInstant(Date.parse(entry.createdAt))}
        </time>
      </header>
      {comment !== null && <p className="write-body">{comment.body}</p>}
      <FieldChangeList changes={fieldChanges} />
      {state.detail !== null && (
        <p className={`write-detail write-detail-${state.tone}`} role={state.tone === 'failed' ? 'alert' : undefined}>
          {state.detail}
        </p>
      )}
      {entry.state === 'failed' && (
        <div className="write-actions">
          {canEdit(entry) && (
            <button type="button" className="account-button" onClick={() => editRefusedWrite(entry)}>
              Edit {showKeys && <kbd>E</kbd>}
            </button>
          )}
          <button type="button" className="account-button" onClick={() => void retryRefusedWrite(entry)}>
            {entry.conflict ? 'Apply again' : 'Retry'} {showKeys && <kbd>T</kbd>}
          </button>
          <button type="button" className="account-button" onClick={() => void discardRefusedWrite(entry)}>
            Discard {showKeys && <kbd>D</kbd>}
          </button>
        </div>
      )}
    </article>
  );
}
