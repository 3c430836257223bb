import type { ZendeskOAuthAuth } from '../../../shared/settings/account-config.ts';
import type { z } from 'zod';
import { AuthenticationError } from '../connectors/helpdesk-connector.ts';
import type { HttpDeps, RetryPolicy } from '../sync/helpdesk-http.ts';
import { seedOf, type ZendeskTokenVault } from './zendesk-token-vault.ts';
import { refreshZendeskTokens, ZendeskGrantRefusedError, type ZendeskTokens } from './zendesk-tokens.ts';

/** Renew this long before the access token's end (Zendesk's last 30 minutes by default), or a tenth of what is left if that is shorter. */
const RENEW_BEFORE_MS = 5 * 60_000;

interface CurrentPair {
  tokens: ZendeskTokens;
  /** When to renew before using it (epoch ms); null when its expiry is unknown: renewed when Zendesk answers 401. */
  renewAt: number | null;
}

export interface ZendeskOAuthSessionOptions {
  accountId: string;
  baseUrl: string;
  auth: z.infer<typeof ZendeskOAuthAuth>;
  /** Where rotated pairs are kept between runs; without one they last as long as the session. */
  vault?: ZendeskTokenVault;
  retry: RetryPolicy;
  http: HttpDeps;
}

/**
 * One Zendesk account's OAuth tokens while it syncs. Zendesk rotates on every refresh (the old pair is revoked as the
 * new one is sent), so: the pair in use is the newest the vault holds for the configured refresh token, or the
 * configured pair; it is renewed shortly before it expires and once when Zendesk answers 401; every request that
 * needs a renewal waits for the same one; and a new pair is handed to the vault before it is used.
 */
export class ZendeskOAuthSession {
  readonly #options: ZendeskOAuthSessionOptions;
  readonly #seed: string;
  #current: CurrentPair | null = null;
  #loading: Promise<CurrentPair> | null = null;
  #renewing: Promise<CurrentPair> | null = null;

  constructor(options: ZendeskOAuthSessionOptions) {
    this.#options = options;
    this.#seed = seedOf(options.auth.refreshToken);
  }

  /** The Authorization header for the next request, renewed first when the access token is about to expire. */
  async authorization(): Promise<string> {
    let pair = await this.#pair();
    if (pair.renewAt !== null && Date.now() >= pair.renewAt) pair = await this.#renew(pair);
    return `Bearer ${pair.tokens.accessToken}`;
  }

  /** Zendesk answered 401 to `refused`: renews the pair, unless a request refused the same way already did. */
  async renewAfterRefusal(refused: string): Promise<void> {
    const pair = await this.#pair();
    if (`Bearer ${pair.tokens.accessToken}` === refused) await this.#renew(pair);
  }

  #pair(): Promise<CurrentPair> {
    if (this.#current) return Promise.resolve(this.#current);
    this.#loading ??= this.#load();
    return this.#loading;
  }

  async #load(): Promise<CurrentPair> {
    const { auth } = this.#options;
    this.#current = pairOf((await this.#storedChain()) ?? { accessToken: auth.accessToken, refreshToken: auth.refreshToken, expiresAt: null });
    return this.#current;
  }

  /** The vault's pair when it descends from the configured refresh token (a pasted new pair makes it stale). */
  async #storedChain(): Promise<ZendeskTokens | null> {
    const stored = await this.#options.vault?.read(this.#options.accountId);
    return stored && stored.seed === this.#seed ? stored.tokens : null;
  }

  /** One renewal at a time: a second refresh would present the refresh token the first one has just revoked. */
  #renew(from: CurrentPair): Promise<CurrentPair> {
    if (this.#current !== from && this.#current !== null) return Promise.resolve(this.#current);
    this.#renewing ??= this.#refresh(from).finally(() => {
      this.#renewing = null;
    });
    return this.#renewing;
  }

  async #refresh(from: CurrentPair): Promise<CurrentPair> {
    const { accountId, baseUrl, auth, retry, http, vault } = this.#options;
    // Another process on the same vault (the app while `sync` runs in a terminal) may have rotated the pair already.
    let refreshToken = from.tokens.refreshToken;
    const stored = await this.#storedChain();
    if (stored && stored.refreshToken !== refreshToken) {
      const theirs = pairOf(stored);
      this.#current = theirs;
      if (theirs.renewAt === null || Date.now() < theirs.renewAt) return theirs;
      refreshToken = stored.refreshToken;
    }
    let tokens: ZendeskTokens;
    try {
      tokens = await refreshZendeskTokens({ baseUrl, clientId: auth.clientId, refreshToken, retry, http });
    } catch (error) {
      if (!(error instanceof ZendeskGrantRefusedError)) throw error;
      throw new AuthenticationError(
        `account "${accountId}": Zendesk would not renew the sign-in of OAuth client ${auth.clientId} (${error.reason}); sign in to Zendesk again`,
        { cause: error },
      );
    }
    this.#current = pairOf(tokens);
    await vault?.write(accountId, { tokens, seed: this.#seed });
    return this.#current;
  }
}

function pairOf(tokens: ZendeskTokens): CurrentPair {
  if (tokens.expiresAt === null) return { tokens, renewAt: null };
  const expiresAt = Date.parse(tokens.expiresAt);
  if (Number.isNaN(expiresAt)) return { tokens, renewAt: null };
  const left = Math.max(0, expiresAt - Date.now());
  return { tokens, renewAt: expiresAt - Math.min(RENEW_BEFORE_MS, left / 10) };
}
