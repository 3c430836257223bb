import { z } from 'zod';
import { describeZodError } from '../../../shared/validation/describe-zod-error.ts';
import { DEFAULT_RETRY_POLICY, getJson, HelpdeskHttpError, type HttpDeps, jsonOrNull, REAL_HTTP, type RetryPolicy } from '../sync/helpdesk-http.ts';

/** What the app keeps of a Zendesk sign-in. Zendesk rotates both tokens on every refresh. */
export interface ZendeskTokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ISO 8601, UTC), or null when Zendesk did not say. */
  expiresAt: string | null;
}

/** Zendesk's answer to POST /oauth/tokens, for the authorization-code and the refresh-token grants alike. */
export const ZendeskTokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i, 'must be "bearer"'),
  scope: z.string().optional(),
  expires_in: z.number().int().positive().nullable().optional(),
  refresh_token_expires_in: z.number().int().positive().nullable().optional(),
});

/** The tokens of an answer obtained at `obtainedAt` (epoch ms); throws one line naming the bad field. */
export function tokensFromAnswer(body: unknown, obtainedAt: number): ZendeskTokens {
  const answer = ZendeskTokenAnswer.safeParse(body);
  if (!answer.success) throw new Error(`unexpected answer from Zendesk's /oauth/tokens: ${describeZodError(answer.error)}`);
  const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = answer.data;
  return { accessToken, refreshToken, expiresAt: expiresIn == null ? null : new Date(obtainedAt + expiresIn * 1000).toISOString() };
}

/** Zendesk would not grant tokens: the code or refresh token is invalid, expired or revoked, or the client unknown. */
export class ZendeskGrantRefusedError extends Error {
  override name = 'ZendeskGrantRefusedError';
  readonly status: number;
  /** OAuth's error code (`invalid_grant`, `invalid_client`...), or "" when the body had none. */
  readonly error: string;
  /** The status, error code and description in a few words, e.g. `HTTP 400 invalid_grant: Token has been revoked`. */
  readonly reason: string;
  constructor(status: number, body: string) {
    const { error, description } = oauthErrorOf(body);
    const reason = `HTTP ${status}${error ? ` ${error}` : ''}${description ? `: ${description}` : ''}`;
    super(`Zendesk refused the token request (${reason})`);
    this.status = status;
    this.error = error;
    this.reason = reason;
  }
}

export interface ZendeskTokenRequest {
  /** The account's base URL, e.g. https://acme.zendesk.com. */
  baseUrl: string;
  /** The OAuth client's unique identifier. */
  clientId: string;
  retry?: RetryPolicy;
  http?: HttpDeps;
}

/** Trades the code the browser brought back for a token pair, proving with the PKCE verifier that we asked for it. */
export function exchangeZendeskCode(
  request: ZendeskTokenRequest & { code: string; redirectUri: string; codeVerifier: string; scope: string },
): Promise<ZendeskTokens> {
  return requestTokens(request, {
    grant_type: 'authorization_code',
    code: request.code,
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    code_verifier: request.codeVerifier,
    scope: request.scope,
  });
}

/** A new pair for a refresh token. Zendesk revokes the old pair as it answers: keep the new one before using it. */
export function refreshZendeskTokens(request: ZendeskTokenRequest & { refreshToken: string }): Promise<ZendeskTokens> {
  return requestTokens(request, { grant_type: 'refresh_token', refresh_token: request.refreshToken, client_id: request.clientId });
}

/** The origin and path of the account, without trailing slashes: what /oauth/... and /api/v2/... hang off. */
export function zendeskSiteOf(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

async function requestTokens(request: ZendeskTokenRequest, body: Record<string, string>): Promise<ZendeskTokens> {
  const obtainedAt = Date.now();
  let answer: unknown;
  try {
    // Zendesk takes the token request as JSON.
    answer = await getJson(`${zendeskSiteOf(request.baseUrl)}/oauth/tokens`, {}, request.retry ?? DEFAULT_RETRY_POLICY, request.http ?? REAL_HTTP, {
      method: 'POST',
      body,
    });
  } catch (error) {
    if (error instanceof HelpdeskHttpError) throw new ZendeskGrantRefusedError(error.status, error.body);
    throw error;
  }
  return tokensFromAnswer(answer, obtainedAt);
}

/** An OAuth error answer (RFC 6749 §5.2); fields that are missing or not text read as empty. */
const OAuthErrorBody = z.looseObject({ error: z.string().catch(''), error_description: z.string().catch('') });

function oauthErrorOf(body: string): { error: string; description: string } {
  const parsed = OAuthErrorBody.safeParse(jsonOrNull(body));
  return parsed.success
    ? { error: parsed.data.error.slice(0, 100), description: parsed.data.error_description.slice(0, 200) }
    : { error: '', description: '' };
}
