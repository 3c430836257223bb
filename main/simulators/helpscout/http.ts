/**
 * HTTP plumbing shared by the routes: HAL and vnd.error responses with Help Scout's headers, request bodies (JSON or
 * form-encoded), and the account's per-minute rate limit, in which writes count double.
 */

import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { readBody as readLimitedBody, writeJson, type SendOptions as CommonSendOptions } from '../common/http.ts';

export const HAL_JSON = 'application/hal+json;charset=UTF-8';
export const VND_ERROR_JSON = 'application/vnd.error+json;charset=UTF-8';
export const PLAIN_JSON = 'application/json;charset=UTF-8';

/** Help Scout's documented default: 200 requests a minute per account (plans and add-ons raise it). */
export const RATE_LIMIT_PER_MINUTE = 200;
/** Writes have a burst limit besides: 12 every 5 seconds per account. */
export const WRITE_BURST_LIMIT = 12;
const WRITE_BURST_WINDOW_MS = 5_000;
/** Help Scout's legacy overview gives 100 kB as the largest request body. */
export const MAX_BODY_BYTES = 100_000;

const ERRORS_ABOUT = 'http://developer.helpscout.net/mailbox-api/overview/errors';

export interface VndErrorItem {
  path: string;
  message: string;
  rejectedValue?: unknown;
  source: 'JSON' | 'query' | 'path';
}

export interface VndError {
  logRef: string;
  message: string;
  _embedded?: { errors: (VndErrorItem & { _links: { about: { href: string } } })[] };
  _links: { about: { href: string } };
}

let logCounter = 0;

/** Help Scout's error body: a logRef to quote to their support, a message, and the fields at fault. */
export function vndError(message: string, errors: readonly VndErrorItem[] = []): VndError {
  logCounter = (logCounter + 1) % 1_000_000;
  const body: VndError = { logRef: `${randomUUID()}#${logCounter}`, message, _links: { about: { href: ERRORS_ABOUT } } };
  if (errors.length > 0) {
    body._embedded = { errors: errors.map((e) => ({ ...e, _links: { about: { href: `${ERRORS_ABOUT}#${e.path}` } } })) };
  }
  return body;
}

/** The canned message of an injected error status (Help Scout's "Internal error" for a 500). */
export function faultMessage(status: number): string {
  switch (status) {
    case 500:
      return 'Internal error';
    case 503:
      return 'Service unavailable';
    default:
      return STATUS_CODES[status] ?? 'Error';
  }
}

export interface SendOptions extends CommonSendOptions {
  contentType?: string;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, options: SendOptions = {}): void {
  writeJson(res, status, JSON.stringify(body), {
    contentType: options.contentType ?? (status >= 400 ? VND_ERROR_JSON : HAL_JSON),
    headers: { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate', 'correlation-id': randomUUID(), ...options.headers },
    truncate: options.truncate,
  });
}

/** 201 and 204 answers carry no body; Help Scout names the created entity in Resource-ID and Location. */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-length': '0', 'correlation-id': randomUUID(), ...headers });
  res.end();
}

/** A request body of up to Help Scout's 100 kB; throws BodyTooLargeError (common/http.ts) past it. */
export function readBody(req: IncomingMessage): Promise<string> {
  return readLimitedBody(req, MAX_BODY_BYTES);
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfterSeconds: number;
}

/**
 * The account's rate limit on the injected clock: a budget per clock minute, writes costing 2, plus the write
 * burst limit. A refused request costs nothing.
 */
export class RateLimiter {
  readonly #now: () => number;
  readonly #perMinute: number;
  #windowStart = -1;
  #used = 0;
  #writes: number[] = [];

  constructor(now: () => number, perMinute = RATE_LIMIT_PER_MINUTE) {
    this.#now = now;
    this.#perMinute = perMinute;
  }

  get perMinute(): number {
    return this.#perMinute;
  }

  take(write: boolean): RateDecision {
    const now = this.#now();
    this.#roll(now);
    const cost = write ? 2 : 1;
    const minuteLeft = Math.max(1, Math.ceil((this.#windowStart + 60_000 - now) / 1000));
    if (this.#used + cost > this.#perMinute) return this.#refuse(minuteLeft);
    if (write) {
      this.#writes = this.#writes.filter((t) => t > now - WRITE_BURST_WINDOW_MS);
      const oldest = this.#writes[0];
      if (this.#writes.length >= WRITE_BURST_LIMIT && oldest !== undefined) {
        return this.#refuse(Math.max(1, Math.ceil((oldest + WRITE_BURST_WINDOW_MS - now) / 1000)));
      }
      this.#writes.push(now);
    }
    this.#used += cost;
    return { allowed: true, headers: this.headers(), retryAfterSeconds: 0 };
  }

  /** The budget headers without charging anything (for answers that do not count, such as injected faults). */
  headers(): Record<string, string> {
    this.#roll(this.#now());
    return {
      'x-ratelimit-limit-minute': String(this.#perMinute),
      'x-ratelimit-remaining-minute': String(Math.max(0, this.#perMinute - this.#used)),
    };
  }

  #refuse(retryAfterSeconds: number): RateDecision {
    return { allowed: false, headers: rateLimitedHeaders(this.headers(), retryAfterSeconds), retryAfterSeconds };
  }

  #roll(now: number): void {
    const windowStart = Math.floor(now / 60_000) * 60_000;
    if (windowStart !== this.#windowStart) {
      this.#windowStart = windowStart;
      this.#used = 0;
    }
  }
}

/** The headers of a 429: Help Scout's X-RateLimit-Retry-After, and the standard Retry-After its older docs name. */
export function rateLimitedHeaders(base: Record<string, string>, retryAfterSeconds: number): Record<string, string> {
  return {
    ...base,
    'x-ratelimit-remaining-minute': '0',
    'x-ratelimit-retry-after': String(retryAfterSeconds),
    'retry-after': String(retryAfterSeconds),
  };
}

/** The 429 body the official PHP client's fixtures record. */
export const RATE_LIMITED_BODY = { message: 'API rate limit exceeded' } as const;
