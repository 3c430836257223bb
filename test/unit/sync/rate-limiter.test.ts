// The rate limiter on an injected clock: every vendor's header spelling, the reserve, and 429's Retry-After.
import { describe, expect, it } from 'vitest';
import { RateLimiter, readRateLimitHeaders } from '../../../main/core/sync/rate-limiter.ts';

const NOW = Date.parse('2024-03-06T12:00:00Z');

/** A clock that only moves when the limiter sleeps, recording each sleep. */
function fakeTime(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = NOW;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: (ms) => {
      slept.push(ms);
      t += ms;
      return Promise.resolve();
    },
    slept,
  };
}

describe('readRateLimitHeaders', () => {
  it.each([
    ['Intercom (reset as a Unix time)', { 'X-RateLimit-Limit': '1667', 'X-RateLimit-Remaining': '3', 'X-RateLimit-Reset': String(NOW / 1000 + 7) }, 1667, 3, NOW + 7000],
    ['the IETF draft (reset in seconds)', { 'ratelimit-limit': '700', 'ratelimit-remaining': '12', 'ratelimit-reset': '41' }, 700, 12, NOW + 41_000],
    ['the IETF draft with a policy after the limit', { 'ratelimit-limit': '100, 100;w=60', 'ratelimit-remaining': '12' }, 100, 12, null],
    ["Zendesk's older copy", { 'rate-limit': '700', 'rate-limit-remaining': '9', 'rate-limit-reset': '5' }, 700, 9, NOW + 5000],
    ["Zendesk's account limit (no reset)", { 'x-rate-limit': '700', 'x-rate-limit-remaining': '650' }, 700, 650, null],
    ["Zendesk's per-endpoint budget", { 'zendesk-ratelimit-tickets-index': 'total=100; remaining=99; resets=41' }, 100, 99, NOW + 41_000],
    ["Help Scout's per minute", { 'X-RateLimit-Limit-Minute': '200', 'X-RateLimit-Remaining-Minute': '0', 'X-RateLimit-Retry-After': '17' }, 200, 0, NOW + 17_000],
  ])('reads %s', (_label, headers, limit, remaining, resetAt) => {
    expect(readRateLimitHeaders(new Headers(headers), NOW)).toEqual({ limit, remaining, resetAt, retryAfterMs: null });
  });

  it('takes the tightest of several limits, and Retry-After in seconds or as a date', () => {
    const headers = new Headers({ 'x-rate-limit-remaining': '500', 'ratelimit-remaining': '4', 'ratelimit-reset': '30', 'retry-after': '2' });
    expect(readRateLimitHeaders(headers, NOW)).toEqual({ limit: null, remaining: 4, resetAt: NOW + 30_000, retryAfterMs: 2000 });
    const dated = new Headers({ 'retry-after': new Date(NOW + 5000).toUTCString() });
    expect(readRateLimitHeaders(dated, NOW).retryAfterMs).toBe(5000);
    expect(readRateLimitHeaders(new Headers(), NOW)).toEqual({ limit: null, remaining: null, resetAt: null, retryAfterMs: null });
  });

  it("takes the account's limit, the largest reported, while the tightest budget says what remains", () => {
    const headers = new Headers({
      'x-rate-limit': '700',
      'x-rate-limit-remaining': '650',
      'zendesk-ratelimit-tickets-index': 'total=100; remaining=20; resets=41',
    });
    expect(readRateLimitHeaders(headers, NOW)).toEqual({ limit: 700, remaining: 20, resetAt: NOW + 41_000, retryAfterMs: null });
  });
});

describe('RateLimiter', () => {
  it('sends freely while the budget lasts, then waits for the window to reset once only the reserve is left', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ ...time, reserve: 2 });
    limiter.observe(200, new Headers({ 'X-RateLimit-Remaining': '4', 'X-RateLimit-Reset': String(NOW / 1000 + 10) }));
    await limiter.acquire();
    await limiter.acquire();
    expect(time.slept).toEqual([]);
    await limiter.acquire();
    expect(time.slept).toEqual([10_000]);
    // A new window: nothing is known of it until the next answer, so the next request goes at once.
    await limiter.acquire();
    expect(time.slept).toEqual([10_000]);
  });

  it('never sends before a 429 Retry-After has passed, whoever asks', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter(time);
    limiter.observe(429, new Headers({ 'retry-after': '3', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 3) }));
    const sentAt: number[] = [];
    await Promise.all([1, 2, 3].map(async () => {
      await limiter.acquire();
      sentAt.push(time.now());
    }));
    expect(Math.min(...sentAt)).toBeGreaterThanOrEqual(NOW + 3000);
  });

  it('keeps the lowest count of one window when answers arrive out of order, and ignores an older window', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ ...time, reserve: 1 });
    const reset = String(NOW / 1000 + 10);
    limiter.observe(200, new Headers({ 'X-RateLimit-Remaining': '1', 'X-RateLimit-Reset': reset }));
    limiter.observe(200, new Headers({ 'X-RateLimit-Remaining': '50', 'X-RateLimit-Reset': reset }));
    limiter.observe(200, new Headers({ 'X-RateLimit-Remaining': '90', 'X-RateLimit-Reset': String(NOW / 1000 - 10) }));
    await limiter.acquire();
    expect(time.slept).toEqual([10_000]);
  });

  it('assumes its default window when a helpdesk says what remains but not when it resets, and counts a write as two', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ ...time, reserve: 0, defaultWindowMs: 60_000 });
    limiter.observe(200, new Headers({ 'x-rate-limit-remaining': '3' }));
    await limiter.acquire(2);
    expect(time.slept).toEqual([]);
    await limiter.acquire(2);
    expect(time.slept).toEqual([60_000]);
  });

  it('holds after a 429 that gives no Retry-After until the window resets', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ ...time, defaultWindowMs: 10_000 });
    limiter.observe(429, new Headers());
    await limiter.acquire();
    expect(time.slept).toEqual([10_000]);
  });

  it("spends at most its share of the account's limit per window, then waits for the window the helpdesk named", async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ ...time, reserve: 0, share: 0.2 });
    const windowEnd = NOW + 30_000;
    const answer = (remaining: number): Headers =>
      new Headers({ 'ratelimit-limit': '20', 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String((windowEnd - time.now()) / 1000) });
    // The first request teaches the limit: 20 per window, 4 of them this desktop's.
    await limiter.acquire();
    limiter.observe(200, answer(19));
    for (let i = 0; i < 3; i++) await limiter.acquire();
    expect(time.slept).toEqual([]);
    expect(limiter.nextRequestAt()).toBe(windowEnd);
    await limiter.acquire();
    expect(time.slept).toEqual([30_000]);
    expect(limiter.booked).toBe(5);
  });

  it('counts its share from its first request while the helpdesk names no reset, and a larger share sends more', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ ...time, reserve: 0, share: 0.5, defaultWindowMs: 60_000 });
    await limiter.acquire();
    limiter.observe(200, new Headers({ 'x-rate-limit': '4', 'x-rate-limit-remaining': '3' }));
    await limiter.acquire();
    await limiter.acquire();
    expect(time.slept).toEqual([60_000]);
    limiter.share = 1;
    await limiter.acquire();
    await limiter.acquire();
    expect(time.slept).toEqual([60_000]);
    expect(() => (limiter.share = 0)).toThrow(/more than 0 and at most 1/);
  });

  it('lets the first request of a window go even when its cost exceeds a share below one request', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ ...time, reserve: 0, share: 0.01, defaultWindowMs: 10_000 });
    limiter.observe(200, new Headers({ 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '50', 'x-ratelimit-reset': String(NOW / 1000 + 10) }));
    await limiter.acquire(2);
    await limiter.acquire(2);
    expect(time.slept).toEqual([10_000]);
  });

  it('spaces polls so that their cost stays within the share, once the limit is known', () => {
    const limiter = new RateLimiter({ ...fakeTime(), share: 0.2, defaultWindowMs: 60_000 });
    expect(limiter.pollSpacingMs(3)).toBe(0);
    limiter.observe(200, new Headers({ 'x-ratelimit-limit-minute': '100', 'x-ratelimit-remaining-minute': '90' }));
    // 20 requests a minute are this desktop's: a poll of 3 requests every 9 seconds.
    expect(limiter.pollSpacingMs(3)).toBe(9000);
  });
});
