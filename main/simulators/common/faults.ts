/**
 * The fault knobs every simulator has: make the next API requests fail the ways real networks and helpdesks do.
 * Each counting knob is consumed as API requests arrive (control routes never count). A vendor extends
 * FaultKnobs with its own knobs and sets them through FaultPatchRules.vendorKnob.
 */

import type { IncomingMessage } from 'node:http';

export interface FaultKnobs {
  /** Answer the next `count` API requests with this 5xx (or any error) status. */
  failNext: { count: number; status: number } | null;
  /** Answer the next `count` API requests with 429 and Retry-After. */
  rateLimitNext: { count: number; retryAfterSeconds: number } | null;
  /** Delay every API response by this many milliseconds (0 = off). */
  delayMs: number;
  /** Send only half of the next N bodies, then cut the connection. */
  truncateNext: number;
  /** Destroy the socket of the next N API requests without answering. */
  dropNext: number;
}

export type FaultAction =
  | { kind: 'drop' }
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  | { kind: 'fail'; status: number }
  | { kind: 'none' };

export function createFaults(): FaultKnobs {
  return { failNext: null, rateLimitNext: null, delayMs: 0, truncateNext: 0, dropNext: 0 };
}

/** Decides what happens to one API request before it is routed, consuming the knobs it uses. Truncation is claimed separately. */
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

/** How the vendor answers the faults it is asked to. */
export interface FaultAnswers {
  rateLimited(retryAfterSeconds: number): void;
  failed(status: number): void;
}

/**
 * Puts an API request through the knobs that act before routing: waits out delayMs, then drops, rate-limits or
 * fails it. True when the request needs nothing more: answered, dropped, or its client gone during the delay.
 */
export async function takenByFault(req: IncomingMessage, faults: FaultKnobs, answers: FaultAnswers): Promise<boolean> {
  if (faults.delayMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, faults.delayMs).unref());
    if (req.socket.destroyed) return true;
  }
  const fault = claimFault(faults);
  switch (fault.kind) {
    case 'drop':
      req.socket.destroy();
      return true;
    case 'rateLimit':
      answers.rateLimited(fault.retryAfterSeconds);
      return true;
    case 'fail':
      answers.failed(fault.status);
      return true;
    case 'none':
      return false;
  }
}

export function claimTruncate(faults: FaultKnobs): boolean {
  if (faults.truncateNext <= 0) return false;
  faults.truncateNext--;
  return true;
}

export function nonNegativeInt(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

/** A count that may also be given as a flag: true is 1, false and null are 0. */
export function countOrFlag(value: unknown, name: string): number {
  if (value === true) return 1;
  if (value === false || value === null) return 0;
  return nonNegativeInt(value, name);
}

export function objectOf(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${name} must be an object or null`);
  return value as Record<string, unknown>;
}

/** Where the simulators' fault patches differ. */
export interface FaultPatchRules<K extends FaultKnobs> {
  /** What the patch is called when it is not an object. */
  patchName: string;
  /** Reads counts and delayMs: nonNegativeInt, or countOrFlag to take flags too. */
  count(value: unknown, name: string): number;
  /** The Retry-After of a rateLimitNext that names none. */
  defaultRetryAfterSeconds: number;
  /** The knobs `{"reset": true}` starts from; without it `reset` is an unknown knob. */
  reset?: () => K;
  /** Sets one of the vendor's own knobs on `next` (or accepts a key the caller acts on); false for a key it does not know. */
  vendorKnob?: (next: K, key: string, value: unknown) => boolean;
}

/**
 * Applies a JSON patch of knobs (as POSTed to /__control/faults): keys present are set, null clears.
 * Throws on unknown knobs or invalid values without changing anything.
 */
export function applyFaultPatch<K extends FaultKnobs>(faults: K, patch: unknown, rules: FaultPatchRules<K>): void {
  const body = objectOf(patch, rules.patchName);
  const next: K = rules.reset && body['reset'] === true ? rules.reset() : { ...faults };
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
        next.failNext = { count: rules.count(v['count'] ?? 1, 'failNext.count'), status };
        break;
      }
      case 'rateLimitNext': {
        if (value === null) {
          next.rateLimitNext = null;
          break;
        }
        const v = objectOf(value, key);
        next.rateLimitNext = {
          count: rules.count(v['count'] ?? 1, 'rateLimitNext.count'),
          retryAfterSeconds: rules.count(v['retryAfterSeconds'] ?? rules.defaultRetryAfterSeconds, 'rateLimitNext.retryAfterSeconds'),
        };
        break;
      }
      case 'delayMs':
      case 'truncateNext':
      case 'dropNext':
        next[key] = rules.count(value, key);
        break;
      default:
        if (key === 'reset' && rules.reset) break;
        if (!rules.vendorKnob?.(next, key, value)) throw new Error(`unknown fault knob ${key}`);
    }
  }
  Object.assign(faults, next);
}
