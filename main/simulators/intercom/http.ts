/**
 * HTTP plumbing for the Intercom simulator: JSON responses, Intercom's error.list bodies, the 10-second
 * rate-limit window, bearer tokens and the Intercom-Version header.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeJson, type SendOptions as CommonSendOptions } from '../common/http.ts';
import type { IntercomErrorList } from './types.ts';

/** Intercom enforces its per-minute budget in 10-second windows: 10,000 calls a minute is 1,667 per window. */
export const RATE_LIMIT_WINDOW_MS = 10_000;
export const RATE_LIMIT_PER_WINDOW = 1667;

/** The versions of the spec's `intercom_version` enum, plus the two named ones Intercom also accepts. */
const NUMBERED_VERSIONS = new Set(['1.0', '1.1', '1.2', '1.3', '1.4', ...Array.from({ length: 17 }, (_, i) => `2.${i}`)]);
export const DEFAULT_VERSION = '2.16';

/**
 * Counts requests per 10-second window to fill X-RateLimit-*. It reports the budget but does not enforce it
 * (the rateLimitNext fault makes 429s), so the demo never stalls.
 */
export class RateLimitWindow {
  #windowStart = -1;
  #count = 0;
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Counts one request; `retryAfterSeconds` marks a 429 whose window ends then. */
  take(retryAfterSeconds?: number): Record<string, string> {
    const now = this.#now();
    const windowStart = Math.floor(now / RATE_LIMIT_WINDOW_MS) * RATE_LIMIT_WINDOW_MS;
    if (windowStart !== this.#windowStart) {
      this.#windowStart = windowStart;
      this.#count = 0;
    }
    this.#count++;
    const limited = retryAfterSeconds !== undefined;
    const reset = limited ? Math.ceil(now / 1000) + retryAfterSeconds : (windowStart + RATE_LIMIT_WINDOW_MS) / 1000;
    return {
      'x-ratelimit-limit': String(RATE_LIMIT_PER_WINDOW),
      'x-ratelimit-remaining': String(limited ? 0 : Math.max(0, RATE_LIMIT_PER_WINDOW - this.#count)),
      'x-ratelimit-reset': String(reset),
    };
  }
}

/** Request ids in UUID form (Intercom's are v4 UUIDs), counting up so that logs stay readable. */
export class RequestIds {
  #n = 0;
  next(): string {
    this.#n++;
    return `5e1f0c0a-0000-4000-8000-${this.#n.toString(16).padStart(12, '0')}`;
  }
}

export function errorList(requestId: string, code: string, message: string, field?: string): IntercomErrorList {
  return { type: 'error.list', request_id: requestId, errors: [field === undefined ? { code, message } : { code, message, field }] };
}

export interface SendOptions extends CommonSendOptions {
  requestId?: string;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, options: SendOptions = {}): void {
  writeJson(res, status, JSON.stringify(body), {
    contentType: 'application/json; charset=utf-8',
    headers: { 'cache-control': 'no-cache, no-store', ...(options.requestId ? { 'x-request-id': options.requestId } : {}), ...options.headers },
    truncate: options.truncate,
  });
}

/** The Intercom-Version the request asks for (the app's default, 2.16, when absent), or null when unknown. */
export function requestedVersion(req: IncomingMessage): string | null {
  const raw = req.headers['intercom-version'];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (value === undefined || value === '') return DEFAULT_VERSION;
  if (NUMBERED_VERSIONS.has(value)) return value;
  const named = value.toLowerCase();
  if (named === 'preview') return 'Preview';
  if (named === 'unstable') return 'Unstable';
  return null;
}

/** 2.16 and the named versions (which run ahead of it) serve priority as five levels and list deleted conversations. */
export function atLeast216(version: string): boolean {
  if (version === 'Preview' || version === 'Unstable') return true;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 16);
}
