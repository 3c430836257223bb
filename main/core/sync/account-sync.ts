import type { AccountSyncState, AccountSyncStatus } from '../../../shared/domain/sync-status.ts';
import type { TicketKey } from '../../../shared/domain/ticket.ts';
import type { AccountConfig } from '../../../shared/settings/account-config.ts';
import type { SlaPolicy } from '../../../shared/sla/index.ts';
import { AuthenticationError, type HelpdeskConnector } from '../connectors/helpdesk-connector.ts';
import { sendPendingWrites } from '../outbox/outbox-sender.ts';
import type { OutboxStore } from '../outbox/outbox-store.ts';
import { refreshStaleDues } from '../sla/ticket-dues.ts';
import type { TicketStore } from '../store/ticket-store.ts';
import { HelpdeskUnreachableError, type RetryPolicy } from './helpdesk-http.ts';

export interface AccountSyncOptions {
  now: () => Date;
  demo: boolean;
  slaPolicy: SlaPolicy;
  /** The writes made in the app or with `triage-desk reply`, sent at the start of every run. */
  outbox: OutboxStore;
  retry: RetryPolicy;
  onTicketsChanged: (keys: TicketKey[]) => void;
  onStatusChanged: () => void;
}

/** One account's sync: catch up page by page from the stored checkpoint, then poll on an interval. */
export class AccountSync {
  readonly #store: TicketStore;
  readonly #account: AccountConfig;
  readonly #connector: HelpdeskConnector;
  readonly #options: AccountSyncOptions;
  #verified = false;
  #state: AccountSyncState = 'starting';
  #nextPollAt: Date | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;

  constructor(store: TicketStore, account: AccountConfig, connector: HelpdeskConnector, options: AccountSyncOptions) {
    this.#store = store;
    this.#account = account;
    this.#connector = connector;
    this.#options = options;
  }

  get accountId(): string {
    return this.#account.id;
  }

  /** Syncs until the helpdesk has nothing newer. Throws AuthenticationError or HelpdeskUnreachableError. */
  syncUntilCaughtUp(): Promise<void> {
    this.#running ??= this.#run().finally(() => {
      this.#running = null;
    });
    return this.#running;
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
      const writer = this.#connector.writer?.();
      const writes = writer
        ? await sendPendingWrites(this.#options.outbox, this.#account.id, writer, { now: this.#options.now, retry: this.#options.retry })
        : { changed: [] };
      const { checkpoint } = this.#store.readCheckpoint(this.#account.id);
      // A first sync shows tickets page by page and computes dues once their history is in; later polls apply
      // everything, dues included, and announce the run's changes once, so the queue changes in one step.
      const firstSync = checkpoint === null;
      const changed = new Map<string, TicketKey>();
      const note = (keys: readonly TicketKey[]): void => {
        for (const key of keys) changed.set(`${key.accountId}\u0000${key.sourceId}`, key);
      };
      note(writes.changed);
      try {
        for await (const page of this.#connector.pages(checkpoint)) {
          if (this.#stopped) return;
          const keys = this.#store.applySyncPage(this.#account.id, page, this.#options.now());
          if (firstSync) {
            if (keys.length > 0) this.#options.onTicketsChanged(keys);
            if (page.events.length > 0) note(this.#refreshDues());
          } else {
            note(keys);
            note(this.#refreshDues());
          }
        }
        note(this.#refreshDues());
      } finally {
        if (changed.size > 0) this.#options.onTicketsChanged([...changed.values()]);
      }
      this.#store.recordSyncOutcome(this.#account.id, { succeededAt: this.#options.now().toISOString() });
      this.#setState('idle');
    } catch (error) {
      this.#store.recordSyncOutcome(this.#account.id, { error: error instanceof Error ? error.message : String(error) });
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

  #refreshDues(): TicketKey[] {
    return refreshStaleDues(this.#store, this.#options.slaPolicy, this.#options.now());
  }

  /** Polls every `intervalMs` until stopped; failures are recorded in the status, not thrown. */
  startPolling(intervalMs: number): void {
    const poll = (): void => {
      this.#nextPollAt = null;
      this.syncUntilCaughtUp()
        .catch(() => undefined)
        .finally(() => {
          if (this.#stopped) return;
          this.#nextPollAt = new Date(this.#options.now().getTime() + intervalMs);
          this.#options.onStatusChanged();
          this.#timer = setTimeout(poll, intervalMs);
        });
    };
    poll();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }

  status(): AccountSyncStatus {
    const stored = this.#store.readCheckpoint(this.#account.id);
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
    };
  }

  #setState(state: AccountSyncState): void {
    this.#state = state;
    this.#options.onStatusChanged();
  }
}
