import type { TriagePushName, TriageRequestName } from '../../../shared/contract/triage-contract.ts';
import type { Macro } from '../../../shared/macros/macro.ts';
import type { AccountConfig } from '../../../shared/settings/account-config.ts';
import type { SlaPolicy } from '../../../shared/sla/index.ts';
import type { StoredZendeskTokens } from '../auth/zendesk-token-vault.ts';
import type { WorkspaceAccounts } from '../workspace.ts';

/** What a host tells the core worker at start. */
export interface CoreWorkerInit {
  dataDir: string;
  accounts: AccountConfig[];
  pollIntervalMs: number;
  /** The share of each account's rate limit per window this desktop may spend (settings' rateLimitShare). */
  rateLimitShare?: number;
  slaPolicy: SlaPolicy;
  /** The local macros listMacros answers (the settings' or the config file's). */
  macros?: Macro[];
  demoActivityMs: number;
  warnings: string[];
  /** With no account, serve the data folder's store as it is instead of the demo (`--config` listing none). */
  noDemo?: boolean;
  /**
   * Zendesk OAuth's rotated tokens are kept by the host (sealed with safeStorage, which works only on the shell's
   * main thread, or in memory): the worker asks it to read and write them. Otherwise the store's table keeps them.
   */
  tokensKeptByHost?: boolean;
}

export type HostToCore =
  | { kind: 'request'; id: number; name: TriageRequestName; payload: unknown }
  /** The accounts screen changed the accounts: sync these from now on. Answered with a response of the same id. */
  | { kind: 'accounts'; id: number; change: WorkspaceAccounts }
  | { kind: 'tokensAnswer'; id: number; ok: true; stored: StoredZendeskTokens | null }
  | { kind: 'tokensAnswer'; id: number; ok: false; message: string }
  | { kind: 'close' };

export type CoreToHost =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  | { kind: 'response'; id: number; ok: true; value: unknown }
  | { kind: 'response'; id: number; ok: false; error: { name: string; message: string } }
  | { kind: 'push'; name: TriagePushName; payload: unknown }
  | { kind: 'readTokens'; id: number; accountId: string }
  | { kind: 'writeTokens'; id: number; accountId: string; stored: StoredZendeskTokens }
  | { kind: 'closed' };
