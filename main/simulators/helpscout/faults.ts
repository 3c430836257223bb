/**
 * Fault knobs: make the next API requests fail in the ways real networks and Help Scout do. Each knob counts the
 * requests it still applies to and is consumed as requests arrive. Only /v2/ API requests count, not the token
 * endpoint (a connector's token renewal is tested with the token knobs instead). Expiring tokens is an action, not
 * a knob: the server's `expireTokens()`, or `{"expireTokens": true}` on /__control/faults.
 */

export interface FaultKnobs {
  /** Answer the next `count` API requests with this status (5xx by default) and a vnd.error body. */
  failNext: { count: number; status: number } | null;
  /** Answer the next `count` API requests with 429, Retry-After and X-RateLimit-Retry-After. */
  rateLimitNext: { count: number; retryAfterSeconds: number } | null;
  /** Delay every API response by this many milliseconds (0 = off). */
  delayMs: number;
  /** Send only half of the next N bodies, then cut the connection. */
  truncateNext: number;
  /** Destroy the socket of the next N API requests without answering. */
  dropNext: number;
  /** Put one malformed conversation in each of the next N conversation list pages that have any. */
  malformedNext: number;
}

export type FaultAction =
  | { kind: 'drop' }
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  | { kind: 'fail'; status: number }
  | { kind: 'none' };

export function createFaults(): FaultKnobs {
  return { failNext: null, rateLimitNext: null, delayMs: 0, truncateNext: 0, dropNext: 0, malformedNext: 0 };
}

/** Decides what happens to one API request, consuming the knobs it uses. Truncation and malformed records are claimed separately. */
export function claimFault(faults: FaultKnobs): FaultAction {
  if (faults.dropNext > 0) {
    faults.dropNext--;
    return { kind: 'drop' };
  }
  const rl = faults.rateLimitNext;
  if (rl && rl.count > 0) {
    rl.count--;
    if (rl.count <= 0) faults.rateLimitNext = null;
    return { kind: 'rateLimit', retryAfterSeconds: rl.retryAfterSeconds };
  }
  const fail = faults.failNext;
  if (fail && fail.count > 0) {
    fail.count--;
    if (fail.count <= 0) faults.failNext = null;
    return { kind: 'fail', status: fail.status };
  }
  return { kind: 'none' };
}

export function claimTruncate(faults: FaultKnobs): boolean {
  if (faults.truncateNext <= 0) return false;
  faults.truncateNext--;
  return true;
}

export function claimMalformed(faults: FaultKnobs): boolean {
  if (faults.malformedNext <= 0) return false;
  faults.malformedNext--;
  return true;
}

function nonNegativeInt(value: unknown, name: string): number {
  if (value === true) return 1;
  if (value === false || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

function objectOf(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${name} must be an object or null`);
  return value as Record<string, unknown>;
}

/**
 * Applies a JSON patch of knobs (as POSTed to /__control/faults): keys present are set, null clears,
 * `{"reset": true}` clears everything first; `expireTokens` is left to the caller. Throws on invalid values
 * without changing anything.
 */
export function applyFaultPatch(faults: FaultKnobs, patch: unknown): void {
  const body = objectOf(patch, 'faults');
  const next: FaultKnobs = body['reset'] === true ? createFaults() : { ...faults };
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case 'reset':
      case 'expireTokens':
        break;
      case 'failNext': {
        if (value === null) {
          next.failNext = null;
          break;
        }
        const v = objectOf(value, key);
        const status = v['status'] ?? 503;
        if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
          throw new Error('failNext.status must be an HTTP error status (400-599)');
        }
        next.failNext = { count: nonNegativeInt(v['count'] ?? 1, 'failNext.count'), status };
        break;
      }
      case 'rateLimitNext': {
        if (value === null) {
          next.rateLimitNext = null;
          break;
        }
        const v = objectOf(value, key);
        next.rateLimitNext = {
          count: nonNegativeInt(v['count'] ?? 1, 'rateLimitNext.count'),
          retryAfterSeconds: nonNegativeInt(v['retryAfterSeconds'] ?? 1, 'rateLimitNext.retryAfterSeconds'),
        };
        break;
      }
      case 'delayMs':
      case 'truncateNext':
      case 'dropNext':
      case 'malformedNext':
        next[key] = nonNegativeInt(value, key);
        break;
      default:
        throw new Error(`unknown fault knob ${key}`);
    }
  }
  Object.assign(faults, next);
}
