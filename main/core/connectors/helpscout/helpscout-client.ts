import type { HelpScoutAccount } from '../../../../shared/settings/account-config.ts';
import { describeZodError } from '../../../../shared/validation/describe-zod-error.ts';
import { sendWrite, type WriteAnswer, type WriteRequest } from '../../outbox/write-request.ts';
import { getJson, HelpdeskHttpError, type HttpDeps, REAL_HTTP, type RetryPolicy } from '../../sync/helpdesk-http.ts';
import { RateLimiter } from '../../sync/rate-limiter.ts';
import { AuthenticationError } from '../helpdesk-connector.ts';
import { errorTextOf } from './helpscout-error-text.ts';
import { HelpScoutToken } from './helpscout-payloads.ts';

/** Renew this long before the token's end (Help Scout's last 48 hours), or a tenth of its life if that is shorter. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * Authorized reads and writes of one Help Scout account: an OAuth client-credentials token kept in memory and renewed shortly
 * before it expires (there is no refresh token: the client asks again), renewed once more when the API answers 401
 * anyway, and every request paced by the account's rate limiter (X-RateLimit-Remaining-Minute, 429 Retry-After).
 */
export class HelpScoutClient {
  readonly #account: HelpScoutAccount;
  readonly #retry: RetryPolicy;
  readonly #http: HttpDeps;
  readonly #base: string;
  readonly #limiter: RateLimiter;
  #token: { value: string; renewAt: number } | null = null;
  /** One token request at a time, whoever needs it. */
  #renewing: Promise<string> | null = null;

  constructor(account: HelpScoutAccount, retry: RetryPolicy, http: HttpDeps = REAL_HTTP) {
    this.#account = account;
    this.#retry = retry;
    this.#http = http;
    this.#base = account.baseUrl.replace(/\/+$/, '');
    this.#limiter = new RateLimiter({ sleep: http.sleep });
  }

  /** The account's limiter: every request of this client waits for it. */
  get rateLimiter(): RateLimiter {
    return this.#limiter;
  }

  /**
   * GETs `path` (from /v2/...). With `mayBeMissing`, a 404 answers null: a customer or organization deleted since a
   * conversation named it.
   */
  async get(path: string, options: { mayBeMissing?: boolean } = {}): Promise<unknown> {
    const token = await this.#currentToken();
    try {
      return await this.#getWith(token, path);
    } catch (error) {
      if (!(error instanceof HelpdeskHttpError)) throw error;
      if (error.status === 404 && options.mayBeMissing) return null;
      if (error.status !== 401) throw this.#refusal(error);
    }
    // Revoked, or expired early by Help Scout: one new token and one more try.
    if (this.#token?.value === token) this.#token = null;
    try {
      return await this.#getWith(await this.#currentToken(), path);
    } catch (error) {
      if (error instanceof HelpdeskHttpError && error.status === 404 && options.mayBeMissing) return null;
      throw error instanceof HelpdeskHttpError ? this.#refusal(error) : error;
    }
  }

  /**
   * Sends one write to `path` (from /v2/...) once, at the two requests of the account's budget Help Scout charges for
   * a write (write-request.ts says what "once" means). A 401 was not applied: the token is renewed and it goes again.
   */
  async write(method: WriteRequest['method'], path: string, body: unknown): Promise<WriteAnswer> {
    const token = await this.#currentToken();
    try {
      return await this.#writeWith(token, method, path, body);
    } catch (error) {
      if (!(error instanceof HelpdeskHttpError) || error.status !== 401) throw error;
    }
    if (this.#token?.value === token) this.#token = null;
    try {
      return await this.#writeWith(await this.#currentToken(), method, path, body);
    } catch (error) {
      throw error instanceof HelpdeskHttpError && error.status === 401 ? this.#refusal(error) : error;
    }
  }

  #writeWith(token: string, method: WriteRequest['method'], path: string, body: unknown): Promise<WriteAnswer> {
    const request: WriteRequest = { method, url: `${this.#base}${path}`, headers: { authorization: `Bearer ${token}` }, body, limiter: this.#limiter, cost: 2 };
    return sendWrite(request, this.#retry, this.#http);
  }

  #getWith(token: string, path: string): Promise<unknown> {
    return getJson(`${this.#base}${path}`, { authorization: `Bearer ${token}` }, this.#retry, this.#http, { limiter: this.#limiter });
  }

  #currentToken(): Promise<string> {
    if (this.#token !== null && Date.now() < this.#token.renewAt) return Promise.resolve(this.#token.value);
    this.#renewing ??= this.#requestToken().finally(() => {
      this.#renewing = null;
    });
    return this.#renewing;
  }

  async #requestToken(): Promise<string> {
    const { clientId, clientSecret } = this.#account.auth;
    let body: unknown;
    try {
      // Help Scout takes the token request as JSON, form or query parameters; JSON keeps the secret out of URLs.
      body = await getJson(`${this.#base}/v2/oauth2/token`, {}, this.#retry, this.#http, {
        method: 'POST',
        body: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
      });
    } catch (error) {
      if (error instanceof HelpdeskHttpError && error.status >= 400 && error.status < 500) {
        throw new AuthenticationError(
          `account "${this.#account.id}": Help Scout refused the app credentials of client ${clientId} (HTTP ${error.status}${reasonOf(error.body)}); ` +
            'check the App ID and App Secret under Your Profile > My Apps in Help Scout',
          { cause: error },
        );
      }
      throw error;
    }
    const token = HelpScoutToken.safeParse(body);
    if (!token.success) throw new Error(`account "${this.#account.id}": unexpected Help Scout token answer: ${describeZodError(token.error)}`);
    const lifetimeMs = (token.data.expires_in ?? 172_800) * 1000;
    this.#token = { value: token.data.access_token, renewAt: Date.now() + lifetimeMs - Math.min(RENEW_BEFORE_MS, lifetimeMs / 10) };
    return this.#token.value;
  }

  /** A 401 with a new token or a 403: the app's user is inactive, or the account cannot use the API. */
  #refusal(error: HelpdeskHttpError): Error {
    if (error.status !== 401 && error.status !== 403) return error;
    return new AuthenticationError(
      `account "${this.#account.id}": Help Scout refused the token of client ${this.#account.auth.clientId} (HTTP ${error.status}${reasonOf(error.body)}); ` +
        'the user who owns the app must be active, and the account must have API access',
      { cause: error },
    );
  }
}

/** Help Scout's own words, to follow an HTTP status. */
function reasonOf(body: string): string {
  const reason = errorTextOf(body);
  return reason === null ? '' : `: ${reason.slice(0, 200)}`;
}
