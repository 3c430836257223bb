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

/** A rate limit as the simulator reports it: Intercom's 1,667 per 10 s unless a test asks for a smaller one. */
export interface RateLimitBudget {
  perWindow: number;
  windowMs: number;
}

/** How many API requests arrived in one window of the rate limit. */
export interface WindowCount {
  windowStart: number;
  requests: number;
}

/** Windows whose counts are kept for tests to read (a long demo forgets older ones). */
const KEPT_WINDOWS = 1000;

/**
 * Counts requests per window (10 seconds) to fill X-RateLimit-*. It reports the budget but does not enforce it
 * (the rateLimitNext fault makes 429s), so the demo never stalls; the counts say what a client spent in each window.
 */
export class RateLimitWindow {
  readonly #now: () => number;
  readonly budget: RateLimitBudget;
  readonly #counts: WindowCount[] = [];

  constructor(now: () => number, budget: RateLimitBudget = { perWindow: RATE_LIMIT_PER_WINDOW, windowMs: RATE_LIMIT_WINDOW_MS }) {
    this.#now = now;
    this.budget = budget;
  }

  /** Counts one request; `retryAfterSeconds` marks a 429 whose window ends then. */
  take(retryAfterSeconds?: number): Record<string, string> {
    const now = this.#now();
    const { perWindow, windowMs } = this.budget;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    let current = this.#counts.at(-1);
    if (current?.windowStart !== windowStart) {
      current = { windowStart, requests: 0 };
      this.#counts.push(current);
      if (this.#counts.length > KEPT_WINDOWS) this.#counts.shift();
    }
    current.requests++;
    const limited = retryAfterSeconds !== undefined;
    const reset = limited ? Math.ceil(now / 1000) + retryAfterSeconds : Math.ceil((windowStart + windowMs) / 1000);
    return {
      'x-ratelimit-limit': String(perWindow),
      'x-ratelimit-remaining': String(limited ? 0 : Math.max(0, perWindow - current.requests)),
      'x-ratelimit-reset': String(reset),
    };
  }

  /** The requests of each window that saw any, oldest first. */
  counts(): WindowCount[] {
    return this.#counts.map((count) => ({ ...count }));
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
