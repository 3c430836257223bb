// Adaptive polling on a fake clock: the window's focus scales the interval, a poll overdue when focus returns goes at
// once, failures back off up to a cap, a first sync may spend more of the rate limit, and polls stretch to the share.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SLA_POLICY } from '../../../shared/sla/index.ts';
import type { HelpdeskConnector } from '../../../main/core/connectors/helpdesk-connector.ts';
import type { HelpdeskWriter } from '../../../main/core/outbox/helpdesk-writer.ts';
import { OutboxStore } from '../../../main/core/outbox/outbox-store.ts';
import { openDatabase } from '../../../main/core/store/database.ts';
import { TicketStore } from '../../../main/core/store/ticket-store.ts';
import { AccountSync, FIRST_SYNC_SHARE } from '../../../main/core/sync/account-sync.ts';
import { HelpdeskUnreachableError } from '../../../main/core/sync/helpdesk-http.ts';
import { MAX_FAILURE_BACKOFF_MS, pollDelayMs } from '../../../main/core/sync/poll-schedule.ts';
import { RateLimiter } from '../../../main/core/sync/rate-limiter.ts';
import type { SyncPage } from '../../../main/core/sync/sync-page.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const MINUTE = 60_000;

describe('pollDelayMs', () => {
  it('halves the base while the window is focused, doubles it while not, and keeps it without a window', () => {
    expect(pollDelayMs({ baseMs: MINUTE, focus: 'focused', failures: 0 })).toBe(30_000);
    expect(pollDelayMs({ baseMs: MINUTE, focus: 'unfocused', failures: 0 })).toBe(2 * MINUTE);
    expect(pollDelayMs({ baseMs: MINUTE, focus: 'unknown', failures: 0 })).toBe(MINUTE);
  });

  it('doubles the wait with each failure in a row, up to the cap or the interval if that is longer', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((failures) => pollDelayMs({ baseMs: MINUTE, focus: 'unknown', failures }));
    expect(delays).toEqual([2 * MINUTE, 4 * MINUTE, 8 * MINUTE, MAX_FAILURE_BACKOFF_MS, MAX_FAILURE_BACKOFF_MS, MAX_FAILURE_BACKOFF_MS]);
    expect(pollDelayMs({ baseMs: 60 * MINUTE, focus: 'unknown', failures: 3 })).toBe(60 * MINUTE);
  });
});

/** A helpdesk that answers each poll with `requestsPerPoll` requests through the account's limiter. */
class FakeHelpdesk implements HelpdeskConnector {
  readonly rateLimiter = new RateLimiter({ reserve: 0 });
  /** When each poll asked for pages, in fake epoch ms, and the share the limiter held it to. */
  readonly polls: { at: number; share: number }[] = [];
  failing = false;
  requestsPerPoll = 1;
  /** The limit the fake helpdesk reports, per minute. */
  limit = 1000;

  verify(): Promise<void> {
    return Promise.resolve();
  }

  async *pages(): AsyncGenerator<SyncPage> {
    this.polls.push({ at: Date.now(), share: this.rateLimiter.share });
    for (let i = 0; i < this.requestsPerPoll; i++) {
      await this.rateLimiter.acquire();
      this.rateLimiter.observe(200, new Headers({ 'x-rate-limit': String(this.limit), 'x-rate-limit-remaining': String(this.limit - 1) }));
    }
    if (this.failing) throw new HelpdeskUnreachableError('the fake helpdesk is down');
    yield { tickets: [], people: [], organizations: [], events: [], messages: [], quarantined: [], checkpoint: 'reached', caughtUp: true };
  }

  /** Polling is what is measured here: the outbox stays empty, so nothing is ever written. */
  writer(): HelpdeskWriter {
    return { apply: () => Promise.reject(new Error('the fake helpdesk takes no writes')) };
  }
}

describe('AccountSync polling', () => {
  const tempDir = useTempDirs();
  const syncs: AccountSync[] = [];
  let helpdesk: FakeHelpdesk;

  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2024-03-06T12:00:00Z') });
    helpdesk = new FakeHelpdesk();
  });
  afterEach(async () => {
    for (const sync of syncs.splice(0)) await sync.stop();
    vi.useRealTimers();
  });

  function startSync(share = 0.2): AccountSync {
    const db = openDatabase(join(tempDir(), 'triage.sqlite'));
    const sync = new AccountSync(new TicketStore(db), { id: 'acme', type: 'zendesk', baseUrl: 'https://acme.zendesk.com', auth: { type: 'apiToken', email: 'a@acme.test', token: 't' }, planField: 'plan' }, helpdesk, {
      now: () => new Date(),
      demo: false,
      slaPolicy: DEFAULT_SLA_POLICY,
      outbox: new OutboxStore(db),
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 1000 },
      rateLimitShare: share,
      onTicketsChanged: () => undefined,
      onStatusChanged: () => undefined,
    });
    syncs.push(sync);
    sync.startPolling(MINUTE);
    return sync;
  }

  /** Seconds from the first poll to each poll. */
  const pollSeconds = (): number[] => helpdesk.polls.map((poll) => (poll.at - helpdesk.polls[0]!.at) / 1000);

  it('polls at the base interval until a window reports, twice as often while it is focused, half as often while not', async () => {
    const sync = startSync();
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(pollSeconds()).toEqual([0, 60]);
    sync.setWindowFocus(true);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(pollSeconds()).toEqual([0, 60, 90, 120]);
    sync.setWindowFocus(false);
    await vi.advanceTimersByTimeAsync(4 * MINUTE);
    expect(pollSeconds()).toEqual([0, 60, 90, 120, 240, 360]);
    expect(sync.status().nextPollAt).toBe(new Date(helpdesk.polls.at(-1)!.at + 2 * MINUTE).toISOString());
  });

  it('polls at once when focus returns and a poll is overdue, and otherwise moves the next poll closer', async () => {
    const sync = startSync();
    sync.setWindowFocus(false);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(pollSeconds()).toEqual([0]);
    sync.setWindowFocus(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(pollSeconds()).toEqual([0, 40]);
    sync.setWindowFocus(false);
    await vi.advanceTimersByTimeAsync(10_000);
    sync.setWindowFocus(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(pollSeconds()).toEqual([0, 40]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(pollSeconds()).toEqual([0, 40, 70]);
  });

  it('backs off after failures, doubling up to the cap, and returns to the interval after a success', async () => {
    helpdesk.failing = true;
    const sync = startSync();
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    // 0, then 2, 4, 8 and 15 minutes apart.
    expect(pollSeconds().slice(0, 6)).toEqual([0, 120, 360, 840, 1740, 2640]);
    expect(sync.status().state).toBe('unreachable');
    helpdesk.failing = false;
    await vi.advanceTimersByTimeAsync(15 * MINUTE);
    const last = helpdesk.polls.length;
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(helpdesk.polls.length).toBe(last + 1);
    expect(sync.status().state).toBe('idle');
  });

  it('lets a first sync spend a larger share of the rate limit than the polls after it', async () => {
    startSync(0.2);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(helpdesk.polls.map((poll) => poll.share)).toEqual([FIRST_SYNC_SHARE, 0.2]);
  });

  it("stretches polls whose cost would exceed the desktop's share of the limit", async () => {
    // 20 requests a minute, 4 of them this desktop's; a poll costs 3, so polls go 45 s apart rather than 30.
    helpdesk.limit = 20;
    helpdesk.requestsPerPoll = 3;
    const sync = startSync(0.2);
    sync.setWindowFocus(true);
    await vi.advanceTimersByTimeAsync(4 * MINUTE);
    const gaps = pollSeconds().slice(1).map((at, i) => at - pollSeconds()[i]!);
    expect(gaps.length).toBeGreaterThan(2);
    for (const gap of gaps.slice(1)) expect(gap).toBeGreaterThanOrEqual(45);
  });
});
