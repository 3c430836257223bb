import type { ConversationEntry } from '../../shared/domain/ticket-detail.ts';
import { CustomerHtml } from './CustomerHtml.tsx';
import { formatInstant } from './format-instant.ts';

const KIND_LABELS: Record<ConversationEntry['kind'], string> = {
  customer: 'Customer',
  agent: 'Agent reply',
  note: 'Internal note',
  automated: 'Automated',
};

/** One message: who wrote it, when, and whether the customer saw it (internal notes stand out, automation recedes). */
export function ConversationMessage({ entry }: { entry: ConversationEntry }) {
  const author = entry.author?.name ?? (entry.kind === 'automated' ? 'Helpdesk' : 'Unknown');
  return (
    <article className={`message message-${entry.kind}`} data-kind={entry.kind} aria-label={`${KIND_LABELS[entry.kind]} from ${author}`}>
      <header className="message-header">
        <span className="message-author" title={entry.author?.email}>
          {author}
        </span>
        <span className={`message-kind message-kind-${entry.kind}`}>{KIND_LABELS[entry.kind]}</span>
        <time className="message-time" dateTime={entry.at}>
          {formatInstant(Date.parse(entry.at))}
        </time>
      </header>
      <CustomerHtml html={entry.html} />
    </article>
  );
}
