import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPkcePair } from '../../main/core/auth/pkce.ts';
import { authorizeZendeskInBrowser, ZENDESK_REDIRECT_PATH } from '../../main/core/auth/zendesk-browser-sign-in.ts';
import { ZendeskOAuthSession } from '../../main/core/auth/zendesk-oauth-session.ts';
import { seedOf } from '../../main/core/auth/zendesk-token-vault.ts';
import { refreshZendeskTokens, ZendeskGrantRefusedError, type ZendeskTokens } from '../../main/core/auth/zendesk-tokens.ts';
import { AuthenticationError } from '../../main/core/connectors/helpdesk-connector.ts';
import { openDatabase } from '../../main/core/store/database.ts';
import { ZendeskTokenTable } from '../../main/core/store/zendesk-token-table.ts';
import { REAL_HTTP, type RetryPolicy } from '../../main/core/sync/helpdesk-http.ts';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import { useTempDirs } from '../support/temp-dir.ts';

// The browser sign-in, the simulator's OAuth server and token rotation, over real loopback HTTP. The test plays the
// browser: it follows the authorization page's redirect back to the app's loopback listener.
const FAST_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 };
const CLIENT_ID = 'triage-desk';

describe('Zendesk OAuth', () => {
  const tempDir = useTempDirs();
  let simulator: ZendeskSimulator;
  const databases: DatabaseSync[] = [];

  beforeEach(async () => {
    simulator = await startZendeskSimulator({ seed: 5, organizations: 10, tickets: 20, activityIntervalMs: false });
  });
  afterEach(async () => {
    for (const db of databases.splice(0)) db.close();
    await simulator.close();
  });

  function tokenTable(): ZendeskTokenTable {
    const db = openDatabase(`${tempDir()}/triage.sqlite`);
    databases.push(db);
    return new ZendeskTokenTable(db);
  }

  /** A browser that opens the page and follows every redirect, keeping what it was last shown. */
  function browser(): { open: (url: string) => void; page: () => Promise<{ status: number; text: string }>; opened: () => URL } {
    let visit: Promise<{ status: number; text: string }> | null = null;
    let openedUrl: URL | null = null;
    return {
      open: (url) => {
        openedUrl = new URL(url);
        visit = fetch(url).then(async (response) => ({ status: response.status, text: await response.text() }));
      },
      page: () => visit!,
      opened: () => openedUrl!,
    };
  }

  async function apiStatus(accessToken: string): Promise<number> {
    const response = await fetch(`${simulator.url}/api/v2/users/me.json`, { headers: { authorization: `Bearer ${accessToken}` } });
    await response.arrayBuffer();
    return response.status;
  }

  it('signs in through the browser with PKCE and state, and the tokens open the API', async () => {
    const user = browser();
    const tokens = await authorizeZendeskInBrowser({ baseUrl: simulator.url, clientId: CLIENT_ID, openBrowser: user.open, retry: FAST_RETRY });
    const opened = user.opened();
    expect(opened.pathname).toBe('/oauth/authorizations/new');
    expect(Object.fromEntries(opened.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      scope: 'read write',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      state: expect.stringMatching(/^[A-Za-z0-9_-]{22,}$/),
      redirect_uri: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${ZENDESK_REDIRECT_PATH}$`)),
    });
    const page = await user.page();
    expect(page.status).toBe(200);
    expect(page.text).toContain('You can close this tab');
    expect(tokens.expiresAt).not.toBeNull();
    expect(Date.parse(tokens.expiresAt!) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(await apiStatus(tokens.accessToken)).toBe(200);
    // The listener was one-shot: the redirect address no longer answers.
    await expect(fetch(opened.searchParams.get('redirect_uri')!)).rejects.toThrow();
  });

  it('says so when access is denied in the browser', async () => {
    simulator.oauth.settings.denyAuthorization = true;
    const user = browser();
    await expect(authorizeZendeskInBrowser({ baseUrl: simulator.url, clientId: CLIENT_ID, openBrowser: user.open, retry: FAST_RETRY })).rejects.toThrow(
      /access to Zendesk was denied in the browser \(access_denied\); to connect the account, sign in again and allow access/,
    );
    const page = await user.page();
    expect(page.status).toBe(403);
    expect(page.text).toContain('You can close this tab');
    expect(simulator.requests.some((r) => r.path.startsWith('/oauth/tokens'))).toBe(false);
  });

  it('refuses a redirect that does not carry the state it sent, without trading the code', async () => {
    let shown: Promise<number> | null = null;
    const forged = (url: string): void => {
      shown = (async () => {
        const authorize = await fetch(url, { redirect: 'manual' });
        const back = new URL(authorize.headers.get('location')!);
        back.searchParams.set('state', 'someone-elses-state');
        const response = await fetch(back);
        await response.arrayBuffer();
        return response.status;
      })();
    };
    await expect(authorizeZendeskInBrowser({ baseUrl: simulator.url, clientId: CLIENT_ID, openBrowser: forged, retry: FAST_RETRY })).rejects.toThrow(
      /state mismatch/,
    );
    expect(await shown!).toBe(400);
    expect(simulator.requests.some((r) => r.path.startsWith('/oauth/tokens'))).toBe(false);
  });

  it('gives up when the browser does not come back in time, and when the sign-in is cancelled', async () => {
    let redirectUri = '';
    const neverBack = (url: string): void => {
      redirectUri = new URL(url).searchParams.get('redirect_uri')!;
    };
    await expect(authorizeZendeskInBrowser({ baseUrl: simulator.url, clientId: CLIENT_ID, openBrowser: neverBack, timeoutMs: 200 })).rejects.toThrow(
      /did not come back from Zendesk within 1 s; start the sign-in again/,
    );
    await expect(fetch(redirectUri)).rejects.toThrow();

    const cancel = new AbortController();
    const signIn = authorizeZendeskInBrowser({ baseUrl: simulator.url, clientId: CLIENT_ID, openBrowser: () => cancel.abort(), signal: cancel.signal });
    await expect(signIn).rejects.toThrow(/Zendesk sign-in cancelled/);
  });

  it('checks the PKCE verifier and uses a code once', async () => {
    const pkce = createPkcePair();
    const redirectUri = 'http://127.0.0.1:1/callback';
    const authorize = new URL(`${simulator.url}/oauth/authorizations/new`);
    authorize.search = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri, state: 's', code_challenge: pkce.challenge, code_challenge_method: 'S256' }).toString();
    const redirect = await fetch(authorize, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const code = new URL(redirect.headers.get('location')!).searchParams.get('code')!;
    const exchange = (verifier: string): Promise<Response> =>
      fetch(`${simulator.url}/oauth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'authorization_code', code, client_id: CLIENT_ID, redirect_uri: redirectUri, code_verifier: verifier }),
      });
    const wrong = await exchange(createPkcePair().verifier);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    // A failed exchange spends the code, as a stolen code tried first would.
    const again = await exchange(pkce.verifier);
    expect(again.status).toBe(400);
  });

  it('rotates on refresh: the old pair is revoked at once', async () => {
    const first = simulator.oauth.issue();
    const next = await refreshZendeskTokens({ baseUrl: simulator.url, clientId: CLIENT_ID, refreshToken: first.refresh_token, retry: FAST_RETRY });
    expect(next.refreshToken).not.toBe(first.refresh_token);
    expect(await apiStatus(first.access_token)).toBe(401);
    expect(await apiStatus(next.accessToken)).toBe(200);
    const reuse = refreshZendeskTokens({ baseUrl: simulator.url, clientId: CLIENT_ID, refreshToken: first.refresh_token, retry: FAST_RETRY });
    await expect(reuse).rejects.toBeInstanceOf(ZendeskGrantRefusedError);
    await expect(reuse).rejects.toMatchObject({ status: 400, error: 'invalid_grant' });
  });

  it('takes its settings from /__control/oauth and hands out a signed-in pair', async () => {
    const control = (body: unknown): Promise<Response> =>
      fetch(`${simulator.url}/__control/oauth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = await control({ accessTokenLifetimeSeconds: 60, issueTokens: true });
    expect(answer.status).toBe(200);
    const { tokens, accessTokenLifetimeSeconds } = (await answer.json()) as { tokens: { access_token: string; expires_in: number }; accessTokenLifetimeSeconds: number };
    expect(accessTokenLifetimeSeconds).toBe(60);
    expect(tokens.expires_in).toBe(60);
    expect(await apiStatus(tokens.access_token)).toBe(200);
    expect((await control({ revokeTokens: true })).status).toBe(200);
    expect(await apiStatus(tokens.access_token)).toBe(401);
    const refused = await control({ accessTokenLifetimeSeconds: 0, denyAuthorization: true });
    expect(refused.status).toBe(422);
    expect(simulator.oauth.settings).toMatchObject({ accessTokenLifetimeSeconds: 60, denyAuthorization: false });
  });

  describe('a sync session', () => {
    function session(tokens: { access_token: string; refresh_token: string }, vault?: ZendeskTokenTable): ZendeskOAuthSession {
      return new ZendeskOAuthSession({
        accountId: 'acme-zd',
        baseUrl: simulator.url,
        auth: { type: 'oauth', accessToken: tokens.access_token, refreshToken: tokens.refresh_token, clientId: CLIENT_ID },
        retry: FAST_RETRY,
        http: REAL_HTTP,
        ...(vault ? { vault } : {}),
      });
    }

    it('renews once for requests refused together, and keeps the new pair in the vault', async () => {
      const configured = simulator.oauth.issue();
      const vault = tokenTable();
      const oauth = session(configured, vault);
      const refused = await oauth.authorization();
      simulator.oauth.expireAccessTokens();
      await Promise.all(Array.from({ length: 6 }, () => oauth.renewAfterRefusal(refused)));
      expect(simulator.oauth.refreshes).toBe(1);
      const renewed = await oauth.authorization();
      expect(renewed).not.toBe(refused);
      expect(await apiStatus(renewed.slice('Bearer '.length))).toBe(200);
      const stored = await vault.read('acme-zd');
      expect(stored).toMatchObject({ seed: seedOf(configured.refresh_token), tokens: { accessToken: renewed.slice('Bearer '.length) } });
    });

    it('renews before the access token expires, once for every request that needs it', async () => {
      simulator.oauth.settings.accessTokenLifetimeSeconds = 1;
      const configured = simulator.oauth.issue();
      const vault = tokenTable();
      // A stored pair of this configuration that is about to expire: the session starts from it.
      await vault.write('acme-zd', { seed: seedOf(configured.refresh_token), tokens: tokensOf(configured, new Date(Date.now() + 50).toISOString()) });
      const oauth = session(configured, vault);
      await new Promise((resolve) => setTimeout(resolve, 60));
      const headers = await Promise.all(Array.from({ length: 5 }, () => oauth.authorization()));
      expect(new Set(headers).size).toBe(1);
      expect(simulator.oauth.refreshes).toBe(1);
      expect(headers[0]).not.toBe(`Bearer ${configured.access_token}`);
    });

    it('uses the configured pair when it is not the one the stored chain started from', async () => {
      const old = simulator.oauth.issue();
      const vault = tokenTable();
      await vault.write('acme-zd', { seed: seedOf(old.refresh_token), tokens: tokensOf(old, null) });
      const pasted = simulator.oauth.issue();
      expect(await session(pasted, vault).authorization()).toBe(`Bearer ${pasted.access_token}`);
      expect(await session(old, vault).authorization()).toBe(`Bearer ${old.access_token}`);
    });

    it('asks the user to sign in again when the refresh token is revoked', async () => {
      const oauth = session(simulator.oauth.issue());
      const refused = await oauth.authorization();
      simulator.oauth.revokeAll();
      const renewal = oauth.renewAfterRefusal(refused);
      await expect(renewal).rejects.toBeInstanceOf(AuthenticationError);
      await expect(renewal).rejects.toThrow(/^account "acme-zd": Zendesk would not renew the sign-in of OAuth client triage-desk \(HTTP 400 invalid_grant.*\); sign in to Zendesk again$/);
    });
  });
});

function tokensOf(pair: { access_token: string; refresh_token: string }, expiresAt: string | null): ZendeskTokens {
  return { accessToken: pair.access_token, refreshToken: pair.refresh_token, expiresAt };
}
