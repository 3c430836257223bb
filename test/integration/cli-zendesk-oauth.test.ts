import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import { runCli } from '../support/cli-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { writeConfigFile } from '../support/config-file.ts';

// `sync --once` with a Zendesk OAuth account, run as a user runs it: access tokens that expire every second, refresh
// tokens that rotate, and the rotated pair kept in the data folder for the next run.
describe('triage-desk sync with Zendesk OAuth', () => {
  const tempDir = useTempDirs();
  let simulator: ZendeskSimulator;

  beforeAll(async () => {
    simulator = await startZendeskSimulator({ seed: 17, organizations: 40, tickets: 1500, activityIntervalMs: false, oauth: { accessTokenLifetimeSeconds: 1 } });
  });
  afterEach(() => {
    simulator.faults.delayMs = 0;
  });
  afterAll(async () => {
    await simulator.close();
  });

  function writeConfig(dir: string, pair: { access_token: string; refresh_token: string }): string {
    const auth = { type: 'oauth', accessToken: pair.access_token, refreshToken: pair.refresh_token, clientId: simulator.oauth.settings.clientId };
    return writeConfigFile(dir, { accounts: [{ id: 'acme-zd', type: 'zendesk', baseUrl: simulator.url, auth }] });
  }

  it('rotates the tokens several times during one sync and starts the next run from the newest pair', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, simulator.oauth.issue());
    // Slow answers stretch the sync over several lifetimes of the access token.
    simulator.faults.delayMs = 300;
    const refreshesBefore = simulator.oauth.refreshes;
    const first = await runCli(['sync', '--config', config, '--data-dir', dir, '--once']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(simulator.oauth.refreshes - refreshesBefore).toBeGreaterThanOrEqual(3);

    // The configured pair was revoked by the first rotation: this run authenticates only if the newest pair was kept.
    simulator.faults.delayMs = 0;
    const second = await runCli(['sync', '--config', config, '--data-dir', dir, '--once']);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const listed = await runCli(['tickets', '--data-dir', dir, '--json']);
    expect((JSON.parse(listed.stdout) as unknown[]).length).toBeGreaterThan(1000);

    // Access revoked, the user signs in again and pastes the new pair: it wins over the stale pair in the data folder.
    simulator.oauth.revokeAll();
    writeConfig(dir, simulator.oauth.issue());
    const third = await runCli(['sync', '--config', config, '--data-dir', dir, '--once']);
    expect(third.stderr).toBe('');
    expect(third.code).toBe(0);
  });

  /** Plays the user: opens the address `auth zendesk` prints, following the redirects; answers the page's status. */
  async function openPrintedAddress(child: ReturnType<typeof runCli>['child']): Promise<number> {
    const url = await new Promise<string>((resolve) => {
      let printed = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        const address = /\n {2}(http\S+)\n/.exec(printed)?.[1];
        if (address) resolve(address);
      });
    });
    const page = await fetch(url);
    await page.arrayBuffer();
    return page.status;
  }

  it('signs in with `auth zendesk` and prints the auth for the config file', async () => {
    const signIn = runCli(['auth', 'zendesk', '--base-url', simulator.url, '--client-id', simulator.oauth.settings.clientId]);
    expect(await openPrintedAddress(signIn.child)).toBe(200);
    const result = await signIn;
    expect(result.code).toBe(0);
    const auth = JSON.parse(result.stdout) as Record<string, string>;
    expect(auth).toEqual({ type: 'oauth', accessToken: expect.any(String), refreshToken: expect.any(String), clientId: 'triage-desk' });
    const me = await fetch(`${simulator.url}/api/v2/users/me.json`, { headers: { authorization: `Bearer ${auth.accessToken}` } });
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe('admin');

    simulator.oauth.settings.denyAuthorization = true;
    try {
      const denied = runCli(['auth', 'zendesk', '--base-url', simulator.url, '--client-id', 'triage-desk']);
      expect(await openPrintedAddress(denied.child)).toBe(403);
      const refused = await denied;
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/triage-desk auth: access to Zendesk was denied in the browser \(access_denied\)/);
    } finally {
      simulator.oauth.settings.denyAuthorization = false;
    }
  });

  it('exits 2 naming the account when the sign-in has been revoked', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, simulator.oauth.issue());
    simulator.oauth.revokeAll();
    const sync = await runCli(['sync', '--config', config, '--data-dir', dir, '--once']);
    expect(sync.code).toBe(2);
    expect(sync.stderr).toMatch(/^triage-desk sync: account "acme-zd": Zendesk would not renew the sign-in of OAuth client triage-desk \(HTTP 400 invalid_grant[^\n]*\); sign in to Zendesk again\n$/);
  });
});
