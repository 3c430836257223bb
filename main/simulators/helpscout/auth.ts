/**
 * OAuth 2 client credentials, as Help Scout's internal integrations use them: POST /v2/oauth2/token with grant_type,
 * client_id and client_secret (form-encoded, JSON or query parameters) answers a bearer token valid for
 * `tokenLifetimeSeconds` of the injected clock (48 hours by default). No refresh token: the client asks again.
 * Every token issued stays valid until it expires, or until a test expires them all at once.
 */

import { randomBytes } from 'node:crypto';

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 172_800;
/** Tokens remembered at once; the oldest are forgotten first (a forgotten token answers 401 like an unknown one). */
const MAX_TOKENS = 10_000;

export type TokenCheck = 'valid' | 'expired' | 'unknown';

export class TokenStore {
  readonly #now: () => number;
  readonly #lifetimeMs: number;
  readonly #expiresAt = new Map<string, number>();

  constructor(now: () => number, lifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS) {
    this.#now = now;
    this.#lifetimeMs = lifetimeSeconds * 1000;
  }

  get lifetimeSeconds(): number {
    return this.#lifetimeMs / 1000;
  }

  issue(): string {
    const token = randomBytes(16).toString('hex');
    this.#expiresAt.set(token, this.#now() + this.#lifetimeMs);
    if (this.#expiresAt.size > MAX_TOKENS) {
      const oldest = this.#expiresAt.keys().next().value;
      if (oldest !== undefined) this.#expiresAt.delete(oldest);
    }
    return token;
  }

  check(token: string | null): TokenCheck {
    if (token === null) return 'unknown';
    const expiresAt = this.#expiresAt.get(token);
    if (expiresAt === undefined) return 'unknown';
    return this.#now() < expiresAt ? 'valid' : 'expired';
  }

  /** Expires every token issued so far (the "expire the current token now" fault); returns how many were live. */
  expireAll(): number {
    const now = this.#now();
    let live = 0;
    for (const [token, expiresAt] of this.#expiresAt) {
      if (expiresAt > now) live++;
      this.#expiresAt.set(token, now);
    }
    return live;
  }
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, string | number>;
}

/** Answers a token request from its merged parameters (query string and body). */
export function tokenRequest(params: ReadonlyMap<string, string>, client: OAuthClient, tokens: TokenStore): TokenAnswer {
  const grantType = params.get('grant_type');
  if (grantType === undefined || grantType === '') {
    return { status: 400, body: { error: 'invalid_request', error_description: 'Missing grant type' } };
  }
  // The simulator has no authorization page, so the authorization-code and refresh-token grants are not offered.
  if (grantType !== 'client_credentials') {
    return { status: 400, body: { error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${grantType}` } };
  }
  if (params.get('client_id') !== client.clientId || params.get('client_secret') !== client.clientSecret) {
    return { status: 401, body: { error: 'invalid_client', error_description: 'Invalid client authentication' } };
  }
  return { status: 200, body: { token_type: 'bearer', access_token: tokens.issue(), expires_in: tokens.lifetimeSeconds } };
}
