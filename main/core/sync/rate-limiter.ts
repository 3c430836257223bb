// One account's request budget as its helpdesk reports it. Every answer's rate-limit headers update it (whatever the
// vendor's spelling); before each request the limiter waits while the budget is spent down to a reserve (until the
// window resets), while a 429's Retry-After has not passed, or while this desktop has spent its share of the
// account's limit in the current window, so concurrent requests of the account hold together.
import { retryAfterToMs } from './helpdesk-http.ts';

/** What one answer says about the budget. Times are epoch milliseconds. */
export interface RateLimitReading {
  /**
   * The account's limit per window: the largest of the limits the answer reports (an endpoint's own budget, such as
   * Zendesk's tickets-index one, is smaller and is kept by `remaining`), or null if none is reported.
   */
  limit: number | null;
  /** Requests left in the current window (the tightest of the limits the answer reports), or null if none is reported. */
  remaining: number | null;
  /** When that window resets, if the answer says. */
  resetAt: number | null;
  /** How long a 429 (or 503) asked the client to wait, if it did. */
  retryAfterMs: number | null;
}

// Spellings of the (limit, remaining, reset) header triples, lower case: Intercom and GitHub style, the IETF draft and
// Zendesk's older copy of it, Zendesk's own, Help Scout's per-minute ones.
const HEADER_FAMILIES: readonly { limit: readonly string[]; remaining: string; reset: string | null }[] = [
  { limit: ['x-ratelimit-limit'], remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' },
  { limit: ['ratelimit-limit'], remaining: 'ratelimit-remaining', reset: 'ratelimit-reset' },
  { limit: ['rate-limit-limit', 'rate-limit'], remaining: 'rate-limit-remaining', reset: 'rate-limit-reset' },
  { limit: ['x-rate-limit-limit', 'x-rate-limit'], remaining: 'x-rate-limit-remaining', reset: null },
  { limit: ['x-ratelimit-limit-minute'], remaining: 'x-ratelimit-remaining-minute', reset: 'x-ratelimit-retry-after' },
];

/** Reset values this large are Unix timestamps (Intercom); smaller ones are seconds from now (the IETF draft). */
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

/** Reads every spelling of the rate-limit headers of one answer; header names are case-insensitive. */
export function readRateLimitHeaders(headers: Headers, now: number): RateLimitReading {
  const limits: { remaining: number; resetAt: number | null }[] = [];
  const totals: number[] = [];
  for (const family of HEADER_FAMILIES) {
    for (const name of family.limit) {
      const total = leadingNumberOf(headers.get(name));
      if (total !== null) totals.push(total);
    }
    const remaining = numberOf(headers.get(family.remaining));
    if (remaining === null) continue;
    const reset = family.reset === null ? null : numberOf(headers.get(family.reset));
    limits.push({ remaining, resetAt: reset === null ? null : resetInstant(reset, now) });
  }
  // Zendesk's per-endpoint budgets: `zendesk-ratelimit-tickets-index: total=100; remaining=99; resets=41`.
  headers.forEach((value, name) => {
    if (!name.startsWith('zendesk-ratelimit-')) return;
    const total = numberOf(/(?:^|[;,\s])total=(\d+)/.exec(value)?.[1] ?? null);
    const remaining = numberOf(/(?:^|[;,\s])remaining=(\d+)/.exec(value)?.[1] ?? null);
    const resets = numberOf(/(?:^|[;,\s])resets?=(\d+)/.exec(value)?.[1] ?? null);
    if (total !== null) totals.push(total);
    if (remaining !== null) limits.push({ remaining, resetAt: resets === null ? null : now + resets * 1000 });
  });
  const tightest = limits.reduce<(typeof limits)[number] | null>(
    (best, limit) => (best === null || limit.remaining < best.remaining || (limit.remaining === best.remaining && (limit.resetAt ?? 0) > (best.resetAt ?? 0)) ? limit : best),
    null,
  );
  return {
    limit: totals.length === 0 ? null : Math.max(...totals),
    remaining: tightest?.remaining ?? null,
    resetAt: tightest?.resetAt ?? null,
    retryAfterMs: retryAfterToMs(headers.get('retry-after'), now),
  };
}

function numberOf(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** A limit header may carry a policy after the number (the IETF draft's `100, 100;w=60`): the first number counts. */
function leadingNumberOf(value: string | null): number | null {
  const match = value === null ? null : /^\s*(\d+)/.exec(value);
  return match ? Number(match[1]) : null;
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
  /**
   * The window assumed when a helpdesk reports what remains but not when it resets (Zendesk, Help Scout: a minute;
   * Intercom: 10 seconds), and the window the share is counted in until an answer says when it ends.
   */
  defaultWindowMs?: number;
  /** The share of the account's limit per window this desktop may spend (0 < share <= 1; default 1: no cap). */
  share?: number;
}

/** Paces one account's requests by the budget its helpdesk reports. Share one instance among all of them. */
export class RateLimiter {
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #reserve: number;
  readonly #defaultWindowMs: number;
  #share = 1;
  #remaining: number | null = null;
  #resetAt: number | null = null;
  /** No request before this instant: a 429's (or 503's) Retry-After. */
  #blockedUntil = 0;
  /** The account's limit per window, as last reported. */
  #limit: number | null = null;
  /** When the helpdesk's current window ends, as it last said (it may not say). */
  #reportedResetAt: number | null = null;
  /** This desktop's spending in its current window, and when that window ends (null: no window started). */
  #spentInWindow = 0;
  #windowEndsAt: number | null = null;
  /** Whether #windowEndsAt is the helpdesk's own reset, or assumed from the default window until an answer says. */
  #windowEndReported = false;
  #booked = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#reserve = options.reserve ?? 5;
    this.#defaultWindowMs = options.defaultWindowMs ?? 60_000;
    this.share = options.share ?? 1;
  }

  get share(): number {
    return this.#share;
  }

  /** The share of the account's limit this desktop may spend per window from now on. */
  set share(share: number) {
    if (!(share > 0 && share <= 1)) throw new RangeError(`a rate-limit share must be more than 0 and at most 1, got ${share}`);
    this.#share = share;
  }

  /** The cost of every request let through so far: the difference over a run is what the run spent. */
  get booked(): number {
    return this.#booked;
  }

  /** Resolves when a request costing `cost` (Help Scout counts a write as 2) may be sent, and books it. */
  async acquire(cost = 1): Promise<void> {
    let now = this.#now();
    for (;;) {
      const until = this.#holdUntil(now, cost);
      if (until <= now) break;
      await this.#sleep(until - now);
      now = this.#now();
    }
    if (this.#remaining !== null) this.#remaining -= cost;
    if (this.#windowEndsAt === null) {
      this.#windowEndReported = this.#reportedResetAt !== null && this.#reportedResetAt > now;
      this.#windowEndsAt = this.#windowEndReported ? this.#reportedResetAt : now + this.#defaultWindowMs;
    }
    this.#spentInWindow += cost;
    this.#booked += cost;
  }

  /** When a request costing `cost` could be sent without waiting: now, or later while the budget or the share is spent. */
  nextRequestAt(cost = 1): number {
    const now = this.#now();
    return Math.max(now, this.#holdUntil(now, cost));
  }

  /**
   * How far apart polls costing `cost` each must start for this desktop to stay within its share, the window being
   * the default one: 0 while no limit is known.
   */
  pollSpacingMs(cost: number): number {
    const allowance = this.#allowance();
    return allowance === null ? 0 : Math.ceil((cost * this.#defaultWindowMs) / allowance);
  }

  /** Takes in what an answer said: its status and headers. */
  observe(status: number, headers: Headers): void {
    const now = this.#now();
    const reading = readRateLimitHeaders(headers, now);
    if (reading.limit !== null) this.#limit = reading.limit;
    if (reading.resetAt !== null && reading.resetAt > now) {
      this.#reportedResetAt = reading.resetAt;
      // The window this desktop counts in was assumed when its first request went: the helpdesk now says when it ends.
      if (this.#windowEndsAt !== null && !this.#windowEndReported) {
        this.#windowEndsAt = reading.resetAt;
        this.#windowEndReported = true;
      }
    }
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

  /** The most this desktop may spend per window: its share of the account's limit (at least one request), once known. */
  #allowance(): number | null {
    return this.#limit === null ? null : Math.max(1, Math.floor(this.#limit * this.#share));
  }

  #holdUntil(now: number, cost: number): number {
    if (this.#resetAt !== null && this.#resetAt <= now) {
      // A new window: nothing is known of it until the next answer.
      this.#remaining = null;
      this.#resetAt = null;
    }
    if (this.#windowEndsAt !== null && this.#windowEndsAt <= now) {
      this.#windowEndsAt = null;
      this.#spentInWindow = 0;
    }
    const spent = this.#remaining !== null && this.#resetAt !== null && this.#remaining - cost < this.#reserve;
    const allowance = this.#allowance();
    // The first request of a window goes whatever it costs, or a share below one request would never send anything.
    const overShare = allowance !== null && this.#spentInWindow > 0 && this.#spentInWindow + cost > allowance;
    return Math.max(this.#blockedUntil, spent ? (this.#resetAt ?? 0) : 0, overShare ? (this.#windowEndsAt ?? 0) : 0);
  }
}
