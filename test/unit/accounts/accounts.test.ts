import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Accounts } from '../../../main/core/accounts/accounts.ts';
import { configFileAccountsSource, settingsAccountsSource } from '../../../main/core/accounts/accounts-source.ts';
import { SESSION_ONLY_VAULT, type SecretVault } from '../../../main/core/accounts/secret-vault.ts';
import { ZendeskSignIns } from '../../../main/core/accounts/zendesk-sign-ins.ts';
import { seedOf } from '../../../main/core/auth/zendesk-token-vault.ts';
import { openNodeSettings } from '../../../main/core/settings/node-settings.ts';
import type { WorkspaceAccounts } from '../../../main/core/workspace.ts';
import { SafeStorageVault } from '../../../main/electron/safe-storage-vault.ts';
import type { AccountDraft } from '../../../shared/settings/account-draft.ts';
import { fakeSafeStorage } from '../../support/fake-safe-storage.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const TOKEN = 'zd-api-token-7f3a91';

/** A Zendesk draft; `token` null leaves the token out (keep the stored one). */
const zendesk = (overrides: Partial<Extract<AccountDraft, { type: 'zendesk' }>> = {}, token: string | null = TOKEN): AccountDraft => ({
  id: 'acme-zd',
  type: 'zendesk',
  baseUrl: 'https://acme.zendesk.com',
  planField: 'plan',
  auth: { type: 'apiToken', email: 'agent@acme.test', ...(token === null ? {} : { token }) },
  ...overrides,
});

// The accounts module on real settings files (conf, as the browser host uses it): what reaches the disk, the window
// and the core worker, with each vault.
describe('the accounts module', () => {
  const tempDir = useTempDirs();

  function open(dir: string, vault: SecretVault = SESSION_ONLY_VAULT, env: NodeJS.ProcessEnv = {}) {
    const { backend } = openNodeSettings(dir);
    const changes: WorkspaceAccounts[] = [];
    const accounts = new Accounts({
      source: settingsAccountsSource(backend),
      vault,
      env,
      onChanged: (change) => {
        changes.push(change);
        return Promise.resolve();
      },
      signIns: new ZendeskSignIns({
        openBrowser: null,
        authorize: async ({ openBrowser }) => {
          await openBrowser('https://acme.zendesk.com/oauth/authorizations/new?client_id=triage');
          return { accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: null };
        },
      }),
    });
    return { accounts, changes, file: () => readFileSync(backend.path, 'utf8') };
  }

  it('in the browser host, keeps a typed secret in memory only and hands it to the core', async () => {
    const dir = tempDir();
    const { accounts, changes, file } = open(dir);
    const summary = await accounts.add(zendesk(), false);
    expect(summary.secrets).toEqual([{ field: 'token', label: 'API token', state: 'session', envName: null }]);
    expect(file()).not.toContain(TOKEN);
    expect(JSON.parse(file()).accounts[0].auth.token).toBe('session:');
    expect(changes).toHaveLength(1);
    expect(changes[0]!.accounts[0]).toMatchObject({ id: 'acme-zd', auth: { token: TOKEN } });
    expect(JSON.stringify(await accounts.list())).not.toContain(TOKEN);

    // The next start: the account is listed, but cannot sync until the token is entered again.
    const restarted = open(dir).accounts;
    expect((await restarted.list()).accounts[0]!.secrets[0]!.state).toBe('needs_entry');
    const usable = await restarted.usable();
    expect(usable.accounts).toEqual([]);
    expect(usable.warnings).toEqual(['Account "acme-zd": its API token was kept for the last session only: enter it again in Accounts; it does not sync until then.']);
  });

  it('stores env:NAME as written and reads the variable where the host runs', async () => {
    const { accounts, changes, file } = open(tempDir(), SESSION_ONLY_VAULT, { ACME_TOKEN: TOKEN });
    await accounts.add(zendesk({}, 'env:ACME_TOKEN'), false);
    expect(JSON.parse(file()).accounts[0].auth.token).toBe('env:ACME_TOKEN');
    expect(changes[0]!.accounts[0]).toMatchObject({ auth: { token: TOKEN } });
    expect((await accounts.list()).accounts[0]!.secrets[0]).toMatchObject({ state: 'environment', envName: 'ACME_TOKEN' });

    await accounts.add(zendesk({ id: 'other' }, 'env:UNSET_TOKEN'), false);
    expect((await accounts.list()).accounts[1]!.secrets[0]).toMatchObject({ state: 'environment_missing', envName: 'UNSET_TOKEN' });
    expect(changes[1]!.warnings).toEqual(['Account "other": its API token reads environment variable UNSET_TOKEN is not set where the host runs; it does not sync until then.']);
  });

  it('in the shell, writes only safeStorage ciphertext and reads it back on the next start', async () => {
    const dir = tempDir();
    const { accounts, file } = open(dir, new SafeStorageVault(fakeSafeStorage(), 'linux'));
    expect((await accounts.list()).secretStorage.kind).toBe('encrypted');
    await accounts.add(zendesk(), false);
    expect(file()).not.toContain(TOKEN);
    expect(JSON.parse(file()).accounts[0].auth.token).toMatch(/^safeStorage:/);
    expect((await accounts.list()).accounts[0]!.secrets[0]!.state).toBe('encrypted');

    const restarted = open(dir, new SafeStorageVault(fakeSafeStorage(), 'linux')).accounts;
    expect((await restarted.usable()).accounts[0]).toMatchObject({ auth: { token: TOKEN } });
  });

  it('on basic_text, stores a secret only when the user stores it anyway', async () => {
    const { accounts, file } = open(tempDir(), new SafeStorageVault(fakeSafeStorage({ backend: 'basic_text' }), 'linux'));
    expect((await accounts.list()).secretStorage.kind).toBe('weak');
    await accounts.add(zendesk(), false);
    expect(JSON.parse(file()).accounts[0].auth.token).toBe('session:');
    await accounts.add(zendesk({ id: 'stored-anyway' }), true);
    expect(JSON.parse(file()).accounts[1].auth.token).toMatch(/^safeStorage-basic_text:/);
    expect((await accounts.list()).accounts.map((account) => account.secrets[0]!.state)).toEqual(['session', 'weakly_encrypted']);
  });

  it('says when a ciphertext can no longer be decrypted (a reset keychain)', async () => {
    const dir = tempDir();
    await open(dir, new SafeStorageVault(fakeSafeStorage({ key: 'before' }), 'linux')).accounts.add(zendesk(), false);
    const afterReset = open(dir, new SafeStorageVault(fakeSafeStorage({ key: 'after' }), 'linux')).accounts;
    expect((await afterReset.usable()).warnings[0]).toMatch(/^Account "acme-zd": its API token can no longer be decrypted .*enter it again in Accounts/);
    expect((await afterReset.list()).accounts[0]!.secrets[0]!.state).toBe('unreadable');
  });

  it('keeps a secret left out of an edit, but only for the same helpdesk', async () => {
    const { accounts, changes, file } = open(tempDir());
    await accounts.add(zendesk(), false);
    await accounts.edit(zendesk({ planField: 'tier' }, null), false);
    expect(JSON.parse(file()).accounts[0]).toMatchObject({ planField: 'tier', auth: { token: 'session:' } });
    expect(changes[1]).toMatchObject({ forget: [], accounts: [{ planField: 'tier', auth: { token: TOKEN } }] });

    await expect(accounts.edit(zendesk({ baseUrl: 'https://attacker.example' }, null), false)).rejects.toThrow(
      'Enter the API token again: the helpdesk or its sign-in changed.',
    );
    await accounts.edit(zendesk({ baseUrl: 'https://acme2.zendesk.com' }, 'new-token'), false);
    // Another helpdesk behind the same name: its old tickets go.
    expect(changes[2]).toMatchObject({ forget: ['acme-zd'], accounts: [{ baseUrl: 'https://acme2.zendesk.com', auth: { token: 'new-token' } }] });
  });

  it('never sends a stored secret to a base URL a draft made up when testing it', async () => {
    const { accounts } = open(tempDir());
    await accounts.add(zendesk(), false);
    expect(await accounts.testConnection(zendesk({ baseUrl: 'https://attacker.invalid' }, null))).toEqual({
      ok: false,
      problem: 'credentials',
      field: 'auth.token',
      message: 'Enter the API token.',
    });
  });

  it('removes an account, its session secrets and, in the core, its tickets', async () => {
    const { accounts, changes } = open(tempDir());
    await accounts.add(zendesk(), false);
    expect(await accounts.remove('acme-zd')).toEqual({ removed: 'acme-zd' });
    expect((await accounts.list()).accounts).toEqual([]);
    expect(changes[1]).toEqual({ accounts: [], warnings: [], forget: ['acme-zd'] });
    await expect(accounts.remove('acme-zd')).rejects.toThrow(/no account named "acme-zd"/);
  });

  it('refuses a second account of the same name', async () => {
    const { accounts } = open(tempDir());
    await accounts.add(zendesk(), false);
    await expect(accounts.add(zendesk(), false)).rejects.toThrow('There is already an account named "acme-zd": choose another name.');
  });

  it('lists the accounts of a --config file but leaves changing them to the file', async () => {
    const dir = tempDir();
    const config = `${dir}/accounts.json`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(config, JSON.stringify({ accounts: [{ id: 'cli', type: 'intercom', auth: { type: 'bearer', token: 'env:INTERCOM_TOKEN' } }] }));
    const accounts = new Accounts({ source: configFileAccountsSource(config), vault: SESSION_ONLY_VAULT, env: {}, onChanged: () => Promise.resolve() });
    const listing = await accounts.list();
    expect(listing.readOnly).toMatch(/come from .*accounts\.json \(--config\)/);
    expect(listing.accounts[0]).toMatchObject({ id: 'cli', baseUrl: 'https://api.intercom.io', secrets: [{ state: 'environment_missing', envName: 'INTERCOM_TOKEN' }] });
    await expect(accounts.remove('cli')).rejects.toThrow(/edit that file/);
  });

  it('saves a Zendesk sign-in with its tokens sealed, and keeps the pair Zendesk rotates to', async () => {
    const dir = tempDir();
    const safeStorage = fakeSafeStorage();
    const { accounts, changes, file } = open(dir, new SafeStorageVault(safeStorage, 'linux'));
    const { signInId, authorizeUrl, openedByHost } = await accounts.signIns.start('https://acme.zendesk.com', 'triage');
    expect({ authorizeUrl, openedByHost }).toEqual({ authorizeUrl: 'https://acme.zendesk.com/oauth/authorizations/new?client_id=triage', openedByHost: false });
    await accounts.signIns.finish(signInId);

    const draft: AccountDraft = { id: 'acme-zd', type: 'zendesk', baseUrl: 'https://acme.zendesk.com', planField: 'plan', auth: { type: 'oauth', clientId: 'triage', signInId } };
    const summary = await accounts.add(draft, false);
    expect(summary.secrets.map((secret) => secret.state)).toEqual(['encrypted', 'encrypted']);
    expect(file()).not.toContain('refresh-1');
    expect(changes[0]!.accounts[0]).toMatchObject({ auth: { type: 'oauth', accessToken: 'access-1', refreshToken: 'refresh-1', clientId: 'triage' } });

    const rotated = { tokens: { accessToken: 'access-2', refreshToken: 'refresh-2', expiresAt: null }, seed: seedOf('refresh-1') };
    await accounts.rotatedTokens.write('acme-zd', rotated);
    expect(await accounts.rotatedTokens.read('acme-zd')).toEqual(rotated);
    expect(file()).not.toContain('refresh-2');
    // A second rotation of the same chain, as the running sync still names it by the pair it started from.
    await accounts.rotatedTokens.write('acme-zd', { tokens: { accessToken: 'access-3', refreshToken: 'refresh-3', expiresAt: null }, seed: seedOf('refresh-1') });
    const nextStart = open(dir, new SafeStorageVault(fakeSafeStorage(), 'linux')).accounts;
    expect((await nextStart.usable()).accounts[0]).toMatchObject({ auth: { accessToken: 'access-3', refreshToken: 'refresh-3' } });

    // A rotation from a chain this account no longer holds (signed in again since) is not written over it.
    await accounts.rotatedTokens.write('acme-zd', { tokens: { accessToken: 'stale', refreshToken: 'stale', expiresAt: null }, seed: seedOf('unrelated') });
    expect((await open(dir, new SafeStorageVault(fakeSafeStorage(), 'linux')).accounts.usable()).accounts[0]).toMatchObject({ auth: { refreshToken: 'refresh-3' } });
  });

  it('uses a sign-in only for the Zendesk and client it was made for', async () => {
    const { accounts } = open(tempDir());
    const { signInId } = await accounts.signIns.start('https://acme.zendesk.com', 'triage');
    await accounts.signIns.finish(signInId);
    const draft: AccountDraft = { id: 'acme-zd', type: 'zendesk', baseUrl: 'https://attacker.example', planField: 'plan', auth: { type: 'oauth', clientId: 'triage', signInId } };
    await expect(accounts.add(draft, false)).rejects.toThrow('The sign-in was for another Zendesk or OAuth client: sign in with Zendesk again.');
  });
});
