import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { type DraftKind, type OutboxEntry, outboxKindOf, OutboxState, OutboxWrite } from '../../../shared/domain/outbox-entry.ts';
import type { TicketKey } from '../../../shared/domain/ticket.ts';
import { inTransaction } from '../store/database.ts';

interface OutboxRow {
  id: string;
  account_id: string;
  ticket_id: string;
  write: string;
  state: string;
  error: string | null;
  conflict: number;
  attempts: number;
  steps_done: string;
  base_updated_at: string | null;
  created_at: string;
  sent_at: string | null;
}

/** An entry with what the sender needs beyond what lists show. */
export interface OutboxItem extends OutboxEntry {
  /** The ticket's `updated_at` when the engineer wrote it: a helpdesk change after that is a conflict. */
  baseUpdatedAt: string | null;
  /** Steps already acknowledged by the helpdesk, for vendors that take one write in several requests. */
  stepsDone: string[];
}


/**
 * The outbox and the composer's drafts, in the profile's database. A write enters the outbox and leaves the draft in
 * one transaction, so text is always in one of the two.
 */
export class OutboxStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /** Queues `write` on `ticket`; when it came from a draft, the draft is cleared in the same transaction. */
  queue(ticket: TicketKey, write: OutboxWrite, options: { now: Date; baseUpdatedAt: string | null; fromDraft?: DraftKind }): OutboxItem {
    const parsed = OutboxWrite.parse(write);
    const id = randomUUID();
    const createdAt = options.now.toISOString();
    inTransaction(this.#db, () => {
      this.#db
        .prepare(
          `INSERT INTO outbox (id, account_id, ticket_id, write, state, error, conflict, attempts, steps_done, base_updated_at, created_at, sent_at)
           VALUES (?, ?, ?, ?, 'pending', NULL, 0, 0, '[]', ?, ?, NULL)`,
        )
        .run(id, ticket.accountId, ticket.sourceId, JSON.stringify(parsed), options.baseUpdatedAt, createdAt);
      if (options.fromDraft) this.#clearDraft(ticket, options.fromDraft);
    });
    return this.get(id)!;
  }

  get(id: string): OutboxItem | null {
    const row = this.#db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    return row ? itemOf(row) : null;
  }

  /** Every entry, or one ticket's, oldest first. */
  list(ticket?: TicketKey): OutboxItem[] {
    const rows = ticket
      ? this.#db.prepare('SELECT * FROM outbox WHERE account_id = ? AND ticket_id = ? ORDER BY created_at, rowid').all(ticket.accountId, ticket.sourceId)
      : this.#db.prepare('SELECT * FROM outbox ORDER BY created_at, rowid').all();
    return (rows as unknown as OutboxRow[]).map(itemOf);
  }

  /** How many of an account's entries the helpdesk refused (conflicts included), and the ticket of the oldest. */
  refused(accountId: string): { count: number; oldest: TicketKey | null } {
    const rows = this.#db
      .prepare(`SELECT ticket_id FROM outbox WHERE account_id = ? AND state = 'failed' ORDER BY created_at, rowid`)
      .all(accountId) as { ticket_id: string }[];
    return { count: rows.length, oldest: rows[0] ? { accountId, sourceId: rows[0].ticket_id } : null };
  }

  /** An account's entries still to send (pending, or sending when a run was cut off), oldest first. */
  toSend(accountId: string): OutboxItem[] {
    const rows = this.#db
      .prepare(`SELECT * FROM outbox WHERE account_id = ? AND state IN ('pending', 'sending') ORDER BY created_at, rowid`)
      .all(accountId) as unknown as OutboxRow[];
    return rows.map(itemOf);
  }

  /** Recorded before the request leaves: after a crash, a "sending" entry is looked for on the helpdesk first. */
  markSending(id: string): void {
    this.#db.prepare(`UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?`).run(id);
  }

  markStepDone(id: string, step: string): void {
    const item = this.get(id);
    if (!item || item.stepsDone.includes(step)) return;
    this.#db.prepare('UPDATE outbox SET steps_done = ? WHERE id = ?').run(JSON.stringify([...item.stepsDone, step]), id);
  }

  markSent(id: string, at: Date): void {
    this.#db.prepare(`UPDATE outbox SET state = 'sent', error = NULL, conflict = 0, sent_at = ? WHERE id = ?`).run(at.toISOString(), id);
  }

  /**
   * Not sent this time (the helpdesk unreachable, the credentials refused): waits for the next run with the reason
   * shown meanwhile. `checkFirst` when an attempt may have been applied: it stays "sending", so the next run looks on
   * the helpdesk before sending it again.
   */
  markWaiting(id: string, error: string, options: { checkFirst: boolean }): void {
    this.#db.prepare(`UPDATE outbox SET state = ?, error = ? WHERE id = ?`).run(options.checkFirst ? 'sending' : 'pending', error, id);
  }

  /** The helpdesk refused it, or the ticket changed under it: kept, with the reason, for the engineer to act on. */
  markFailed(id: string, error: string, options: { conflict: boolean }): void {
    this.#db.prepare(`UPDATE outbox SET state = 'failed', error = ?, conflict = ? WHERE id = ?`).run(error, options.conflict ? 1 : 0, id);
  }

  /**
   * Sends a failed entry again, edited or not, against the ticket as it now stands. Unedited, the steps the helpdesk
   * already acknowledged stay done (a reply that went through before the tags were refused is not sent twice); an
   * edited write starts over.
   */
  retry(id: string, options: { write?: OutboxWrite; baseUpdatedAt: string | null }): OutboxItem {
    const item = this.#unsent(id);
    const write = OutboxWrite.parse(options.write ?? item.write);
    const edited = JSON.stringify(write) !== JSON.stringify(item.write);
    this.#db
      .prepare(`UPDATE outbox SET state = 'pending', error = NULL, conflict = 0, write = ?, steps_done = ?, base_updated_at = ? WHERE id = ?`)
      .run(JSON.stringify(write), edited ? '[]' : JSON.stringify(item.stepsDone), options.baseUpdatedAt, id);
    return this.get(id)!;
  }

  /** Drops an entry the helpdesk refused; its comment goes back to the ticket's draft so no text is lost. */
  discard(id: string, now: Date): void {
    const item = this.#unsent(id);
    inTransaction(this.#db, () => {
      const comment = item.write.comment;
      if (comment) {
        const kind: DraftKind = comment.public ? 'reply' : 'note';
        const draft = this.draft(item.ticket, kind);
        this.saveDraft(item.ticket, kind, draft ? `${draft}\n\n${comment.body}` : comment.body, now);
      }
      this.#db.prepare('DELETE FROM outbox WHERE id = ?').run(id);
    });
  }

  #unsent(id: string): OutboxItem {
    const item = this.get(id);
    if (!item) throw new Error(`no outbox entry ${id}`);
    if (item.state === 'sent' || item.state === 'sending') throw new Error(`outbox entry ${id} is ${item.state}; only a failed or pending one can change`);
    return item;
  }

  saveDraft(ticket: TicketKey, kind: DraftKind, body: string, now: Date): void {
    if (body === '') {
      this.#clearDraft(ticket, kind);
      return;
    }
    this.#db
      .prepare(
        `INSERT INTO drafts (account_id, ticket_id, kind, body, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, ticket_id, kind) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      )
      .run(ticket.accountId, ticket.sourceId, kind, body, now.toISOString());
  }

  draft(ticket: TicketKey, kind: DraftKind): string | null {
    const row = this.#db.prepare('SELECT body FROM drafts WHERE account_id = ? AND ticket_id = ? AND kind = ?').get(ticket.accountId, ticket.sourceId, kind) as
      | { body: string }
      | undefined;
    return row?.body ?? null;
  }

  #clearDraft(ticket: TicketKey, kind: DraftKind): void {
    this.#db.prepare('DELETE FROM drafts WHERE account_id = ? AND ticket_id = ? AND kind = ?').run(ticket.accountId, ticket.sourceId, kind);
  }
}

function itemOf(row: OutboxRow): OutboxItem {
  const write = OutboxWrite.parse(JSON.parse(row.write));
  return {
    id: row.id,
    ticket: { accountId: row.account_id, sourceId: row.ticket_id },
    kind: outboxKindOf(write),
    write,
    state: OutboxState.parse(row.state),
    error: row.error,
    conflict: row.conflict === 1,
    attempts: row.attempts,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    baseUpdatedAt: row.base_updated_at,
    stepsDone: JSON.parse(row.steps_done) as string[],
  };
}
