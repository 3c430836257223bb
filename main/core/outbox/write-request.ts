// One write to a helpdesk, sent once. Reads are retried blindly (helpdesk-http.ts); a write is not, because a
// request that got no answer may have been applied: only a failure that proves nothing left (connection refused, a
// 429) is tried again here. Anything else tells the outbox to look on the helpdesk before sending again.
import type { RateLimiter } from '../sync/rate-limiter.ts';
import { backoffMs, describeNetworkError, HelpdeskHttpError, HelpdeskUnreachableError, type HttpDeps, REAL_HTTP, retryAfterToMs, type RetryPolicy } from '../sync/helpdesk-http.ts';

/** The request may have been applied, but no answer says so: look before sending it again. */
export class AmbiguousWriteError extends Error {
  override name = 'AmbiguousWriteError';
}

/** Connection failures that happen before a request is on the wire. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

export interface WriteRequest {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  limiter?: RateLimiter;
  /** Help Scout counts a write as two requests of its budget. */
  cost?: number;
}

export interface WriteAnswer {
  status: number;
  /** The parsed JSON answer; null for an empty or unreadable body (the write was applied all the same). */
  body: unknown;
}

/**
 * Sends `request`: 2xx and 409 are answers; other 4xx throw HelpdeskHttpError (refused, not applied); a 5xx, a timeout
 * or a dropped connection throws AmbiguousWriteError; connection refused, DNS failures and 429s are retried with
 * backoff (never before a Retry-After passes) and end in HelpdeskUnreachableError.
 */
export async function sendWrite(request: WriteRequest, policy: RetryPolicy, deps: HttpDeps = REAL_HTTP): Promise<WriteAnswer> {
  const headers = { accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers };
  let lastProblem = '';
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    let waitMs = backoffMs(attempt, policy, deps.random);
    await request.limiter?.acquire(request.cost ?? 1);
    let response: Response;
    try {
      response = await deps.fetch(request.url, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
    } catch (error) {
      const code = (error as Error & { cause?: { code?: unknown } }).cause?.code;
      if (typeof code !== 'string' || !NOT_SENT_CODES.has(code)) {
        throw new AmbiguousWriteError(`${request.method} ${request.url}: ${describeNetworkError(error)}; it may have been applied`);
      }
      lastProblem = describeNetworkError(error);
      if (attempt < policy.attempts) await deps.sleep(waitMs);
      continue;
    }
    request.limiter?.observe(response.status, response.headers);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (response.ok) return { status: response.status, body: null };
      throw new AmbiguousWriteError(`${request.method} ${request.url}: the answer broke off (${describeNetworkError(error)}); it may have been applied`);
    }
    if (response.ok || response.status === 409) return { status: response.status, body: parseOrNull(text) };
    if (response.status === 429) {
      lastProblem = 'HTTP 429 (rate limited)';
      waitMs = Math.max(waitMs, retryAfterToMs(response.headers.get('retry-after')) ?? 0);
      if (attempt < policy.attempts) await deps.sleep(waitMs);
      continue;
    }
    if (response.status >= 500) throw new AmbiguousWriteError(`${request.method} ${request.url}: HTTP ${response.status}; it may have been applied`);
    throw new HelpdeskHttpError(response.status, text, request.url);
  }
  throw new HelpdeskUnreachableError(`${new URL(request.url).origin} unreachable after ${policy.attempts} attempts: ${lastProblem}`);
}

function parseOrNull(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return null;
  }
}
