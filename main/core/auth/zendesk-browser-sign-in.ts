import { randomBytes } from 'node:crypto';
import type { HttpDeps, RetryPolicy } from '../sync/helpdesk-http.ts';
import { LoopbackRedirect, type RedirectPage, type RedirectVisit } from './loopback-redirect.ts';
import { createPkcePair } from './pkce.ts';
import { exchangeZendeskCode, ZendeskGrantRefusedError, zendeskSiteOf, type ZendeskTokens } from './zendesk-tokens.ts';

/** The loopback redirect's path: the OAuth client's redirect URL is http://127.0.0.1:PORT/triage-desk/zendesk/callback. */
export const ZENDESK_REDIRECT_PATH = '/triage-desk/zendesk/callback';
/** Reading tickets now; replies, notes and macros write. */
export const DEFAULT_ZENDESK_SCOPE = 'read write';
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

export interface ZendeskBrowserSignInOptions {
  /** The account's base URL, e.g. https://acme.zendesk.com. */
  baseUrl: string;
  /** The OAuth client's unique identifier (a public client: PKCE, no secret). */
  clientId: string;
  /** Shows the authorization page to the user: the shell passes shell.openExternal, the command line prints it. */
  openBrowser: (url: string) => void | Promise<void>;
  /** Space-separated scopes (default "read write"). */
  scope?: string;
  /** How long to wait for the browser to come back (default 5 minutes). */
  timeoutMs?: number;
  /** Cancels the sign-in (the user closed the dialog). */
  signal?: AbortSignal;
  /** The loopback port (default 0: any free one), for an OAuth client whose redirect URL names a port. */
  port?: number;
  retry?: RetryPolicy;
  http?: HttpDeps;
}

/** The sign-in did not end with tokens; the message says what the user can do. */
export class ZendeskSignInError extends Error {
  override name = 'ZendeskSignInError';
}

/**
 * Zendesk's authorization-code grant with PKCE through a loopback redirect (RFC 8252): listens on 127.0.0.1, has the
 * authorization page opened in the system browser, waits for Zendesk to send the browser back with a code and the
 * state it was given, answers the browser with a page it can close, and trades the code for a token pair.
 */
export async function authorizeZendeskInBrowser(options: ZendeskBrowserSignInOptions): Promise<ZendeskTokens> {
  const pkce = createPkcePair();
  const state = randomBytes(16).toString('base64url');
  const scope = options.scope ?? DEFAULT_ZENDESK_SCOPE;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const redirect = await LoopbackRedirect.listen(ZENDESK_REDIRECT_PATH, options.port);
  try {
    const authorize = new URL(`${zendeskSiteOf(options.baseUrl)}/oauth/authorizations/new`);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: options.clientId,
      redirect_uri: redirect.redirectUri,
      scope,
      state,
      code_challenge: pkce.challenge,
      code_challenge_method: pkce.method,
    }).toString();
    await options.openBrowser(authorize.toString());
    let visit: RedirectVisit;
    try {
      visit = await redirect.visit(signal);
    } catch (error) {
      if (options.signal?.aborted) throw new ZendeskSignInError('Zendesk sign-in cancelled');
      if (timeout.aborted) {
        throw new ZendeskSignInError(`the browser did not come back from Zendesk within ${durationOf(timeoutMs)}; start the sign-in again`);
      }
      throw error;
    }
    const code = await codeOf(visit, state);
    let tokens: ZendeskTokens;
    try {
      tokens = await exchangeZendeskCode({
        baseUrl: options.baseUrl,
        clientId: options.clientId,
        code,
        redirectUri: redirect.redirectUri,
        codeVerifier: pkce.verifier,
        scope,
        ...(options.retry ? { retry: options.retry } : {}),
        ...(options.http ? { http: options.http } : {}),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await visit.answer({ status: 502, title: 'Sign-in failed', message: `${reason}. Close this tab and try again from Triage Desk.` });
      throw error instanceof ZendeskGrantRefusedError ? new ZendeskSignInError(`${reason}; start the sign-in again`) : error;
    }
    await visit.answer({ status: 200, title: 'Signed in to Zendesk', message: 'You can close this tab and return to Triage Desk.' });
    return tokens;
  } finally {
    await redirect.close();
  }
}

/** The authorization code, once the visit is proven to answer our request; otherwise tells the browser and throws. */
async function codeOf(visit: RedirectVisit, state: string): Promise<string> {
  const fail = async (page: RedirectPage, message: string): Promise<never> => {
    await visit.answer(page);
    throw new ZendeskSignInError(message);
  };
  const { query } = visit;
  // Checked first: a visit that is not the answer to this sign-in says nothing about it, not even an error.
  if (query.get('state') !== state) {
    return fail(
      { status: 400, title: 'Sign-in not recognised', message: 'This page does not answer the sign-in Triage Desk started. Close this tab and start again.' },
      'the browser came back from another sign-in than the one started (state mismatch); start the sign-in again',
    );
  }
  const error = query.get('error');
  if (error === 'access_denied') {
    return fail(
      { status: 403, title: 'Access not granted', message: 'Triage Desk was not allowed into Zendesk. You can close this tab.' },
      'access to Zendesk was denied in the browser (access_denied); to connect the account, sign in again and allow access',
    );
  }
  if (error !== null) {
    const description = query.get('error_description');
    return fail(
      { status: 400, title: 'Sign-in failed', message: `Zendesk answered ${error}${description ? `: ${description}` : ''}. You can close this tab.` },
      `Zendesk refused the sign-in (${error}${description ? `: ${description}` : ''})`,
    );
  }
  const code = query.get('code');
  if (!code) {
    return fail(
      { status: 400, title: 'Sign-in failed', message: 'Zendesk sent the browser back without an authorization code. You can close this tab.' },
      'Zendesk sent the browser back without an authorization code; start the sign-in again',
    );
  }
  return code;
}

function durationOf(ms: number): string {
  if (ms >= 120_000) return `${Math.round(ms / 60_000)} minutes`;
  return `${Math.ceil(ms / 1000)} s`;
}
