import type { SyncPage } from '../sync/sync-page.ts';

/** The agent whose credentials sync the account (the Mine view lists their tickets). */
export interface HelpdeskIdentity {
  userId: string;
}

/** What the sync engine needs from a helpdesk: prove the credentials, then pages from a checkpoint on. */
export interface HelpdeskConnector {
  /** Proves the credentials; names whose they are when the helpdesk says. */
  verify(): Promise<HelpdeskIdentity | void>;
  /** Pages after `checkpoint` (null: from the beginning) until the helpdesk has nothing newer. */
  pages(checkpoint: string | null): AsyncGenerator<SyncPage>;
}

/** The helpdesk refused the credentials: retrying will not help, the user must act. */
export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}
