import { createHash } from 'node:crypto';
import type { ZendeskTokens } from './zendesk-tokens.ts';

/** A rotated pair and the configured refresh token it descends from. */
export interface StoredZendeskTokens {
  tokens: ZendeskTokens;
  /** seedOf(the refresh token in the account's configuration when the chain of rotations started). */
  seed: string;
}

/**
 * Where a Zendesk account's rotated tokens are kept between runs. Zendesk revokes a refresh token as it answers
 * with the next one, so a pair that is not kept is a sign-in lost: `write` must have the whole record on disk (or
 * nothing of it) before it resolves. The command line and the browser host keep it in the store
 * (store/zendesk-token-table.ts); the desktop shell may keep it encrypted instead. Methods are async so that a
 * vault can live in another thread than the core.
 */
export interface ZendeskTokenVault {
  read(accountId: string): Promise<StoredZendeskTokens | null>;
  write(accountId: string, stored: StoredZendeskTokens): Promise<void>;
}

/**
 * Names a configured refresh token without keeping it: when the configuration's token changes (the user signed in
 * again and pasted the new pair), the stored chain no longer descends from it and the configured pair wins.
 */
export function seedOf(configuredRefreshToken: string): string {
  return createHash('sha256').update(configuredRefreshToken, 'utf8').digest('hex');
}
