import { z } from 'zod';
import { TicketKey } from './ticket.ts';

export const ACCOUNT_TYPES = ['zendesk', 'intercom', 'helpscout'] as const;
export const AccountType = z.enum(ACCOUNT_TYPES);
export type AccountType = z.infer<typeof AccountType>;

/** What an account's sync is doing, in words the status line can show. */
export const AccountSyncState = z.enum(['starting', 'syncing', 'idle', 'auth_failed', 'unreachable', 'error']);
export type AccountSyncState = z.infer<typeof AccountSyncState>;

export const AccountSyncStatus = z.object({
  accountId: z.string(),
  type: AccountType,
  baseUrl: z.string(),
  demo: z.boolean(),
  state: AccountSyncState,
  lastSuccessAt: z.iso.datetime().nullable(),
  nextPollAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  quarantined: z.number().int().nonnegative(),
  /** Writes the helpdesk refused, waiting for the engineer; the ticket of the oldest, to open it from the status line. */
  refusedWrites: z.number().int().nonnegative(),
  oldestRefusedTicket: TicketKey.nullable(),
});
export type AccountSyncStatus = z.infer<typeof AccountSyncStatus>;

export const SyncStatus = z.object({
  accounts: z.array(AccountSyncStatus),
  /** A problem the user must know about that is not an account's, e.g. a corrupt settings file kept aside. */
  warnings: z.array(z.string()),
});
export type SyncStatus = z.infer<typeof SyncStatus>;
