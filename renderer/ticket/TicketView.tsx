import { Composer } from '../composer/Composer.tsx';
import { TICKET_VIEW_ID } from '../keyboard/focus-targets.ts';
import { backToQueue } from '../keyboard/triage-actions.ts';
import { useTicketStore } from '../stores/ticket-store.ts';
import { TicketWrites } from '../writes/TicketWrites.tsx';
import { ConversationMessage } from './ConversationMessage.tsx';
import { helpdeskUrlOf } from './helpdesk-url.ts';
import { SeverityHistory } from './SeverityHistory.tsx';
import { SlaPanel } from './SlaPanel.tsx';
import { TicketProperties } from './TicketProperties.tsx';

/**
 * The open ticket over the whole pane: the conversation on the left, what the engineer needs to decide on the
 * right. The queue's row shows at once; the conversation fills in when the detail arrives.
 */
export function TicketView() {
  const open = useTicketStore((state) => state.open);
  const reload = useTicketStore((state) => state.reload);
  if (open === null) return null;
  const { summary, load } = open;
  const detail = load.state === 'ready' ? load.detail : null;
  const url = helpdeskUrlOf(detail?.url ?? null);

  return (
    <section className="ticket-view" aria-labelledby="ticket-subject" data-testid="ticket-view" data-ticket={`${summary.accountId}:${summary.sourceId}`}>
      <header className="ticket-header">
        <button type="button" className="back-button" onClick={backToQueue} title="Back to the queue (Esc)">
          ← Queue <kbd>Esc</kbd>
        </button>
        <h2 id="ticket-subject" className="ticket-subject">
          {summary.subject || <em className="muted">(no subject)</em>}
        </h2>
        <span className="ticket-id muted">#{summary.sourceId}</span>
        <span className="ticket-header-end">
          <span className="hint">
            <kbd>J</kbd> <kbd>K</kbd> next / previous
          </span>
          {url !== null && (
            <a className="helpdesk-link" href={url} target="_blank" rel="noopener noreferrer">
              Open in helpdesk ↗
            </a>
          )}
        </span>
      </header>
      <div className="ticket-body">
        <div className="conversation" id={TICKET_VIEW_ID} tabIndex={0} aria-label="Conversation" aria-busy={load.state === 'loading'}>
          {load.state === 'loading' && (
            <div className="conversation-placeholder" aria-hidden="true">
              <div className="message placeholder" />
              <div className="message placeholder" />
            </div>
          )}
          {load.state === 'error' && (
            <div className="queue-message" role="alert">
              <p>The ticket could not be loaded: {load.message}</p>
              <button type="button" onClick={() => void reload()}>
                Try again
              </button>
            </div>
          )}
          {load.state === 'gone' && (
            <div className="queue-message" role="alert">
              <p>This ticket is no longer in the helpdesk (deleted, merged or marked as spam).</p>
            </div>
          )}
          {detail !== null && detail.conversation.length === 0 && (
            <article className="message message-customer">
              <pre className="description">{detail.description}</pre>
            </article>
          )}
          {detail?.conversation.map((entry) => <ConversationMessage key={entry.id} entry={entry} />)}
          {detail !== null && <TicketWrites ticket={detail} />}
        </div>
        <Composer ticket={detail} />
        <aside className="ticket-side" aria-label="Ticket details">
          <section>
            <h3>Ticket</h3>
            <TicketProperties ticket={summary} />
          </section>
          <section>
            <h3>SLA</h3>
            {detail ? <SlaPanel sla={detail.sla} /> : <div className="side-placeholder side-placeholder-sla" />}
          </section>
          <section>
            <h3>Severity history</h3>
            {detail ? <SeverityHistory changes={detail.severityHistory} /> : <div className="side-placeholder" />}
          </section>
        </aside>
      </div>
    </section>
  );
}
