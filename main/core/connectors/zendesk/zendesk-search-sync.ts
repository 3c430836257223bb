// An agent's Zendesk sync. The incremental exports are admin-only, so tickets come from Export Search Results
// (`/search/export.json?query=updated>=SINCE&filter[type]=ticket`, cursor-paged), each changed ticket's history from
// its audits, and deletions from the deleted tickets list (deleted tickets never show in a search).
//
// The search is ordered by created_at, not by update, its index lags (Zendesk: "up to a few minutes"), and a cursor
// lives an hour. So a query runs to its end before the mark moves, and the next query starts at the helpdesk's time
// when this one began (the Date of its first answer) minus OVERLAP_MS: whatever the index did not show yet, or
// changed behind the query's cursor, was updated after that. `updated>=` with a full UTC time keeps the bound's own
// second (Zendesk reads a bare date as a whole day, and `>` a date as after that day). What the overlap serves again
// is recognised by id, updated_at and a fingerprint of the ticket, and skipped: a quiet poll is one search request.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { describeZodError } from '../../../../shared/validation/describe-zod-error.ts';
import { HelpdeskHttpError } from '../../sync/helpdesk-http.ts';
import type {
  QuarantinedRecord,
  SyncedMessage,
  SyncedOrganization,
  SyncedPerson,
  SyncedTicket,
  SyncedTicketEvent,
  SyncPage,
} from '../../sync/sync-page.ts';
import { mapConcurrent } from '../map-concurrent.ts';
import { parseEach } from '../parse-records.ts';
import { deletedZendeskTicket, toUtcSeconds } from './zendesk-mapping.ts';
import {
  instantOf,
  ZendeskAudit,
  ZendeskAuditsPage,
  ZendeskDeletedTicket,
  ZendeskDeletedTicketsPage,
  ZendeskSearchExportPage,
  ZendeskTicketStamp,
} from './zendesk-payloads.ts';

/** Zendesk recommends 100: larger pages time out where many results are archived tickets. */
const SEARCH_PAGE_SIZE = 100;
/** Longer than the search index's lag ("up to a few minutes"). */
export const OVERLAP_MS = 10 * 60_000;
/** Zendesk's cursors expire after an hour; an older one is not even tried. */
const CURSOR_LIFETIME_MS = 50 * 60_000;
const AUDITS_PAGE_SIZE = 100;
const AUDITS_CONCURRENCY = 4;
const DELETED_PAGE_SIZE = 100;
/** The deleted tickets list allows 10 requests a minute: read it on a connector's first poll, then every few minutes. */
const DELETIONS_AT_LEAST_EVERY_MS = 5 * 60_000;
const EVERYTHING = '1970-01-01T00:00:00Z';

/**
 * Where an agent's sync stands: `since` bounds the query under way (or the next one; null: every ticket), `mark`
 * is the helpdesk's time when that query began and `after` its cursor after the last stored page (given at
 * `afterAt`, this machine's epoch ms). `seen` holds the tickets stored whose `updated_at` is within the overlap,
 * as [updated_at, fingerprint]. `deletedAt` is the newest deletion applied, `deletedSeen` the ids deleted then.
 */
const SearchPosition = z.object({
  since: z.string().nullable(),
  mark: z.string().nullable(),
  after: z.string().nullable(),
  afterAt: z.number().nullable(),
  seen: z.record(z.string(), z.tuple([z.string(), z.string()])),
  deletedAt: z.string().nullable(),
  deletedSeen: z.array(z.string()),
});
export type SearchPosition = z.infer<typeof SearchPosition>;
const SearchCheckpoint = z.object({ search: SearchPosition });

const CHECKPOINT_PREFIX = '{"search":';

/** Whether a stored checkpoint is an agent's (the admin path's checkpoints are other shapes). */
export function isSearchCheckpoint(checkpoint: string | null): boolean {
  return checkpoint?.startsWith(CHECKPOINT_PREFIX) ?? false;
}

/** An agent's position; an admin's checkpoint (the user's role changed) starts the search from the beginning. */
export function readSearchCheckpoint(checkpoint: string | null): SearchPosition {
  if (checkpoint === null || !isSearchCheckpoint(checkpoint)) {
    return { since: null, mark: null, after: null, afterAt: null, seen: {}, deletedAt: null, deletedSeen: [] };
  }
  const parsed = SearchCheckpoint.safeParse(JSON.parse(checkpoint));
  if (!parsed.success) throw new Error(`unreadable Zendesk search checkpoint ${JSON.stringify(checkpoint)}: ${describeZodError(parsed.error)}`);
  return parsed.data.search;
}

function writeCheckpoint(position: SearchPosition): string {
  return JSON.stringify({ search: position });
}

/** UTC, second precision, `Z`, from epoch milliseconds. */
function isoSeconds(ms: number): string {
  return toUtcSeconds(new Date(ms).toISOString());
}

/** Ends the query under way: the next one starts at its mark minus the overlap, never earlier than this one did. */
export function finishQuery(position: SearchPosition): void {
  const mark = position.mark === null ? null : Date.parse(position.mark);
  if (mark !== null) {
    const next = isoSeconds(mark - OVERLAP_MS);
    if (position.since === null || next > position.since) position.since = next;
  }
  for (const [id, [updatedAt]] of Object.entries(position.seen)) if (position.since !== null && updatedAt < position.since) delete position.seen[id];
  Object.assign(position, { mark: null, after: null, afterAt: null });
}

/** Drops the query under way (its cursor expired): the next request starts it again from `since`. */
function restartQuery(position: SearchPosition): void {
  Object.assign(position, { mark: null, after: null, afterAt: null });
}

/** Tells a ticket served again unchanged from one changed within the same second. */
function fingerprintOf(raw: unknown): string {
  return createHash('sha256').update(JSON.stringify(raw)).digest('base64url').slice(0, 16);
}

/** What the agent's sync needs from the connector: its requests and how it turns payloads into records. */
export interface ZendeskAgentApi {
  readonly accountId: string;
  readonly agentBaseUrl: string;
  /** GET under /api/v2. With `mayBeMissing`, a 403 is thrown as the HelpdeskHttpError it is, not as refused credentials. */
  get(path: string, options?: { mayBeMissing?: boolean; onAnswer?: (headers: Headers) => void }): Promise<unknown>;
  /** Tickets as the store takes them, with their requesters, assignees and organizations (fetched by id). */
  ticketPage(rawTickets: unknown[], quarantined: QuarantinedRecord[]): Promise<{ tickets: SyncedTicket[]; people: SyncedPerson[]; organizations: SyncedOrganization[] }>;
  /** Audits as history events and messages, with the people whose role they needed. */
  history(audits: readonly ZendeskAudit[], quarantined: QuarantinedRecord[]): Promise<{ events: SyncedTicketEvent[]; messages: SyncedMessage[]; people: SyncedPerson[] }>;
}

/** Pages of an agent's sync after a checkpoint, deletions first, then the search until its end. */
export class ZendeskSearchSync {
  readonly #api: ZendeskAgentApi;
  #deletionsReadAt: number | null = null;
  /** The agent may not list deleted tickets (403): a deletion is then seen only when its ticket's audits answer 404. */
  #deletionsUnavailable = false;

  constructor(api: ZendeskAgentApi) {
    this.#api = api;
  }

  async *pages(checkpoint: string | null): AsyncGenerator<SyncPage> {
    const position = readSearchCheckpoint(checkpoint);
    const due = this.#deletionsReadAt === null || Date.now() - this.#deletionsReadAt >= DELETIONS_AT_LEAST_EVERY_MS;
    if (position.deletedAt === null || due) {
      const quarantined: QuarantinedRecord[] = [];
      const tickets = await this.#readDeletions(position, quarantined);
      if (tickets.length > 0 || quarantined.length > 0) {
        yield { tickets, people: [], organizations: [], events: [], messages: [], quarantined, checkpoint: writeCheckpoint(position), caughtUp: false };
      }
    }
    if (position.after !== null && (position.afterAt === null || Date.now() - position.afterAt >= CURSOR_LIFETIME_MS)) restartQuery(position);
    // A query resumed from a checkpoint began in an earlier run: what changed behind its cursor since then is only
    // in the next query, so the sync is caught up once a query begun in this run has ended.
    let begunHere = position.after === null;
    for (;;) {
      const page = await this.#searchPage(position);
      yield page;
      if (page.caughtUp && begunHere) return;
      if (page.caughtUp) begunHere = true;
    }
  }

  /** One page of the search from `position`, the changed tickets' history with it; moves `position` along. */
  async #searchPage(position: SearchPosition): Promise<SyncPage> {
    const params = new URLSearchParams({ query: `updated>=${position.since ?? EVERYTHING}`, 'filter[type]': 'ticket', 'page[size]': String(SEARCH_PAGE_SIZE) });
    if (position.after !== null) params.set('page[after]', position.after);
    let serverTime = Number.NaN;
    let body: unknown;
    try {
      body = await this.#api.get(`/search/export.json?${params.toString()}`, { onAnswer: (headers) => (serverTime = Date.parse(headers.get('date') ?? '')) });
    } catch (error) {
      // A cursor the helpdesk no longer takes (expired): the query starts again from its bound.
      if (position.after !== null && error instanceof HelpdeskHttpError && (error.status === 400 || error.status === 422)) {
        restartQuery(position);
        return this.#searchPage(position);
      }
      throw error;
    }
    const envelope = ZendeskSearchExportPage.safeParse(body);
    if (!envelope.success) throw new Error(`account "${this.#api.accountId}": unexpected search export page: ${describeZodError(envelope.error)}`);
    // Without a Date header, this machine's clock stands in for the helpdesk's.
    position.mark ??= isoSeconds(Number.isNaN(serverTime) ? Date.now() : serverTime);
    const keepFrom = isoSeconds(Date.parse(position.mark) - OVERLAP_MS);

    const fresh: unknown[] = [];
    for (const raw of envelope.data.results) {
      const stamp = ZendeskTicketStamp.safeParse(raw);
      if (stamp.success) {
        const id = String(stamp.data.id);
        const updatedAt = toUtcSeconds(stamp.data.updated_at);
        const fingerprint = fingerprintOf(raw);
        const known = position.seen[id];
        if (known && (known[0] > updatedAt || (known[0] === updatedAt && known[1] === fingerprint))) continue;
        if (updatedAt >= keepFrom) position.seen[id] = [updatedAt, fingerprint];
      }
      // A result without a usable id or updated_at goes on to be quarantined with the reason.
      fresh.push(raw);
    }
    const quarantined: QuarantinedRecord[] = [];
    const { tickets, people, organizations } = await this.#api.ticketPage(fresh, quarantined);
    const history = await this.#historyOf(tickets, quarantined);

    const { has_more: hasMore, after_cursor: afterCursor } = envelope.data.meta;
    if (hasMore && afterCursor) Object.assign(position, { after: afterCursor, afterAt: Date.now() });
    else finishQuery(position);
    return {
      tickets,
      people: [...people, ...history.people],
      organizations,
      events: history.events,
      messages: history.messages,
      quarantined,
      checkpoint: writeCheckpoint(position),
      caughtUp: position.after === null,
    };
  }

  /**
   * The audits of these tickets as their history. A closed ticket takes no more updates and leaves the queue, so its
   * history is not read (an initial sync would otherwise read every ticket the account ever had). A ticket whose
   * audits answer 404 was deleted since the search found it.
   */
  async #historyOf(tickets: SyncedTicket[], quarantined: QuarantinedRecord[]): ReturnType<ZendeskAgentApi['history']> {
    const open = tickets.filter((ticket) => !ticket.deleted && ticket.status !== 'closed');
    const audits = await mapConcurrent(open, AUDITS_CONCURRENCY, (ticket) => this.#auditsOf(ticket.sourceId, quarantined));
    open.forEach((ticket, index) => {
      if (audits[index] === null) ticket.deleted = true;
    });
    return this.#api.history(audits.flatMap((list) => list ?? []), quarantined);
  }

  /** Every audit of a ticket, oldest first; null when the ticket is gone. */
  async #auditsOf(ticketId: string, quarantined: QuarantinedRecord[]): Promise<ZendeskAudit[] | null> {
    const audits: ZendeskAudit[] = [];
    let after: string | null = null;
    do {
      const params = new URLSearchParams({ 'page[size]': String(AUDITS_PAGE_SIZE) });
      if (after !== null) params.set('page[after]', after);
      let body: unknown;
      try {
        body = await this.#api.get(`/tickets/${ticketId}/audits.json?${params.toString()}`, { mayBeMissing: true });
      } catch (error) {
        if (error instanceof HelpdeskHttpError && error.status === 404) return null;
        // A ticket the agent may find but not read the history of: its dues come from the ticket as it stands.
        if (error instanceof HelpdeskHttpError && error.status === 403) return [];
        throw error;
      }
      const envelope = ZendeskAuditsPage.safeParse(body);
      if (!envelope.success) throw new Error(`account "${this.#api.accountId}": unexpected audits page of ticket ${ticketId}: ${describeZodError(envelope.error)}`);
      audits.push(...parseEach(envelope.data.audits, ZendeskAudit, 'event', quarantined).map(([audit]) => audit));
      after = envelope.data.meta?.has_more ? (envelope.data.meta.after_cursor ?? null) : null;
    } while (after !== null);
    return audits;
  }

  /**
   * Tickets deleted since `position.deletedAt`, newest first until an older deletion. The first sync only notes
   * where the list stands: tickets deleted before it are not in the search either.
   */
  async #readDeletions(position: SearchPosition, quarantined: QuarantinedRecord[]): Promise<SyncedTicket[]> {
    if (this.#deletionsUnavailable) return [];
    const mark = position.deletedAt;
    const seen = new Set(position.deletedSeen);
    const found: { item: ZendeskDeletedTicket; at: string; raw: unknown }[] = [];
    let after: string | null = null;
    for (;;) {
      const params = new URLSearchParams({ sort_by: 'deleted_at', sort_order: 'desc', 'page[size]': String(DELETED_PAGE_SIZE) });
      if (after !== null) params.set('page[after]', after);
      let body: unknown;
      try {
        body = await this.#api.get(`/deleted_tickets.json?${params.toString()}`, { mayBeMissing: true });
      } catch (error) {
        if (error instanceof HelpdeskHttpError && (error.status === 403 || error.status === 404)) {
          this.#deletionsUnavailable = true;
          return [];
        }
        throw error;
      }
      const envelope = ZendeskDeletedTicketsPage.safeParse(body);
      if (!envelope.success) throw new Error(`account "${this.#api.accountId}": unexpected deleted tickets page: ${describeZodError(envelope.error)}`);
      const items = parseEach(envelope.data.deleted_tickets, ZendeskDeletedTicket, 'ticket', quarantined).map(([item, raw]) => ({
        item,
        at: isoSeconds(instantOf(item.deleted_at) ?? 0),
        raw,
      }));
      found.push(...items);
      after = envelope.data.meta?.has_more ? (envelope.data.meta.after_cursor ?? null) : null;
      if (after === null || mark === null || items.some(({ at }) => at < mark)) break;
    }
    this.#deletionsReadAt = Date.now();
    const news = mark === null ? [] : found.filter(({ item, at }) => at > mark || (at === mark && !seen.has(String(item.id))));
    const newest = found.reduce((max, { at }) => (at > max ? at : max), mark ?? EVERYTHING);
    const atNewest = found.filter(({ at }) => at === newest).map(({ item }) => String(item.id));
    position.deletedSeen = newest === mark ? [...new Set([...position.deletedSeen, ...atNewest])] : atNewest;
    position.deletedAt = newest;
    return news.map(({ item, raw }) => deletedZendeskTicket(item, this.#api.agentBaseUrl, raw));
  }
}
