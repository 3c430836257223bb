import type { RateLimiter } from './rate-limiter.ts';

/** How hard a request tries before the account counts as unreachable. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 8_000, timeoutMs: 30_000 };

/** The helpdesk answered, but not with what we asked for (4xx other than 429). */
export class HelpdeskHttpError extends Error {
  override name = 'HelpdeskHttpError';
  readonly status: number;
  readonly body: string;
  constructor(status: number, body: string, url: string) {
    super(`HTTP ${status} from ${url}: ${body.slice(0, 200)}`);
    this.status = status;
    this.body = body;
  }
}

/** No usable answer after every retry: network down, DNS, timeouts, 5xx, truncated bodies. */
export class HelpdeskUnreachableError extends Error {
  override name = 'HelpdeskUnreachableError';
  /** What the last attempt ran into, so a person can be told what to check (the accounts screen's test). */
  readonly lastProblem: UnreachableProblem;
  constructor(message: string, lastProblem: UnreachableProblem = { kind: 'other' }) {
    super(message);
    this.lastProblem = lastProblem;
  }
}

/** The last attempt's failure: a system or TLS error code (ENOTFOUND, ECONNREFUSED...), the timeout, a 5xx or 429, an unreadable body. */
export type UnreachableProblem =
  | { kind: 'network'; code: string }
  | { kind: 'timeout' }
  | { kind: 'status'; status: number }
  | { kind: 'unreadable' }
  | { kind: 'other' };

export interface HttpDeps {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const REAL_HTTP: HttpDeps = {
  fetch: (input, init) => fetch(input, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export interface JsonRequestOptions {
  /** POST only for reads that take their query in the body (Intercom's search): every request here is retried. */
  method?: 'GET' | 'POST';
  /** Sent as JSON. */
  body?: unknown;
  /** The account's limiter: every attempt waits for it and reports its answer to it. */
  limiter?: RateLimiter;
  /** Sees the headers of the answer whose body is returned (e.g. its Date, the helpdesk's clock). */
  onAnswer?: (headers: Headers) => void;
}

/**
 * Reads JSON with per-request timeouts, retrying network errors, timeouts, 5xx and unreadable bodies with
 * exponential backoff and full jitter, and waiting out a 429's Retry-After before the next try (and, with a limiter,
 * holding the account's other requests until then too).
 */
/** An answer's body as JSON, or null when it is not JSON (a proxy's page, an empty or cut body). */
export function jsonOrNull(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

export async function getJson(
  url: string,
  headers: Record<string, string>,
  policy: RetryPolicy,
  deps: HttpDeps = REAL_HTTP,
  options: JsonRequestOptions = {},
): Promise<unknown> {
  const { method = 'GET', body: payload, limiter, onAnswer } = options;
  const requestHeaders = { accept: 'application/json', ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers };
  let lastProblem = '';
  let problem: UnreachableProblem = { kind: 'other' };
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    let waitMs = backoffMs(attempt, policy, deps.random);
    try {
      await limiter?.acquire();
      const response = await deps.fetch(url, {
        method,
        headers: requestHeaders,
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      limiter?.observe(response.status, response.headers);
      const body = await response.text();
      if (response.ok) {
        try {
          const json: unknown = JSON.parse(body);
          onAnswer?.(response.headers);
          return json;
        } catch {
          lastProblem = `unreadable JSON body (${body.length} bytes)`;
          problem = { kind: 'unreadable' };
        }
      } else if (response.status === 429) {
        const retryAfterMs = retryAfterToMs(response.headers.get('retry-after'));
        lastProblem = 'HTTP 429 (rate limited)';
        problem = { kind: 'status', status: 429 };
        // Never ask again before the helpdesk said we may.
        waitMs = Math.max(waitMs, retryAfterMs ?? 0);
      } else if (response.status >= 500) {
        lastProblem = `HTTP ${response.status}`;
        problem = { kind: 'status', status: response.status };
      } else {
        throw new HelpdeskHttpError(response.status, body, url);
      }
    } catch (error) {
      if (error instanceof HelpdeskHttpError) throw error;
      lastProblem = describeNetworkError(error);
      problem = networkProblemOf(error);
    }
    if (attempt < policy.attempts) await deps.sleep(waitMs);
  }
  throw new HelpdeskUnreachableError(`${new URL(url).origin} unreachable after ${policy.attempts} attempts: ${lastProblem}`, problem);
}

export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Resolves once requests just started with fetch() are on the wire. Node's fetch writes a request a few event-loop
 * turns after the call (through its connection pool), so synchronous work right after it holds the request back: a
 * zero-delay timer lets those turns run, where a single immediate does not (the bench's ticket export sent each next
 * page only after the store had written the last one).
 */
export function letRequestsOut(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Retry-After is either seconds or an HTTP date. */
export function retryAfterToMs(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function networkProblemOf(error: unknown): UnreachableProblem {
  if (!(error instanceof Error)) return { kind: 'other' };
  if (error.name === 'TimeoutError') return { kind: 'timeout' };
  const code = (error as Error & { cause?: { code?: unknown } }).cause?.code;
  return typeof code === 'string' ? { kind: 'network', code } : { kind: 'other' };
}

export function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'request timed out';
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
    return error.message;
  }
  return String(error);
}
