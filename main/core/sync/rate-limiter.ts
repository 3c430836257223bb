// One account's request budget as its helpdesk reports it. Every answer's rate-limit headers update it (whatever the
// vendor's spelling); before each request the limiter waits while the budget is spent down to a reserve (until the
// window resets) or while a 429's Retry-After has not passed, so concurrent requests of the account hold together.
import { retryAfterToMs } from './helpdesk-http.ts';

/** What one answer says about the budget. Times are epoch milliseconds. */
export interface RateLimitReading {
  /** Requests left in the current window (the tightest of the limits the answer reports), or null if none is reported. */
  remaining: number | null;
  /** When that window resets, if the answer says. */
  resetAt: number | null;
  /** How long a 429 (or 503) asked the client to wait, if it did. */
  retryAfterMs: number | null;
}

// Spellings of the (limit, remaining, reset) header triples, lower case: Intercom and GitHub style, the IETF draft and
// Zendesk's older copy of it, Zendesk's own, Help Scout's per-minute ones.
const HEADER_FAMILIES: readonly { remaining: string; reset: string | null }[] = [
  { remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' },
  { remaining: 'ratelimit-remaining', reset: 'ratelimit-reset' },
  { remaining: 'rate-limit-remaining', reset: 'rate-limit-reset' },
  { remaining: 'x-rate-limit-remaining', reset: null },
  { remaining: 'x-ratelimit-remaining-minute', reset: 'x-ratelimit-retry-after' },
];

/** Reset values this large are Unix timestamps (Intercom); smaller ones are seconds from now (the IETF draft). */
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

/** Reads every spelling of the rate-limit headers of one answer; header names are case-insensitive. */
export function readRateLimitHeaders(headers: Headers, now: number): RateLimitReading {
  const limits: { remaining: number; resetAt: number | null }[] = [];
  for (const family of HEADER_FAMILIES) {
    const remaining = numberOf(headers.get(family.remaining));
    if (remaining === null) continue;
    const reset = family.reset === null ? null : numberOf(headers.get(family.reset));
    limits.push({ remaining, resetAt: reset === null ? null : resetInstant(reset, now) });
  }
  // Zendesk's per-endpoint budgets: `zendesk-ratelimit-tickets-index: total=100; remaining=99; resets=41`.
  headers.forEach((value, name) => {
    if (!name.startsWith('zendesk-ratelimit-')) return;
    const remaining = numberOf(/(?:^|[;,\s])remaining=(\d+)/.exec(value)?.[1] ?? null);
    const resets = numberOf(/(?:^|[;,\s])resets?=(\d+)/.exec(value)?.[1] ?? null);
    if (remaining !== null) limits.push({ remaining, resetAt: resets === null ? null : now + resets * 1000 });
  });
  const tightest = limits.reduce<(typeof limits)[number] | null>(
    (best, limit) => (best === null || limit.remaining < best.remaining || (limit.remaining === best.remaining && (limit.resetAt ?? 0) > (best.resetAt ?? 0)) ? limit : best),
    null,
  );
  return { remaining: tightest?.remaining ?? null, resetAt: tightest?.resetAt ?? null, retryAfterMs: retryAfterToMs(headers.get('retry-after'), now) };
}

function numberOf(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function resetInstant(reset: number, now: number): number {
  return reset >= EPOCH_SECONDS_THRESHOLD ? reset * 1000 : now + reset * 1000;
}

export interface RateLimiterOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Requests of each window left unspent: room for the requests already in flight and for the other engineers of
   * the team, who poll the same account (default 5).
   */
  reserve?: number;
  /** The window assumed when a helpdesk reports what remains but not when it resets (Zendesk: a minute). */
  defaultWindowMs?: number;
}

/** Paces one account's requests by the budget its helpdesk reports. Share one instance among all of them. */
export class RateLimiter {
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #reserve: number;
  readonly #defaultWindowMs: number;
  #remaining: number | null = null;
  #resetAt: number | null = null;
  /** No request before this instant: a 429's (or 503's) Retry-After. */
  #blockedUntil = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#reserve = options.reserve ?? 5;
    this.#defaultWindowMs = options.defaultWindowMs ?? 60_000;
  }

  /** Resolves when a request costing `cost` (Help Scout counts a write as 2) may be sent, and books it. */
  async acquire(cost = 1): Promise<void> {
    for (;;) {
      const now = this.#now();
      const until = this.#holdUntil(now, cost);
      if (until <= now) break;
      await this.#sleep(until - now);
    }
    if (this.#remaining !== null) this.#remaining -= cost;
  }

  /** Takes in what an answer said: its status and headers. */
  observe(status: number, headers: Headers): void {
    const now = this.#now();
    const reading = readRateLimitHeaders(headers, now);
    if ((status === 429 || status === 503) && reading.retryAfterMs !== null) {
      this.#blockedUntil = Math.max(this.#blockedUntil, now + reading.retryAfterMs);
    }
    const remaining = status === 429 && reading.retryAfterMs === null ? 0 : reading.remaining;
    if (remaining === null) return;
    const resetAt = reading.resetAt ?? (this.#resetAt !== null && this.#resetAt > now ? this.#resetAt : now + this.#defaultWindowMs);
    // Concurrent answers arrive out of order: within one window the lowest count is the latest; an earlier window's
    // answer says nothing about this one.
    if (this.#resetAt !== null && resetAt < this.#resetAt) return;
    this.#remaining = this.#resetAt === resetAt && this.#remaining !== null ? Math.min(this.#remaining, remaining) : remaining;
    this.#resetAt = resetAt;
  }

  #holdUntil(now: number, cost: number): number {
    if (this.#resetAt !== null && this.#resetAt <= now) {
      // A new window: nothing is known of it until the next answer.
      this.#remaining = null;
      this.#resetAt = null;
    }
    const spent = this.#remaining !== null && this.#resetAt !== null && this.#remaining - cost < this.#reserve;
    return Math.max(this.#blockedUntil, spent ? (this.#resetAt ?? 0) : 0);
  }
}
