import type { AccountSyncState, AccountSyncStatus } from '../../../shared/domain/sync-status.ts';
import type { TicketKey } from '../../../shared/domain/ticket.ts';
import type { Macro } from '../../../shared/macros/macro.ts';
import type { AccountConfig } from '../../../shared/settings/account-config.ts';
import { DEFAULT_RATE_LIMIT_SHARE } from '../../../shared/settings/rate-limit-share.ts';
import type { SlaPolicy } from '../../../shared/sla/index.ts';
import { AuthenticationError, type HelpdeskConnector } from '../connectors/helpdesk-connector.ts';
import { sendPendingWrites } from '../outbox/outbox-sender.ts';
import type { OutboxStore } from '../outbox/outbox-store.ts';
import { refreshStaleDues } from '../sla/ticket-dues.ts';
import type { TicketStore } from '../store/ticket-store.ts';
import { HelpdeskUnreachableError, type RetryPolicy } from './helpdesk-http.ts';
import { pollDelayMs, type WindowFocus } from './poll-schedule.ts';
import { StoredThisRun } from './stored-this-run.ts';

/**
 * A first sync may spend up to half of the account's budget whatever the share: it happens once per desktop, and at a
 * poll's share 100,000 tickets would take well over an hour on a small plan; half leaves the team's polls their room.
 */
export const FIRST_SYNC_SHARE = 0.5;

/** A helpdesk's own macros change rarely: read after the first successful run, then at most this often. */
export const MACROS_READ_EVERY_MS = 30 * 60_000;

export interface AccountSyncOptions {
  now: () => Date;
  demo: boolean;
  slaPolicy: SlaPolicy;
  /** The writes made in the app or with `triage-desk reply`, sent at the start of every run. */
  outbox: OutboxStore;
  retry: RetryPolicy;
  /** The share of the account's rate limit per window this desktop may spend (default: the settings' default). */
  rateLimitShare?: number;
  /** `firstSync`: the keys of a first sync's page, all new: worth announcing in bulk rather than listing. */
  onTicketsChanged: (keys: TicketKey[], options?: { firstSync: boolean }) => void;
  onStatusChanged: () => void;
}

/**
 * One account's sync: catch up page by page from the stored checkpoint, then poll, faster while the window is focused,
 * slower after failures and never beyond this desktop's share of the account's rate limit.
 */
export class AccountSync {
  readonly #store: TicketStore;
  readonly #account: AccountConfig;
  readonly #connector: HelpdeskConnector;
  readonly #options: AccountSyncOptions;
  readonly #share: number;
  #verified = false;
  #state: AccountSyncState = 'starting';
  #nextPollAt: Date | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;
  /** The settings' poll interval once polling started, which the focus scales and failures stretch. */
  #pollBaseMs: number | null = null;
  #focus: WindowFocus = 'unknown';
  #failedPolls = 0;
  #lastPollEndedAt = 0;
  /** What the last poll cost in requests: polls are spaced so that their cost stays within the share. */
  #lastPollCost = 0;
  /** The helpdesk's own macros as last read, and when they were last asked for (null: not yet). */
  #macros: Macro[] = [];
  #macrosAskedAt: number | null = null;

  constructor(store: TicketStore, account: AccountConfig, connector: HelpdeskConnector, options: AccountSyncOptions) {
    this.#store = store;
    this.#account = account;
    this.#connector = connector;
    this.#options = options;
    this.#share = options.rateLimitShare ?? DEFAULT_RATE_LIMIT_SHARE;
    connector.rateLimiter.share = this.#share;
  }

  get accountId(): string {
    return this.#account.id;
  }

  /** The helpdesk's own macros (read-only), as last read; none before the first successful run. */
  get macros(): readonly Macro[] {
    return this.#macros;
  }

  /** Syncs until the helpdesk has nothing newer. Throws AuthenticationError or HelpdeskUnreachableError. */
  syncUntilCaughtUp(): Promise<void> {
    this.#running ??= this.#run().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** One more run as soon as possible (a write was just queued): now, or right after the run in progress. */
  sendSoon(): void {
    const run = (): void => void this.syncUntilCaughtUp().catch(() => undefined);
    if (this.#running) this.#running.then(run, run);
    else run();
  }

  async #run(): Promise<void> {
    // A routine poll of an account that is up to date is not announced (the status line would flicker every few
    // seconds); a first sync or a retry after a failure is.
    if (this.#state === 'idle') this.#state = 'syncing';
    else this.#setState('syncing');
    try {
      if (!this.#verified) {
        const identity = await this.#connector.verify();
        if (identity) this.#store.recordIdentity(this.#account.id, identity.userId);
        this.#verified = true;
      }
      // Writes first: the pages that follow bring back what they changed on the helpdesk.
      const writes = await sendPendingWrites(this.#options.outbox, this.#account.id, this.#connector.writer(), { now: this.#options.now, retry: this.#options.retry });
      const { checkpoint } = this.#store.readCheckpoint(this.#account.id);
      // A first sync shows tickets page by page and computes dues once their history is in; later polls apply
      // everything, dues included, and announce the run's changes once, so the queue changes in one step.
      const firstSync = checkpoint === null;
      this.#connector.rateLimiter.share = firstSync ? Math.max(this.#share, FIRST_SYNC_SHARE) : this.#share;
      const changed = new Map<string, TicketKey>();
      const note = (keys: readonly TicketKey[]): void => {
        for (const key of keys) changed.set(`${key.accountId}\u0000${key.sourceId}`, key);
      };
      note(writes.changed);
      try {
        const storedThisRun = new StoredThisRun();
        for await (const page of this.#connector.pages(checkpoint)) {
          if (this.#stopped) return;
          const fresh = storedThisRun.unseen(page);
          const keys = this.#store.applySyncPage(this.#account.id, fresh, this.#options.now());
          storedThisRun.stored(fresh);
          if (firstSync) {
            if (keys.length > 0) this.#options.onTicketsChanged(keys, { firstSync: true });
            if (page.events.length > 0) note(this.#refreshDues());
          } else {
            note(keys);
            note(this.#refreshDues());
          }
        }
        note(this.#refreshDues());
      } finally {
        // A first sync's dues change every ticket at once: announced in bulk too, not as hundreds of "just changed".
        if (changed.size > 0) this.#options.onTicketsChanged([...changed.values()], { firstSync });
      }
      this.#store.recordSyncOutcome(this.#account.id, this.#options.now().toISOString(), null);
      await this.#readMacrosWhenDue();
      this.#setState('idle');
    } catch (error) {
      this.#store.recordSyncOutcome(this.#account.id, this.#options.now().toISOString(), { error: error instanceof Error ? error.message : String(error) });
      if (error instanceof AuthenticationError) {
        this.#verified = false;
        this.#setState('auth_failed');
      } else if (error instanceof HelpdeskUnreachableError) {
        this.#setState('unreachable');
      } else {
        this.#setState('error');
      }
      throw error;
    }
  }

  /**
   * Macros are a convenience: a failed read keeps the list as it was and is tried again when the next read is due,
   * never failing the sync (the tickets are what the status reports on).
   */
  async #readMacrosWhenDue(): Promise<void> {
    const read = this.#connector.macros?.bind(this.#connector);
    if (!read || this.#stopped) return;
    if (this.#macrosAskedAt !== null && Date.now() - this.#macrosAskedAt < MACROS_READ_EVERY_MS) return;
    this.#macrosAskedAt = Date.now();
    try {
      this.#macros = await read();
    } catch {
      // Kept as they were.
    }
  }

  #refreshDues(): TicketKey[] {
    return refreshStaleDues(this.#store, this.#options.slaPolicy, this.#options.now());
  }

  /**
   * Polls until stopped, `baseIntervalMs` apart as the window's focus and failures scale it (poll-schedule.ts);
   * failures are recorded in the status, not thrown.
   */
  startPolling(baseIntervalMs: number): void {
    this.#pollBaseMs = baseIntervalMs;
    this.#poll();
  }

  /** The window gained or lost the engineer's focus: the next poll moves, and comes at once if it is now overdue. */
  setWindowFocus(focused: boolean): void {
    this.#focus = focused ? 'focused' : 'unfocused';
    // While a poll runs there is nothing to move: it schedules the next one when it ends.
    if (this.#pollBaseMs !== null && this.#nextPollAt !== null && !this.#stopped) this.#scheduleNextPoll();
  }

  #poll(): void {
    this.#nextPollAt = null;
    this.#store.recordNextPoll(this.#account.id, null);
    const limiter = this.#connector.rateLimiter;
    // A first sync's cost says nothing of a poll's.
    const firstSync = this.#store.readCheckpoint(this.#account.id).checkpoint === null;
    const bookedBefore = limiter.booked;
    this.syncUntilCaughtUp()
      .then(
        () => {
          this.#failedPolls = 0;
        },
        () => {
          this.#failedPolls += 1;
        },
      )
      .finally(() => {
        if (this.#stopped) return;
        this.#lastPollCost = firstSync ? 0 : limiter.booked - bookedBefore;
        this.#lastPollEndedAt = Date.now();
        this.#scheduleNextPoll();
      });
  }

  /** Timers run on the wall clock (the injected `now` is the SLA's). */
  #scheduleNextPoll(): void {
    if (this.#timer) clearTimeout(this.#timer);
    const limiter = this.#connector.rateLimiter;
    const delay = Math.max(
      pollDelayMs({ baseMs: this.#pollBaseMs ?? 0, focus: this.#focus, failures: this.#failedPolls }),
      limiter.pollSpacingMs(this.#lastPollCost),
    );
    // Not before this desktop may send again: its share of the window spent, or a 429's Retry-After.
    const now = Date.now();
    const at = Math.max(this.#lastPollEndedAt + delay, limiter.nextRequestAt(), now);
    this.#nextPollAt = new Date(at);
    this.#store.recordNextPoll(this.#account.id, this.#nextPollAt.toISOString());
    this.#options.onStatusChanged();
    this.#timer = setTimeout(() => this.#poll(), at - now);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
    if (this.#pollBaseMs !== null) this.#store.recordNextPoll(this.#account.id, null);
  }

  status(): AccountSyncStatus {
    const stored = this.#store.readCheckpoint(this.#account.id);
    const refused = this.#options.outbox.refused(this.#account.id);
    return {
      accountId: this.#account.id,
      type: this.#account.type,
      baseUrl: this.#account.baseUrl,
      demo: this.#options.demo,
      state: this.#state,
      lastSuccessAt: stored.lastSuccessAt,
      nextPollAt: this.#nextPollAt?.toISOString() ?? null,
      lastError: this.#state === 'idle' || this.#state === 'syncing' ? null : stored.lastError,
      quarantined: this.#store.countQuarantined(this.#account.id),
      refusedWrites: refused.count,
      oldestRefusedTicket: refused.oldest,
    };
  }

  #setState(state: AccountSyncState): void {
    this.#state = state;
    this.#options.onStatusChanged();
  }
}
