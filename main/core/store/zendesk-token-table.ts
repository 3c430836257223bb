import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { z } from 'zod';
import type { StoredZendeskTokens, ZendeskTokenVault } from '../auth/zendesk-token-vault.ts';
import { inTransaction } from './database.ts';

const Row = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_at: z.string().nullable(),
  seed: z.string().min(1),
});

/**
 * The command line's and the browser host's token vault: each account's rotated pair in the store's oauth_tokens
 * table, replaced in one transaction: after a crash the row is the new pair or the one before, never half of each.
 */
export class ZendeskTokenTable implements ZendeskTokenVault {
  readonly #db: DatabaseSync;
  readonly #select: StatementSync;
  readonly #upsert: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#select = db.prepare('SELECT access_token, refresh_token, expires_at, seed FROM oauth_tokens WHERE account_id = ?');
    this.#upsert = db.prepare(
      `INSERT INTO oauth_tokens (account_id, access_token, refresh_token, expires_at, seed, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token,
         expires_at = excluded.expires_at, seed = excluded.seed, updated_at = excluded.updated_at`,
    );
  }

  read(accountId: string): Promise<StoredZendeskTokens | null> {
    const found = this.#select.get(accountId);
    if (found === undefined) return Promise.resolve(null);
    const row = Row.safeParse(found);
    // A damaged row is no sign-in: the configured pair is tried instead, and the next rotation replaces the row.
    if (!row.success) return Promise.resolve(null);
    const { access_token: accessToken, refresh_token: refreshToken, expires_at: expiresAt, seed } = row.data;
    return Promise.resolve({ tokens: { accessToken, refreshToken, expiresAt }, seed });
  }

  write(accountId: string, stored: StoredZendeskTokens): Promise<void> {
    const { tokens, seed } = stored;
    // The store commits with synchronous=NORMAL, which a power cut can undo; Zendesk has already revoked the old
    // pair, so this commit waits for the disk.
    const { synchronous } = this.#db.prepare('PRAGMA synchronous').get() as { synchronous: number };
    this.#db.exec('PRAGMA synchronous = FULL');
    try {
      inTransaction(this.#db, () => {
        this.#upsert.run(accountId, tokens.accessToken, tokens.refreshToken, tokens.expiresAt, seed, new Date().toISOString());
      });
    } finally {
      this.#db.exec(`PRAGMA synchronous = ${synchronous}`);
    }
    return Promise.resolve();
  }
}
