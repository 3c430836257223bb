import { afterEach, describe, expect, it } from 'vitest';
import { seedOf, type StoredZendeskTokens } from '../../main/core/auth/zendesk-token-vault.ts';
import { type CoreConnection, startCoreWorker } from '../../main/core/worker/core-client.ts';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import type { SyncStatus } from '../../shared/domain/sync-status.ts';
import type { AccountConfig } from '../../shared/settings/account-config.ts';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/index.ts';
import { useTempDirs } from '../support/temp-dir.ts';

// The accounts screen's changes reach the running core worker without a restart: the demo closes once a real
// account exists, a removed account's tickets leave, and the demo comes back when none is left.
describe('the core worker, reconfigured', () => {
  const tempDir = useTempDirs();
  let core: CoreConnection | null = null;
  let simulator: ZendeskSimulator | null = null;
  afterEach(async () => {
    await core?.close();
    await simulator?.close();
    core = null;
    simulator = null;
  });

  const accountsOf = async (connection: CoreConnection): Promise<string[]> =>
    ((await connection.request('getSyncStatus', {})) as SyncStatus).accounts.map((account) => (account.demo ? 'demo' : account.accountId));
  const ticketsOf = async (connection: CoreConnection): Promise<string[]> =>
    ((await connection.request('listTickets', { view: 'all_open', limit: 5000 })) as { tickets: { accountId: string }[] }).tickets.map((t) => t.accountId);

  async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`still waiting for ${what}`);
  }

  it('moves from the demo to a real account and back', async () => {
    simulator = await startZendeskSimulator({ seed: 5, organizations: 5, tickets: 12 });
    const account: AccountConfig = { id: 'acme-zd', type: 'zendesk', baseUrl: simulator.url, planField: 'plan', auth: { type: 'apiToken', ...simulator.credentials } };
    const connection = await startCoreWorker(new URL('../../main/core/worker/core-worker.ts', import.meta.url), {
      dataDir: tempDir(),
      accounts: [],
      pollIntervalMs: 60_000,
      slaPolicy: DEFAULT_SLA_POLICY,
      demoActivityMs: 60_000,
      warnings: ['settings were kept aside'],
    });
    core = connection;
    const pushes: string[] = [];
    connection.onPush((name, payload) => {
      if (name === 'ticketsChanged' && (payload as { bulk: boolean }).bulk) pushes.push('bulk');
    });
    expect(await accountsOf(connection)).toEqual(['demo']);

    await connection.useAccounts({ accounts: [account], warnings: ['Account "other": enter its token again'], forget: [] });
    expect(await accountsOf(connection)).toEqual(['acme-zd']);
    expect(((await connection.request('getSyncStatus', {})) as SyncStatus).warnings).toEqual(['settings were kept aside', 'Account "other": enter its token again']);
    expect(pushes).toContain('bulk');
    await waitFor(async () => (await ticketsOf(connection)).length > 0, 'the account\'s tickets');
    expect(new Set(await ticketsOf(connection))).toEqual(new Set(['acme-zd']));

    // The same account with another plan field restarts its sync; the tickets stay.
    await connection.useAccounts({ accounts: [{ ...account, planField: 'tier' }], warnings: [], forget: [] });
    expect(await accountsOf(connection)).toEqual(['acme-zd']);
    expect((await ticketsOf(connection)).length).toBeGreaterThan(0);

    // Removed: its tickets go, and with no account left the demo opens again.
    await connection.useAccounts({ accounts: [], warnings: [], forget: ['acme-zd'] });
    expect(await accountsOf(connection)).toEqual(['demo']);
    expect(await ticketsOf(connection)).not.toContain('acme-zd');
  });

  it('adds and removes one account beside another without touching it', async () => {
    simulator = await startZendeskSimulator({ seed: 6, organizations: 5, tickets: 8 });
    const first: AccountConfig = { id: 'first', type: 'zendesk', baseUrl: simulator.url, planField: 'plan', auth: { type: 'apiToken', ...simulator.credentials } };
    const second: AccountConfig = { ...first, id: 'second' };
    const connection = await startCoreWorker(new URL('../../main/core/worker/core-worker.ts', import.meta.url), {
      dataDir: tempDir(),
      accounts: [first],
      pollIntervalMs: 60_000,
      slaPolicy: DEFAULT_SLA_POLICY,
      demoActivityMs: 60_000,
      warnings: [],
    });
    core = connection;
    await waitFor(async () => (await ticketsOf(connection)).includes('first'), 'the first account\'s tickets');
    await connection.useAccounts({ accounts: [first, second], warnings: [], forget: [] });
    await waitFor(async () => (await ticketsOf(connection)).includes('second'), 'the second account\'s tickets');
    await connection.useAccounts({ accounts: [first], warnings: [], forget: ['second'] });
    expect(await accountsOf(connection)).toEqual(['first']);
    expect(new Set(await ticketsOf(connection))).toEqual(new Set(['first']));
  });

  it('asks the host to keep the pair Zendesk rotates to (safeStorage works only on the host\'s main thread)', async () => {
    simulator = await startZendeskSimulator({ seed: 7, organizations: 3, tickets: 4 });
    const signedIn = simulator.oauth.issue();
    const kept: { accountId: string; stored: StoredZendeskTokens }[] = [];
    const hostVault = {
      read: (accountId: string) => Promise.resolve(kept.findLast((entry) => entry.accountId === accountId)?.stored ?? null),
      write: (accountId: string, stored: StoredZendeskTokens) => {
        kept.push({ accountId, stored });
        return Promise.resolve();
      },
    };
    const account: AccountConfig = {
      id: 'acme-oauth',
      type: 'zendesk',
      baseUrl: simulator.url,
      planField: 'plan',
      auth: { type: 'oauth', clientId: 'triage-desk', accessToken: signedIn.access_token, refreshToken: signedIn.refresh_token },
    };
    const connection = await startCoreWorker(
      new URL('../../main/core/worker/core-worker.ts', import.meta.url),
      { dataDir: tempDir(), accounts: [account], pollIntervalMs: 200, slaPolicy: DEFAULT_SLA_POLICY, demoActivityMs: 60_000, warnings: [], tokensKeptByHost: true },
      hostVault,
    );
    core = connection;
    await waitFor(async () => (await ticketsOf(connection)).includes('acme-oauth'), 'the account\'s tickets');
    simulator.oauth.expireAccessTokens();
    await waitFor(() => Promise.resolve(kept.length > 0), 'a rotated pair handed to the host');
    expect(kept[0]).toMatchObject({ accountId: 'acme-oauth', stored: { seed: seedOf(signedIn.refresh_token) } });
    expect(kept[0]!.stored.tokens.refreshToken).not.toBe(signedIn.refresh_token);
  });
});
