import type { OutboxItem } from './outbox-store.ts';

/** How a write ended on the helpdesk. */
export type WriteOutcome =
  | { kind: 'sent' }
  /** The ticket changed on the helpdesk since the engineer wrote this: they read it and re-apply. */
  | { kind: 'conflict'; reason: string }
  /** The helpdesk refused it (a closed ticket, no permission): kept with the reason, to edit, retry or discard. */
  | { kind: 'rejected'; reason: string };

/** What a writer knows of earlier attempts at the same entry. */
export interface WriteAttempt {
  /**
   * An earlier attempt may have been applied without an answer (a crash mid-send, a dropped connection, a 5xx):
   * look on the helpdesk before sending what is not yet marked done.
   */
  readonly resumed: boolean;
  /** Steps the helpdesk acknowledged, for writes that take several requests (Intercom, Help Scout). */
  readonly stepsDone: readonly string[];
  /** Records a step as acknowledged, before the next one is sent. */
  stepDone(step: string): void;
}

/**
 * A helpdesk's side of the outbox. `apply` throws AmbiguousWriteError when a request may have been applied without
 * an answer, HelpdeskUnreachableError when nothing could be sent, AuthenticationError when the credentials fail.
 */
export interface HelpdeskWriter {
  apply(entry: OutboxItem, attempt: WriteAttempt): Promise<WriteOutcome>;
}
