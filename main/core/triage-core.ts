import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import {
  parseTriageRequest,
  TriageContractError,
  type TriagePush,
  type TriagePushName,
  type TriageRequestName,
  type TriageResponse,
} from '../../shared/contract/triage-contract.ts';
import { FIRST_QUEUE_VIEW, QUEUE_VIEWS } from '../../shared/domain/queue-view.ts';
import type { SyncStatus } from '../../shared/domain/sync-status.ts';
import type { TicketDetail } from '../../shared/domain/ticket-detail.ts';
import { type TicketKey, ticketKeyString, type TicketSummary } from '../../shared/domain/ticket.ts';
import { LocalMacros, type Macro } from '../../shared/macros/macro.ts';
import { STARTER_MACROS } from '../../shared/macros/starter-macros.ts';
import type { AccountConfig } from '../../shared/settings/account-config.ts';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../shared/sla/index.ts';
import type { ZendeskTokenVault } from './auth/zendesk-token-vault.ts';
import { connectorForAccount } from './connectors/connector-for-account.ts';
import { refreshStaleDues } from './sla/ticket-dues.ts';
import { slaViewOf } from './sla/ticket-sla-view.ts';
import { DATABASE_FILE_NAME, openDatabase } from './store/database.ts';
import { type OutboxItem, OutboxStore } from './outbox/outbox-store.ts';
import { forgetAccount } from './store/forget-account.ts';
import { TicketStore } from './store/ticket-store.ts';
import { ZendeskTokenTable } from './store/zendesk-token-table.ts';
import { AccountSync } from './sync/account-sync.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './sync/helpdesk-http.ts';

export interface TriageCoreOptions {
  /** The profile's folder: the database lives here. */
  dataDir: string;
  accounts: AccountConfig[];
  /** Accounts that belong to the demo workspace (shown as such). */
  demoAccountIds?: ReadonlySet<string>;
  retry?: RetryPolicy;
  /** The policy dues are computed with (default: DESIGN §5's). */
  slaPolicy?: SlaPolicy;
  /** The local macros listMacros answers (default: the starter set). */
  macros?: Macro[];
  now?: () => Date;
  warnings?: string[];
  /** Where Zendesk OAuth accounts keep their rotated tokens (default: the store's oauth_tokens table). */
  tokenVault?: ZendeskTokenVault;
  /** The share of each account's rate limit per window this desktop may spend (default: the settings' default). */
  rateLimitShare?: number;
}

const MAX_LISTED_CHANGES = 2_000;
/**
 * A sent write stays on the ticket until the synced ticket was updated around the time it was sent: the helpdesk's
 * clock and ours differ by a little, and the sync that follows a send brings the write back.
 */
const SENT_WRITE_SHOWN_BACK_MS = 60_000;

export type PushListener = <N extends TriagePushName>(name: N, payload: TriagePush<N>) => void;

/**
 * The core behind every host: owns the store and the sync of each account, answers the contract's
 * requests and pushes ticket changes. Electron-free; the hosts bind it to IPC, HTTP or the terminal.
 */
export class TriageCore {
  readonly #db: DatabaseSync;
  readonly store: TicketStore;
  /** The writes made in the app, waiting for or sent to their helpdesk. */
  readonly outbox: OutboxStore;
  #syncs: AccountSync[];
  /** Each syncing account's configuration as JSON: a change restarts its sync. */
  readonly #configs = new Map<string, string>();
  readonly #newSync: (account: AccountConfig) => AccountSync;
  #pollIntervalMs: number | null = null;
  /** As the window last reported it (null: no window, e.g. the command line). */
  #windowFocused: boolean | null = null;
  readonly #listeners = new Set<PushListener>();
  #warnings: string[];
  readonly #slaPolicy: SlaPolicy;
  readonly #macros: Macro[];
  readonly #now: () => Date;
  /** The next view prepareQueue() builds. */
  #preparing: NodeJS.Immediate | null = null;

  constructor(options: TriageCoreOptions) {
    const now = options.now ?? (() => new Date());
    this.#db = openDatabase(join(options.dataDir, DATABASE_FILE_NAME));
    this.store = new TicketStore(this.#db);
    const slaPolicy = options.slaPolicy ?? DEFAULT_SLA_POLICY;
    this.#slaPolicy = slaPolicy;
    this.#macros = options.macros ?? LocalMacros.parse(STARTER_MACROS);
    this.#now = now;
    // Another policy than last run's, or a run cut off before its dues were computed: bring them up to date first.
    this.store.useSlaPolicy(slaPolicy);
    refreshStaleDues(this.store, slaPolicy, now());
    this.#warnings = options.warnings ?? [];
    const tokenVault = options.tokenVault ?? new ZendeskTokenTable(this.#db);
    this.outbox = new OutboxStore(this.#db);
    const retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.#newSync = (account) => {
      this.#configs.set(account.id, JSON.stringify(account));
      return new AccountSync(this.store, account, connectorForAccount(account, retry, undefined, tokenVault), {
        now,
        demo: options.demoAccountIds?.has(account.id) ?? false,
        slaPolicy,
        outbox: this.outbox,
        retry,
        rateLimitShare: options.rateLimitShare,
        // A first sync's pages are all new: listing their summaries (a query per ticket) would cost more than the
        // renderer's refetch of the rows it shows, and would mark every row fresh.
        onTicketsChanged: (keys, change) =>
          change?.firstSync ? this.#push('ticketsChanged', { upserted: [], removed: [], bulk: true }) : this.#pushTicketChanges(keys),
        onStatusChanged: () => this.#push('syncStatusChanged', this.syncStatus()),
      });
    };
    this.#syncs = options.accounts.map(this.#newSync);
  }

  /** Answers one contract request; the payload is validated here, whatever host it came through. */
  handle<N extends TriageRequestName>(name: N, payload: unknown): TriageResponse<N> {
    return this.#answer(name, payload) as TriageResponse<N>;
  }

  #answer(name: TriageRequestName, payload: unknown): TriageResponse<TriageRequestName> {
    switch (name) {
      case 'listTickets': {
        const request = parseTriageRequest('listTickets', payload);
        return { view: request.view, ...this.store.listQueue(request.view, request.offset, request.limit, this.#now(), request.locate ?? null) };
      }
      case 'searchTickets': {
        const request = parseTriageRequest('searchTickets', payload);
        return { query: request.query, ...this.store.searchTickets(request.query, request.offset, request.limit, request.locate ?? null) };
      }
      case 'getTicket': {
        const key = parseTriageRequest('getTicket', payload);
        const stored = this.store.getTicket(key);
        const forSla = stored && this.store.ticketForSla(key);
        return stored && forSla && { ...stored, ...slaViewOf(forSla, this.#slaPolicy, this.#now()), ...this.#workOn(key, stored.updatedAt) };
      }
      case 'getSyncStatus':
        parseTriageRequest('getSyncStatus', payload);
        return this.syncStatus();
      case 'reportWindowFocus': {
        const { focused } = parseTriageRequest('reportWindowFocus', payload);
        this.reportWindowFocus(focused);
        return { focused };
      }
      case 'listQuarantined': {
        const request = parseTriageRequest('listQuarantined', payload);
        return { accountId: request.accountId, ...this.store.listQuarantined(request.accountId, request.offset, request.limit) };
      }
      case 'queueWrite': {
        const request = parseTriageRequest('queueWrite', payload);
        const ticket = this.store.getTicket(request.ticket);
        if (!ticket) throw new TriageContractError(`queueWrite: no ticket ${ticketKeyString(request.ticket)}`);
        const entry = this.outbox.queue(request.ticket, request.write, {
          now: this.#now(),
          baseUpdatedAt: ticket.updatedAt,
          ...(request.fromDraft ? { fromDraft: request.fromDraft } : {}),
        });
        this.#afterWrite(request.ticket);
        return entry;
      }
      case 'saveDraft': {
        const request = parseTriageRequest('saveDraft', payload);
        this.outbox.saveDraft(request.ticket, request.kind, request.body, this.#now());
        return { saved: true };
      }
      case 'retryWrite': {
        const request = parseTriageRequest('retryWrite', payload);
        const entry = this.#unsentWrite('retryWrite', request.id);
        const retried = this.outbox.retry(request.id, {
          ...(request.write ? { write: request.write } : {}),
          baseUpdatedAt: this.store.getTicket(entry.ticket)?.updatedAt ?? null,
        });
        this.#afterWrite(entry.ticket);
        return retried;
      }
      case 'discardWrite': {
        const request = parseTriageRequest('discardWrite', payload);
        const entry = this.#unsentWrite('discardWrite', request.id);
        this.outbox.discard(request.id, this.#now());
        this.#pushTicketChanges([entry.ticket]);
        this.#push('syncStatusChanged', this.syncStatus());
        return { discarded: request.id };
      }
      case 'listMacros':
        parseTriageRequest('listMacros', payload);
        // The helpdesks' own macros (read-only, each account's as its sync last read them) after the local ones.
        return { macros: [...this.#macros, ...this.#syncs.flatMap((sync) => sync.macros)] };
      case 'listAccounts':
      case 'addAccount':
      case 'editAccount':
      case 'removeAccount':
      case 'testConnection':
      case 'signInWithZendesk':
      case 'finishZendeskSignIn':
        // Settings and secrets belong to the host's main thread (safeStorage works only there): see main/core/accounts.
        throw new Error(`"${name}" is answered by the host, not the core`);
    }
  }

  /** The ticket's writes the synced ticket does not show yet, its drafts, and who "me" is on its account. */
  #workOn(key: TicketKey, syncedUpdatedAt: string): Pick<TicketDetail, 'writes' | 'drafts' | 'me'> {
    const writes = this.outbox
      .list(key)
      .filter((entry) => entry.state !== 'sent' || Date.parse(syncedUpdatedAt) < Date.parse(entry.sentAt!) - SENT_WRITE_SHOWN_BACK_MS)
      .map(({ baseUpdatedAt: _base, stepsDone: _steps, ...entry }) => entry);
    return { writes, drafts: { reply: this.outbox.draft(key, 'reply'), note: this.outbox.draft(key, 'note') }, me: this.store.me(key.accountId) };
  }

  #unsentWrite(request: string, id: string): OutboxItem {
    const entry = this.outbox.get(id);
    if (!entry) throw new TriageContractError(`${request}: no write ${id} in the outbox`);
    if (entry.state === 'sent' || entry.state === 'sending') throw new TriageContractError(`${request}: write ${id} is ${entry.state}`);
    return entry;
  }

  /** A write queued or retried: the ticket shows it now, and its account sends it without waiting for the poll. */
  #afterWrite(ticket: TicketKey): void {
    this.#pushTicketChanges([ticket]);
    // A retried write is no longer refused: the status line's count follows.
    this.#push('syncStatusChanged', this.syncStatus());
    this.#syncs.find((sync) => sync.accountId === ticket.accountId)?.sendSoon();
  }

  onPush(listener: PushListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  syncStatus(): SyncStatus {
    return { accounts: this.#syncs.map((sync) => sync.status()), warnings: this.#warnings };
  }

  /** Every account once until caught up, in parallel. Rejects with the first failure after all have finished. */
  async syncOnce(): Promise<void> {
    const results = await Promise.allSettled(this.#syncs.map((sync) => sync.syncUntilCaughtUp()));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  }

  /** Polls every account from now on, `intervalMs` apart as the window's focus, failures and rate limits adapt it. */
  startPolling(intervalMs: number): void {
    this.#pollIntervalMs = intervalMs;
    for (const sync of this.#syncs) sync.startPolling(intervalMs);
  }

  /** The window gained or lost focus: polls go faster while it is focused (see main/core/sync/poll-schedule.ts). */
  reportWindowFocus(focused: boolean): void {
    this.#windowFocused = focused;
    for (const sync of this.#syncs) sync.setWindowFocus(focused);
  }

  /**
   * Syncs `accounts` from now on, without a restart: a sync whose account is gone or changed stops, a new or changed
   * account starts (polling, if the core polls), and what was synced from the accounts in `forget` is deleted.
   */
  async setAccounts(accounts: readonly AccountConfig[], forget: readonly string[]): Promise<void> {
    const wanted = new Map(accounts.map((account) => [account.id, JSON.stringify(account)]));
    const unchanged = (sync: AccountSync): boolean =>
      !forget.includes(sync.accountId) && wanted.get(sync.accountId) === this.#configs.get(sync.accountId);
    const stopping = this.#syncs.filter((sync) => !unchanged(sync));
    this.#syncs = this.#syncs.filter(unchanged);
    await Promise.all(stopping.map((sync) => sync.stop()));
    for (const sync of stopping) this.#configs.delete(sync.accountId);
    for (const accountId of forget) forgetAccount(this.#db, accountId);
    for (const account of accounts) {
      if (this.#configs.has(account.id)) continue;
      const sync = this.#newSync(account);
      this.#syncs.push(sync);
      if (this.#windowFocused !== null) sync.setWindowFocus(this.#windowFocused);
      if (this.#pollIntervalMs !== null) sync.startPolling(this.#pollIntervalMs);
    }
    if (forget.length > 0) this.#push('ticketsChanged', { upserted: [], removed: [], bulk: true });
    this.#push('syncStatusChanged', this.syncStatus());
  }

  /** Problems the user must know about besides the accounts' own (a corrupt settings file, a secret to enter again). */
  setWarnings(warnings: string[]): void {
    this.#warnings = warnings;
    this.#push('syncStatusChanged', this.syncStatus());
  }

  /**
   * Builds the queue's order and the view a window opens on now, so its first request does not wait for them, then
   * the other views one task each (10-20 ms each over 100,000 tickets), answering requests in between.
   */
  prepareQueue(): void {
    this.store.prepareView(FIRST_QUEUE_VIEW, this.#now());
    const rest = QUEUE_VIEWS.filter((view) => view !== FIRST_QUEUE_VIEW);
    const next = (): void => {
      const view = rest.shift();
      this.#preparing =
        view === undefined
          ? null
          : setImmediate(() => {
              this.store.prepareView(view, this.#now());
              next();
            });
    };
    next();
  }

  async close(): Promise<void> {
    if (this.#preparing) clearImmediate(this.#preparing);
    await Promise.all(this.#syncs.map((sync) => sync.stop()));
    this.#listeners.clear();
    this.#db.close();
  }

  #pushTicketChanges(keys: TicketKey[]): void {
    if (this.#listeners.size === 0) return;
    // Listing a first sync's 100,000 dues would cost more than the renderer's refetch of what it shows.
    if (keys.length > MAX_LISTED_CHANGES) {
      this.#push('ticketsChanged', { upserted: [], removed: [], bulk: true });
      return;
    }
    const upserted: TicketSummary[] = [];
    const removed: TicketKey[] = [];
    for (const { key, summary, deleted } of this.store.summaries(keys)) {
      if (summary && !deleted) upserted.push(summary);
      else removed.push(key);
    }
    this.#push('ticketsChanged', { upserted, removed, bulk: false });
  }

  #push<N extends TriagePushName>(name: N, payload: TriagePush<N>): void {
    for (const listener of this.#listeners) listener(name, payload);
  }
}
