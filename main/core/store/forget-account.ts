import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from './database.ts';

/**
 * What the store holds per account and drops when the account is removed (or pointed at another helpdesk). The
 * outbox and drafts stay: a write the engineer made is never dropped silently, and it goes out if the account
 * comes back under the same name.
 */
const ACCOUNT_TABLES = ['tickets', 'ticket_events', 'ticket_messages', 'people', 'organizations', 'sync_state', 'quarantine', 'oauth_tokens'] as const;

/** Deletes everything synced from the account, its search index rows and checkpoint included, in one transaction. */
export function forgetAccount(db: DatabaseSync, accountId: string): void {
  inTransaction(db, () => {
    db.prepare('DELETE FROM ticket_search WHERE rowid IN (SELECT id FROM tickets WHERE account_id = ?)').run(accountId);
    for (const table of ACCOUNT_TABLES) db.prepare(`DELETE FROM ${table} WHERE account_id = ?`).run(accountId);
  });
}
