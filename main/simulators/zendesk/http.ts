/** HTTP plumbing shared by the routes: JSON responses with Zendesk's headers, rate-limit accounting, auth. */

import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { writeJson, type SendOptions } from '../common/http.ts';
import { RawJson } from './serialize.ts';

/** Zendesk Enterprise's budget. */
export const RATE_LIMIT_PER_MINUTE = 700;

/**
 * Counts requests per clock minute to fill the rate-limit headers the live recordings carry. The simulator
 * reports the budget but never enforces it (use the rateLimitNext fault for 429s); clients that pace themselves by
 * the headers wait once it is spent.
 */
export class RateLimitWindow {
  #windowStart = -1;
  #count = 0;
  readonly #now: () => number;
  readonly #perMinute: number;

  constructor(now: () => number, perMinute = RATE_LIMIT_PER_MINUTE) {
    this.#now = now;
    this.#perMinute = perMinute;
  }

  /** Counts one request and returns the headers for its response. */
  take(exhausted = false): Record<string, string> {
    const now = this.#now();
    const windowStart = Math.floor(now / 60_000) * 60_000;
    if (windowStart !== this.#windowStart) {
      this.#windowStart = windowStart;
      this.#count = 0;
    }
    this.#count++;
    const remaining = exhausted ? 0 : Math.max(0, this.#perMinute - this.#count);
    const reset = Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000));
    const limit = String(this.#perMinute);
    return {
      'x-rate-limit': limit,
      'rate-limit': limit,
      'x-rate-limit-remaining': String(remaining),
      'rate-limit-remaining': String(remaining),
      'rate-limit-reset': String(reset),
      'ratelimit-limit': limit,
      'ratelimit-remaining': String(remaining),
      'ratelimit-reset': String(reset),
    };
  }
}

let requestCounter = 0;

export function sendJson(res: ServerResponse, status: number, body: unknown, options: SendOptions = {}): void {
  const json = body instanceof RawJson ? body.text : JSON.stringify(body);
  requestCounter = (requestCounter + 1) % 0xffffff;
  const requestId = `${requestCounter.toString(16).padStart(6, '0')}sim-LOCAL`;
  writeJson(res, status, json, {
    contentType: 'application/json; charset=utf-8',
    headers: { 'cache-control': 'no-cache', 'x-zendesk-api-version': 'v2', 'x-request-id': requestId, ...options.headers },
    truncate: options.truncate,
  });
}

export function errorBody(status: number): { error: string; description: string } {
  switch (status) {
    case 500:
      return { error: 'InternalServerError', description: 'Internal Server Error' };
    case 502:
      return { error: 'BadGateway', description: 'Bad Gateway' };
    case 503:
      return { error: 'ServiceUnavailable', description: 'Service temporarily unavailable, please retry' };
    case 504:
      return { error: 'GatewayTimeout', description: 'Gateway Timeout' };
    default:
      return { error: (STATUS_CODES[status] ?? 'Error').replaceAll(' ', ''), description: STATUS_CODES[status] ?? 'Error' };
  }
}

/** Checks `Authorization: Basic base64("{email}/token:{token}")` against the configured credentials. */
export function isAuthorized(req: IncomingMessage, credentials: { email: string; token: string }): boolean {
  const header = req.headers.authorization;
  if (!header) return false;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const sep = decoded.indexOf('/token:');
  if (sep < 0) return false;
  const email = decoded.slice(0, sep);
  const token = decoded.slice(sep + '/token:'.length);
  return email.toLowerCase() === credentials.email.toLowerCase() && token === credentials.token;
}
