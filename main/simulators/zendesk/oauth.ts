/**
 * Zendesk's OAuth 2 for a public client, as far as the app uses it:
 *   GET  /oauth/authorizations/new   authorization-code grant with PKCE (S256 only). No login or consent page: the
 *                                    browser is sent straight back to redirect_uri with a code and the state, or
 *                                    with error=access_denied while `denyAuthorization` is set.
 *   POST /oauth/tokens (JSON)        grant_type=authorization_code (code valid 120 s, once; redirect_uri and the PKCE
 *                                    verifier must match) or grant_type=refresh_token. A refresh revokes the pair it
 *                                    presents and answers a new one (rotation), as Zendesk does.
 * Access tokens last `accessTokenLifetimeSeconds` of the injected clock (Zendesk's default 30 minutes); a request may
 * ask for another lifetime with expires_in / refresh_token_expires_in, as Zendesk allows for testing (the simulator
 * does not enforce Zendesk's 5-minute minimum, so tests can see tokens expire). Any https redirect_uri, or http to
 * localhost or 127.0.0.1, is accepted (Zendesk also requires it to be registered with the client).
 */

import { createHash, randomBytes } from 'node:crypto';
import type { ApiResult } from './cursor-export.ts';

export const DEFAULT_OAUTH_CLIENT_ID = 'triage-desk';
export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 1_800;
export const DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS = 30 * 86_400;
const CODE_LIFETIME_MS = 120_000;
/** Grants and codes remembered at once; the oldest are forgotten first (then answered as unknown). */
const MAX_REMEMBERED = 10_000;

export interface OAuthSettings {
  /** The public client's unique identifier. */
  clientId: string;
  accessTokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  /** The authorization page answers access_denied, as when the user clicks Deny. */
  denyAuthorization: boolean;
}

export type AuthorizationAnswer = { kind: 'redirect'; location: string } | { kind: 'page'; status: number; message: string };

export type AccessTokenCheck = 'valid' | 'expired' | 'unknown';

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  expiresAt: number;
}

interface Grant {
  accessToken: string;
  refreshToken: string;
  scope: string;
  accessExpiresAt: number;
  refreshExpiresAt: number;
}

/** The token answer's body: Zendesk's grant-type token JSON. */
export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  scope: string;
  expires_in: number;
  refresh_token_expires_in: number;
}

export class ZendeskOAuth {
  readonly settings: OAuthSettings;
  /** Successful refreshes so far. */
  refreshes = 0;
  readonly #now: () => number;
  readonly #codes = new Map<string, PendingCode>();
  readonly #byAccess = new Map<string, Grant>();
  readonly #byRefresh = new Map<string, Grant>();

  constructor(now: () => number, settings: Partial<OAuthSettings> = {}) {
    this.#now = now;
    this.settings = {
      clientId: settings.clientId ?? DEFAULT_OAUTH_CLIENT_ID,
      accessTokenLifetimeSeconds: settings.accessTokenLifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS,
      refreshTokenLifetimeSeconds: settings.refreshTokenLifetimeSeconds ?? DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS,
      denyAuthorization: settings.denyAuthorization ?? false,
    };
  }

  /** GET /oauth/authorizations/new: where the browser goes next. */
  authorize(query: URLSearchParams): AuthorizationAnswer {
    // Until client and redirect_uri are known good, errors are shown, never sent to an unchecked address.
    if (query.get('client_id') !== this.settings.clientId) return { kind: 'page', status: 400, message: 'Invalid OAuth client (client_id)' };
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!acceptableRedirect(redirectUri)) {
      return { kind: 'page', status: 400, message: 'redirect_uri must be absolute, https, or http to localhost or 127.0.0.1' };
    }
    const back = (params: Record<string, string>): AuthorizationAnswer => {
      const location = new URL(redirectUri);
      for (const [key, value] of Object.entries(params)) location.searchParams.set(key, value);
      const state = query.get('state');
      if (state !== null) location.searchParams.set('state', state);
      return { kind: 'redirect', location: location.toString() };
    };
    if (query.get('response_type') !== 'code') return back({ error: 'unsupported_response_type', error_description: 'response_type must be code' });
    const challenge = query.get('code_challenge');
    if (!challenge || query.get('code_challenge_method') !== 'S256') {
      return back({ error: 'invalid_request', error_description: 'Public clients must use PKCE with code_challenge_method=S256' });
    }
    if (this.settings.denyAuthorization) {
      return back({ error: 'access_denied', error_description: 'The end-user or authorization server denied the request.' });
    }
    const code = randomBytes(24).toString('hex');
    remember(this.#codes, code, { clientId: this.settings.clientId, redirectUri, challenge, scope: query.get('scope') ?? 'read', expiresAt: this.#now() + CODE_LIFETIME_MS });
    return back({ code });
  }

  /** POST /oauth/tokens with its JSON body. */
  token(body: unknown): ApiResult {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return oauthError(400, 'invalid_request', 'The body must be a JSON object');
    const params = body as Record<string, unknown>;
    const text = (key: string): string | null => (typeof params[key] === 'string' ? params[key] : null);
    const lifetime = (key: string): number | null | 'bad' => {
      const value = params[key];
      if (value === undefined) return null;
      return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 'bad';
    };
    const accessLifetime = lifetime('expires_in');
    const refreshLifetime = lifetime('refresh_token_expires_in');
    if (accessLifetime === 'bad' || refreshLifetime === 'bad') {
      return oauthError(400, 'invalid_request', 'expires_in and refresh_token_expires_in must be positive integers (seconds)');
    }
    if (text('client_id') !== this.settings.clientId) {
      return oauthError(401, 'invalid_client', 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.');
    }
    const lifetimes = { access: accessLifetime, refresh: refreshLifetime };
    switch (text('grant_type')) {
      case 'authorization_code':
        return this.#codeGrant(text('code'), text('redirect_uri'), text('code_verifier'), lifetimes);
      case 'refresh_token':
        return this.#refreshGrant(text('refresh_token'), lifetimes);
      default:
        return oauthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.');
    }
  }

  /** A pair as if the user had just signed in: for tests and for trying the app without a browser. */
  issue(scope = 'read write', lifetimes: { access: number | null; refresh: number | null } = { access: null, refresh: null }): TokenPair {
    const now = this.#now();
    const access = lifetimes.access ?? this.settings.accessTokenLifetimeSeconds;
    const refresh = lifetimes.refresh ?? this.settings.refreshTokenLifetimeSeconds;
    const grant: Grant = {
      accessToken: randomBytes(32).toString('hex'),
      refreshToken: randomBytes(32).toString('hex'),
      scope,
      accessExpiresAt: now + access * 1000,
      refreshExpiresAt: now + refresh * 1000,
    };
    remember(this.#byAccess, grant.accessToken, grant);
    remember(this.#byRefresh, grant.refreshToken, grant);
    return { access_token: grant.accessToken, refresh_token: grant.refreshToken, token_type: 'bearer', scope, expires_in: access, refresh_token_expires_in: refresh };
  }

  checkAccessToken(token: string): AccessTokenCheck {
    const grant = this.#byAccess.get(token);
    if (!grant) return 'unknown';
    return this.#now() < grant.accessExpiresAt ? 'valid' : 'expired';
  }

  /** Revokes every access and refresh token (an admin removed the app's access); returns how many pairs there were. */
  revokeAll(): number {
    const pairs = this.#byAccess.size;
    this.#byAccess.clear();
    this.#byRefresh.clear();
    return pairs;
  }

  /** Expires every access token now, leaving the refresh tokens usable; returns how many were still valid. */
  expireAccessTokens(): number {
    const now = this.#now();
    let live = 0;
    for (const grant of this.#byAccess.values()) {
      if (grant.accessExpiresAt > now) live++;
      grant.accessExpiresAt = Math.min(grant.accessExpiresAt, now);
    }
    return live;
  }

  #codeGrant(code: string | null, redirectUri: string | null, verifier: string | null, lifetimes: { access: number | null; refresh: number | null }): ApiResult {
    const pending = code === null ? undefined : this.#codes.get(code);
    if (code !== null) this.#codes.delete(code);
    if (!pending || pending.expiresAt <= this.#now()) return invalidGrant();
    if (redirectUri !== pending.redirectUri) return invalidGrant();
    if (verifier === null || createHash('sha256').update(verifier, 'ascii').digest('base64url') !== pending.challenge) return invalidGrant();
    return { status: 200, body: this.issue(pending.scope, lifetimes) };
  }

  #refreshGrant(refreshToken: string | null, lifetimes: { access: number | null; refresh: number | null }): ApiResult {
    const grant = refreshToken === null ? undefined : this.#byRefresh.get(refreshToken);
    if (!grant || grant.refreshExpiresAt <= this.#now()) return invalidGrant();
    // Rotation: the presented pair is gone the moment the new one exists.
    this.#byRefresh.delete(grant.refreshToken);
    this.#byAccess.delete(grant.accessToken);
    this.refreshes++;
    return { status: 200, body: this.issue(grant.scope, lifetimes) };
  }
}

function acceptableRedirect(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost'));
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  if (map.size > MAX_REMEMBERED) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

function oauthError(status: number, error: string, description: string): ApiResult {
  return { status, body: { error, error_description: description } };
}

function invalidGrant(): ApiResult {
  return oauthError(
    400,
    'invalid_grant',
    'The provided authorization grant or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  );
}
