import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCoreWorker, type CoreConnection } from '../../main/core/worker/core-client.ts';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import type { SyncStatus } from '../../shared/domain/sync-status.ts';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/index.ts';

// The core in its worker thread, as both hosts run it: requests validated against the contract, pushes delivered.
describe('the core worker', () => {
  const tempDir = useTempDirs();
  let simulator: ZendeskSimulator;
  let core: CoreConnection | null = null;

  beforeEach(async () => {
    simulator = await startZendeskSimulator({ seed: 2, organizations: 20, tickets: 50 });
  });
  afterEach(async () => {
    await core?.close();
    core = null;
    await simulator.close();
  });

  async function start(): Promise<CoreConnection> {
    core = await startCoreWorker(new URL('../../main/core/worker/core-worker.ts', import.meta.url), {
      dataDir: tempDir(),
      accounts: [{ id: 'zd', type: 'zendesk', baseUrl: simulator.url, auth: { type: 'apiToken', ...simulator.credentials }, planField: 'plan' }],
      pollIntervalMs: 200,
      slaPolicy: DEFAULT_SLA_POLICY,
      demoActivityMs: 4000,
      warnings: [],
    });
    return core;
  }

  it('answers the contract and pushes a ticket the helpdesk adds', async () => {
    const connection = await start();
    // Once the first sync is in: its own tickets are announced in bulk, not listed.
    await new Promise<void>((resolve) =>
      connection.onPush((name, payload) => {
        if (name === 'syncStatusChanged' && (payload as SyncStatus).accounts[0]?.lastSuccessAt) resolve();
      }),
    );
    const arrived = new Promise<unknown>((resolve) =>
      connection.onPush((name, payload) => {
        const upserted = name === 'ticketsChanged' ? (payload as { upserted: { subject: string }[] }).upserted : [];
        if (upserted.some((t) => t.subject === 'Monthly credits exhausted on day 3')) resolve(payload);
      }),
    );
    simulator.addTicket({ subject: 'Monthly credits exhausted on day 3', priority: 'normal' });
    await arrived;
    const page = (await connection.request('listTickets', { view: 'p3' })) as { total: number; tickets: { severity: string }[] };
    expect(page.total).toBeGreaterThan(0);
    expect(new Set(page.tickets.map((t) => t.severity))).toEqual(new Set(['P3']));
  });

  it('refuses a request that breaks the contract, naming the field', async () => {
    const connection = await start();
    await expect(connection.request('listTickets', { view: 'everything', limit: -1 })).rejects.toMatchObject({
      name: 'TriageContractError',
      message: expect.stringMatching(/^listTickets: view: .*; limit: /),
    });
  });
});
