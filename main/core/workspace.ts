import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Macro } from '../../shared/macros/macro.ts';
import type { AccountConfig } from '../../shared/settings/account-config.ts';
import type { SlaPolicy } from '../../shared/sla/index.ts';
import { startZendeskSimulator } from '../simulators/zendesk/server.ts';
import type { ZendeskTokenVault } from './auth/zendesk-token-vault.ts';
import { DATABASE_FILE_NAME, openDatabase } from './store/database.ts';
import { forgetAccount } from './store/forget-account.ts';
import { type PushListener, TriageCore } from './triage-core.ts';

export interface WorkspaceOptions {
  dataDir: string;
  accounts: AccountConfig[];
  pollIntervalMs: number;
  /** The share of each account's rate limit per window this desktop may spend (default: the settings' default). */
  rateLimitShare?: number;
  slaPolicy: SlaPolicy;
  /** The local macros (default: the starter set). */
  macros?: Macro[];
  /** How often the demo's simulated customers write in. */
  demoActivityMs: number;
  warnings: string[];
  /** With no account, serve the data folder's store as it is (no sync) instead of the demo. */
  noDemo?: boolean;
  /** Where Zendesk OAuth accounts keep rotated tokens (default: the store's table). */
  tokenVault?: ZendeskTokenVault;
}

/** The accounts to sync after a change in the accounts screen. */
export interface WorkspaceAccounts {
  accounts: AccountConfig[];
  /** What keeps a configured account from syncing; shown with the workspace's own warnings. */
  warnings: string[];
  /** Accounts whose synced tickets must go. */
  forget: string[];
}

export interface Workspace {
  /** The core answering requests now: the demo's until a real account exists. */
  readonly core: TriageCore;
  readonly demo: boolean;
  /** The pushes of whichever core is current. */
  onPush(listener: PushListener): () => void;
  /** Syncs these accounts from now on: the demo closes once a real account exists and opens again when none is left. */
  useAccounts(change: WorkspaceAccounts): Promise<void>;
  close(): Promise<void>;
}

export const DEMO_ACCOUNT_ID = 'demo';
// The demo's helpdesk is on loopback and has no rate limit: poll it often so new tickets show within seconds.
const DEMO_POLL_MS = 2_000;

interface OpenCore {
  core: TriageCore;
  demo: boolean;
  close(): Promise<void>;
}

/**
 * The accounts the user configured, or, with none, the demo workspace: a simulated Zendesk on loopback synced
 * through the real Zendesk connector into a store of its own that starts fresh each run.
 */
export async function openWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const listeners = new Set<PushListener>();
  const forward: PushListener = (name, payload) => {
    for (const listener of listeners) listener(name, payload);
  };
  let current = await openCore(options, options.accounts, options.warnings);
  let unsubscribe = current.core.onPush(forward);

  return {
    get core() {
      return current.core;
    },
    get demo() {
      return current.demo;
    },
    onPush(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async useAccounts({ accounts, warnings, forget }) {
      const allWarnings = [...options.warnings, ...warnings];
      if (current.demo === (accounts.length === 0)) {
        if (current.demo) forgetInStore(options, forget);
        else await current.core.setAccounts(accounts, forget);
        current.core.setWarnings(allWarnings);
        return;
      }
      // From the demo to real accounts or back: another store, so another core.
      unsubscribe();
      if (!current.demo) await current.core.setAccounts([], forget);
      await current.close();
      if (current.demo) forgetInStore(options, forget);
      current = await openCore(options, accounts, allWarnings);
      unsubscribe = current.core.onPush(forward);
      forward('ticketsChanged', { upserted: [], removed: [], bulk: true });
      forward('syncStatusChanged', current.core.syncStatus());
    },
    async close() {
      unsubscribe();
      listeners.clear();
      await current.close();
    },
  };
}

async function openCore(options: WorkspaceOptions, accounts: AccountConfig[], warnings: string[]): Promise<OpenCore> {
  if (accounts.length > 0 || options.noDemo === true) {
    const core = new TriageCore({
      dataDir: options.dataDir,
      accounts,
      slaPolicy: options.slaPolicy,
      macros: options.macros,
      warnings,
      tokenVault: options.tokenVault,
      rateLimitShare: options.rateLimitShare,
    });
    // The window asks for a view first: it is ready before the first sync page or request.
    core.prepareQueue();
    core.startPolling(options.pollIntervalMs);
    return { core, demo: false, close: () => core.close() };
  }
  const simulator = await startZendeskSimulator({ activityIntervalMs: options.demoActivityMs });
  const credentials = { email: 'agent@demo.test', token: 'demo-token' };
  const demoDir = join(options.dataDir, 'demo');
  rmSync(demoDir, { recursive: true, force: true });
  const core = new TriageCore({
    dataDir: demoDir,
    accounts: [{ id: DEMO_ACCOUNT_ID, type: 'zendesk', baseUrl: simulator.url, auth: { type: 'apiToken', ...credentials }, planField: 'plan' }],
    demoAccountIds: new Set([DEMO_ACCOUNT_ID]),
    slaPolicy: options.slaPolicy,
    macros: options.macros,
    warnings,
  });
  core.startPolling(DEMO_POLL_MS);
  return {
    core,
    demo: true,
    close: async () => {
      await core.close();
      await simulator.close();
    },
  };
}

/** While the demo is open the real store is closed: open it just long enough to forget removed accounts. */
function forgetInStore(options: WorkspaceOptions, forget: readonly string[]): void {
  if (forget.length === 0) return;
  const db = openDatabase(join(options.dataDir, DATABASE_FILE_NAME));
  try {
    for (const accountId of forget) forgetAccount(db, accountId);
  } finally {
    db.close();
  }
}
