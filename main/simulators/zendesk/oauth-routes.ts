/**
 * The HTTP side of the simulator's OAuth (oauth.ts): the authorization page's redirect, the token endpoint, and the
 * control route /__control/oauth:
 *   GET  /__control/oauth   the settings and how many refreshes have been granted
 *   POST /__control/oauth   {"denyAuthorization": bool, "accessTokenLifetimeSeconds": n, "refreshTokenLifetimeSeconds": n,
 *                            "revokeTokens": true, "expireAccessTokens": true, "issueTokens": true}; issueTokens answers a
 *                           new pair under "tokens" (a signed-in user's, without the browser)
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { nonNegativeInt, objectOf } from '../common/faults.ts';
import { isJsonRequest, readJsonBody } from '../common/http.ts';
import type { ApiResult } from './cursor-export.ts';
import { sendJson } from './http.ts';
import type { ZendeskOAuth } from './oauth.ts';

export const AUTHORIZE_PATH = '/oauth/authorizations/new';
export const TOKEN_PATH = '/oauth/tokens';

/** What an API route answers to a Bearer token that is unknown, revoked or expired. */
export const INVALID_TOKEN: ApiResult = {
  status: 401,
  body: { error: 'invalid_token', error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.' },
};

/** Answers a request under /oauth/. */
export async function handleOAuth(req: IncomingMessage, res: ServerResponse, method: string, url: URL, oauth: ZendeskOAuth): Promise<void> {
  if (url.pathname === AUTHORIZE_PATH && method === 'GET') {
    const answer = oauth.authorize(url.searchParams);
    if (answer.kind === 'redirect') {
      res.writeHead(302, { location: answer.location, 'cache-control': 'no-store', 'content-length': '0' });
      res.end();
      return;
    }
    const page = Buffer.from(`<!doctype html><title>Zendesk</title><p>${answer.message}</p>`, 'utf8');
    res.writeHead(answer.status, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(page.length) });
    res.end(page);
    return;
  }
  if (url.pathname === TOKEN_PATH && method === 'POST') {
    if (!isJsonRequest(req)) {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'The token request must be JSON' });
      return;
    }
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'The request body is not JSON' });
      return;
    }
    const answer = oauth.token(body);
    sendJson(res, answer.status, answer.body, { headers: { 'cache-control': 'no-store' } });
    return;
  }
  sendJson(res, 404, { error: 'RecordNotFound', description: 'Not found' });
}

/** /__control/oauth. */
export function routeOAuthControl(method: string, body: unknown, oauth: ZendeskOAuth): ApiResult {
  const state = (): Record<string, unknown> => ({ ...oauth.settings, refreshes: oauth.refreshes });
  if (method === 'GET') return { status: 200, body: state() };
  if (method !== 'POST') return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
  let patch: Record<string, unknown>;
  const next = { ...oauth.settings };
  try {
    patch = objectOf(body, 'body');
    for (const [key, value] of Object.entries(patch)) {
      switch (key) {
        case 'denyAuthorization':
          if (typeof value !== 'boolean') throw new Error('denyAuthorization must be true or false');
          next.denyAuthorization = value;
          break;
        case 'accessTokenLifetimeSeconds':
        case 'refreshTokenLifetimeSeconds':
          next[key] = nonNegativeInt(value, key);
          if (next[key] === 0) throw new Error(`${key} must be at least 1`);
          break;
        case 'revokeTokens':
        case 'expireAccessTokens':
        case 'issueTokens':
          if (value !== true) throw new Error(`${key} takes true`);
          break;
        default:
          throw new Error(`unknown OAuth setting ${key}`);
      }
    }
  } catch (err) {
    return { status: 422, body: { error: 'RecordInvalid', description: err instanceof Error ? err.message : String(err) } };
  }
  Object.assign(oauth.settings, next);
  if (patch['revokeTokens'] === true) oauth.revokeAll();
  if (patch['expireAccessTokens'] === true) oauth.expireAccessTokens();
  return { status: 200, body: { ...state(), ...(patch['issueTokens'] === true ? { tokens: oauth.issue() } : {}) } };
}
