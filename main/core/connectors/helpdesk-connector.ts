import type { Macro } from '../../../shared/macros/macro.ts';
import { HelpdeskHttpError } from '../sync/helpdesk-http.ts';
import type { HelpdeskWriter } from '../outbox/helpdesk-writer.ts';
import type { RateLimiter } from '../sync/rate-limiter.ts';
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
  /** The account's limiter, which every request of the connector waits for: the sync sets its share and reads its state. */
  readonly rateLimiter: RateLimiter;
  /** Sends the outbox's writes to this helpdesk (after verify(), which names the agent "me" stands for). */
  writer(): HelpdeskWriter;
  /** The helpdesk's own macros, as read-only macros of the app, where its API lists them. */
  macros?(): Promise<Macro[]>;
}

/** The helpdesk refused the credentials: retrying will not help, the user must act. */
export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
  /** Whether the credentials were refused or are someone's who may not do this (a 403, an end-user's token). */
  readonly refusal: 'credentials' | 'permission';
  constructor(message: string, options: ErrorOptions & { refusal?: 'credentials' | 'permission' } = {}) {
    super(message, options);
    const forbidden = options.cause instanceof HelpdeskHttpError && options.cause.status === 403;
    this.refusal = options.refusal ?? (forbidden ? 'permission' : 'credentials');
  }
}
