import type { OutboxComment } from '../../../../shared/domain/outbox-entry.ts';
import { htmlToText } from '../message-text.ts';
import type { HelpScoutThread } from './helpscout-payloads.ts';

/** Room for the difference between this machine's clock and Help Scout's. */
const CLOCK_SKEW_MS = 60_000;
/** Threads that are not an agent's reply: the customer's, internal notes, status and assignment line items. */
const NOT_A_REPLY = new Set(['customer', 'note', 'lineitem']);

/**
 * Whether `threads` hold `comment` as already sent: a published thread of its kind (a reply, or a note) by the user
 * `userId`, written no earlier than a minute before the engineer queued it, with the same text. Help Scout serves
 * the text back as HTML: both sides are compared as plain text with runs of white space made one.
 */
export function hasSentComment(threads: readonly HelpScoutThread[], comment: OutboxComment, userId: number, queuedAt: string): boolean {
  const since = Date.parse(queuedAt) - CLOCK_SKEW_MS;
  const text = oneLine(comment.body);
  return threads.some(
    (thread) =>
      thread.state !== 'draft' &&
      (comment.public ? !NOT_A_REPLY.has(thread.type) : thread.type === 'note') &&
      thread.createdBy?.type === 'user' &&
      thread.createdBy.id === userId &&
      Date.parse(thread.createdAt) >= since &&
      thread.body != null &&
      (oneLine(thread.body) === text || oneLine(htmlToText(thread.body)) === text),
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
