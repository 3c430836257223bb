// The window's focus reaching the core worker through the contract, as the renderer reports it: the next poll moves
// closer while the window is focused, further while it is not, and comes at once when focus makes it overdue.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/domain/sync-status.ts';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/index.ts';
import { startCoreWorker, type CoreConnection } from '../../main/core/worker/core-client.ts';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const BASE_MS = 60_000;

describe('adaptive polling in the core worker', () => {
  const tempDir = useTempDirs();
  let simulator: ZendeskSimulator;
  let core: CoreConnection | null = null;

  beforeEach(async () => {
    simulator = await startZendeskSimulator({ seed: 3, organizations: 5, tickets: 10 });
  });
  afterEach(async () => {
    await core?.close();
    core = null;
    await simulator.close();
  });

  /** The account's status once a poll has ended and the next is scheduled. */
  async function scheduled(connection: CoreConnection): Promise<{ lastSuccessAt: number; nextPollAt: number }> {
    for (;;) {
      const [account] = ((await connection.request('getSyncStatus', {})) as SyncStatus).accounts;
      if (account?.nextPollAt && account.lastSuccessAt) return { lastSuccessAt: Date.parse(account.lastSuccessAt), nextPollAt: Date.parse(account.nextPollAt) };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('polls twice as often while the window is focused and half as often while it is not', async () => {
    core = await startCoreWorker(new URL('../../main/core/worker/core-worker.ts', import.meta.url), {
      dataDir: tempDir(),
      accounts: [{ id: 'zd', type: 'zendesk', baseUrl: simulator.url, auth: { type: 'apiToken', ...simulator.credentials }, planField: 'plan' }],
      pollIntervalMs: BASE_MS,
      slaPolicy: DEFAULT_SLA_POLICY,
      demoActivityMs: 4000,
      warnings: [],
    });
    const first = await scheduled(core);
    // The base, counted from the end of the poll (a little after its success was recorded).
    expect(first.nextPollAt - first.lastSuccessAt).toBeGreaterThanOrEqual(BASE_MS);
    expect(first.nextPollAt - first.lastSuccessAt).toBeLessThan(BASE_MS + 5_000);

    expect(await core.request('reportWindowFocus', { focused: false })).toEqual({ focused: false });
    const unfocused = await scheduled(core);
    expect(unfocused.nextPollAt - first.nextPollAt).toBe(BASE_MS);

    await core.request('reportWindowFocus', { focused: true });
    const focused = await scheduled(core);
    expect(first.nextPollAt - focused.nextPollAt).toBe(BASE_MS / 2);
    await expect(core.request('reportWindowFocus', { focused: 'yes' })).rejects.toMatchObject({ name: 'TriageContractError' });
  });
});
