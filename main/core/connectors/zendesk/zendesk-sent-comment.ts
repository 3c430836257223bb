import type { OutboxComment } from '../../../../shared/domain/outbox-entry.ts';
import type { ZendeskComment } from './zendesk-payloads.ts';

/** Room for the difference between this machine's clock and Zendesk's. */
export const CLOCK_SKEW_MS = 60_000;

/**
 * Whether `comments` hold `comment` as already sent: a comment of its kind (public reply or internal note) by the
 * agent `me`, written no earlier than a minute before the engineer queued it, with the same text (runs of white space
 * counted as one; Zendesk serves the text back as `body` and as `plain_body`).
 */
export function hasSentComment(comments: readonly ZendeskComment[], comment: OutboxComment, me: number, queuedAt: string): boolean {
  const since = Date.parse(queuedAt) - CLOCK_SKEW_MS;
  const text = oneLine(comment.body);
  return comments.some(
    (sent) =>
      sent.author_id === me &&
      sent.public === comment.public &&
      Date.parse(sent.created_at) >= since &&
      [sent.body, sent.plain_body].some((body) => body != null && oneLine(body) === text),
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
