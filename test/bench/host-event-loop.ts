// The host's main thread while the core worker runs a first sync of 100,000 tickets: the path the shell and the browser
// host take (main/core/worker/core-client.ts), each push relayed as the browser host relays it to its sockets, and the
// main thread's event loop sampled with monitorEventLoopDelay from before the worker starts until the sync is done.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SyncStatus } from '../../shared/domain/sync-status.ts';
import type { AccountConfig } from '../../shared/settings/account-config.ts';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/index.ts';
import { startCoreWorker } from '../../main/core/worker/core-client.ts';

/** No second poll while the first sync is measured. */
const POLL_INTERVAL_MS = 3_600_000;

/** The longest the host's event loop waited (ms) while the worker synced `account` from scratch into `dataDir`. */
export async function maxHostEventLoopDelayMs(dataDir: string, account: AccountConfig): Promise<number> {
  const delays = monitorEventLoopDelay({ resolution: 10 });
  delays.enable();
  const core = await startCoreWorker(new URL('../../main/core/worker/core-worker.ts', import.meta.url), {
    dataDir,
    accounts: [account],
    pollIntervalMs: POLL_INTERVAL_MS,
    slaPolicy: DEFAULT_SLA_POLICY,
    demoActivityMs: 0,
    warnings: [],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      core.onPush((name, payload) => {
        // What the browser host does with every push: one JSON message to each socket.
        JSON.stringify({ name, payload });
        if (name !== 'syncStatusChanged') return;
        const [status] = (payload as SyncStatus).accounts;
        if (status?.state === 'idle' && status.lastSuccessAt !== null) resolve();
        else if (status && status.state !== 'syncing' && status.state !== 'starting') reject(new Error(`the worker's sync ended ${status.state}: ${status.lastError}`));
      });
    });
  } finally {
    delays.disable();
    await core.close();
  }
  return delays.max / 1e6;
}
