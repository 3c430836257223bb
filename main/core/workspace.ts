import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountConfig } from '../../shared/settings/account-config.ts';
import type { SlaPolicy } from '../../shared/sla/index.ts';
import { startZendeskSimulator } from '../simulators/zendesk/server.ts';
import { TriageCore } from './triage-core.ts';

export interface WorkspaceOptions {
  dataDir: string;
  accounts: AccountConfig[];
  pollIntervalMs: number;
  slaPolicy: SlaPolicy;
  /** How often the demo's simulated customers write in. */
  demoActivityMs: number;
  warnings: string[];
}

export interface Workspace {
  core: TriageCore;
  demo: boolean;
  close(): Promise<void>;
}

export const DEMO_ACCOUNT_ID = 'demo';
// The demo's helpdesk is on loopback and has no rate limit: poll it often so new tickets show within seconds.
const DEMO_POLL_MS = 2_000;

/**
 * The accounts the user configured, or, with none, the demo workspace: a simulated Zendesk on loopback synced
 * through the real Zendesk connector into a store of its own that starts fresh each run.
 */
export async function openWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  if (options.accounts.length > 0) {
    const core = new TriageCore({ dataDir: options.dataDir, accounts: options.accounts, slaPolicy: options.slaPolicy, warnings: options.warnings });
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
    warnings: options.warnings,
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
