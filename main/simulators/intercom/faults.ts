/**
 * Fault knobs: make the next API requests fail the ways real networks and Intercom do. Each counting knob is
 * consumed as API requests arrive (control routes never count); set them from tests or POST /__control/faults.
 */

export type MalformedDefect = 'missing_id' | 'created_at_string';

export interface FaultKnobs {
  /** Answer the next `count` API requests with this 5xx (or any error) status. */
  failNext: { count: number; status: number } | null;
  /** Answer the next `count` API requests with 429 rate_limit_exceeded and Retry-After. */
  rateLimitNext: { count: number; retryAfterSeconds: number } | null;
  /** Delay every API response by this many milliseconds (0 = off). */
  delayMs: number;
  /** Send only half of the next N JSON bodies, then cut the connection. */
  truncateNext: number;
  /** Destroy the socket of the next N API requests without answering. */
  dropNext: number;
  /** Spoil one conversation in each of the next `count` non-empty search pages. */
  malformedSearchNext: { count: number; defect: MalformedDefect } | null;
  /** The token has expired: every API request answers 401 until the token is rotated (POST /__control/token). */
  tokenExpired: boolean;
}

export type FaultAction =
  | { kind: 'drop' }
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  | { kind: 'fail'; status: number }
  | { kind: 'none' };

export function createFaults(): FaultKnobs {
  return { failNext: null, rateLimitNext: null, delayMs: 0, truncateNext: 0, dropNext: 0, malformedSearchNext: null, tokenExpired: false };
}

/** Decides what happens to one API request before it is routed, consuming the knobs it uses. */
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

/** The defect to put into this search page, if a knob asks for one. */
export function claimMalformed(faults: FaultKnobs): MalformedDefect | null {
  const knob = faults.malformedSearchNext;
  if (!knob || knob.count <= 0) return null;
  knob.count--;
  if (knob.count <= 0) faults.malformedSearchNext = null;
  return knob.defect;
}

function nonNegativeInt(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

function objectOf(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${name} must be an object or null`);
  return value as Record<string, unknown>;
}

/** Applies a partial knob update (the control route's body); throws on unknown knobs or bad values. */
export function applyFaultPatch(faults: FaultKnobs, patch: unknown): void {
  const body = objectOf(patch, 'body');
  const next: FaultKnobs = { ...faults };
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
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
          retryAfterSeconds: nonNegativeInt(v['retryAfterSeconds'] ?? 10, 'rateLimitNext.retryAfterSeconds'),
        };
        break;
      }
      case 'malformedSearchNext': {
        if (value === null) {
          next.malformedSearchNext = null;
          break;
        }
        const v = objectOf(value, key);
        const defect = v['defect'] ?? 'missing_id';
        if (defect !== 'missing_id' && defect !== 'created_at_string') throw new Error('malformedSearchNext.defect must be missing_id or created_at_string');
        next.malformedSearchNext = { count: nonNegativeInt(v['count'] ?? 1, 'malformedSearchNext.count'), defect };
        break;
      }
      case 'tokenExpired':
        // Only rotation ends an expiry, as with a real expired token.
        if (value !== true) throw new Error('tokenExpired can only be set to true; rotate the token (POST /__control/token) to end it');
        next.tokenExpired = true;
        break;
      case 'delayMs':
        next.delayMs = nonNegativeInt(value, key);
        break;
      case 'truncateNext':
        next.truncateNext = nonNegativeInt(value, key);
        break;
      case 'dropNext':
        next.dropNext = nonNegativeInt(value, key);
        break;
      default:
        throw new Error(`unknown fault knob ${key}`);
    }
  }
  Object.assign(faults, next);
}
