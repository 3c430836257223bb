import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { HelpScoutAccount } from '../../../../shared/settings/account-config.ts';
import { describeZodError } from '../../../../shared/validation/describe-zod-error.ts';
import { type HttpDeps, REAL_HTTP, type RetryPolicy } from '../../sync/helpdesk-http.ts';
import type { RateLimiter } from '../../sync/rate-limiter.ts';
import type { QuarantinedRecord, SyncedOrganization, SyncedPerson, SyncedTicket, SyncPage } from '../../sync/sync-page.ts';
import type { HelpdeskWriter } from '../../outbox/helpdesk-writer.ts';
import type { HelpdeskConnector, HelpdeskIdentity } from '../helpdesk-connector.ts';
import { parseEach } from '../parse-records.ts';
import { HelpScoutClient } from './helpscout-client.ts';
import { mapHelpScoutHistory, publishedThreadsOldestFirst, type HelpScoutHistory } from './helpscout-history.ts';
import { HelpScoutWriter } from './helpscout-writer.ts';
import {
  latestTraceOf,
  mapHelpScoutConversation,
  mapHelpScoutCustomer,
  mapHelpScoutOrganization,
  mapPersonRef,
  personSourceId,
} from './helpscout-mapping.ts';
import {
  HelpScoutConversation,
  HelpScoutConversationsPage,
  HelpScoutCustomer,
  HelpScoutOrganization,
  HelpScoutThread,
  HelpScoutThreadsPage,
  HelpScoutUser,
} from './helpscout-payloads.ts';

/**
 * How far before the high-water mark each query starts: room for a change Help Scout stamps before it shows in its
 * lists. The rows it serves again are recognized by their fingerprint and are not news.
 */
const OVERLAP_MS = 60_000;
/** Fingerprints kept in the checkpoint, at most: the rows the next query is expected to serve again. */
const SEEN_LIMIT = 2_000;
/** Customer, organization and thread requests in flight at once for one page. */
const FETCH_CONCURRENCY = 4;
const WEB_BASE = 'https://secure.helpscout.net';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * `status=all` is active, pending and closed; spam has its own list, read for conversations marked as spam so they
 * leave the queue.
 */
const STREAMS = ['all', 'spam'] as const;
type StreamName = (typeof STREAMS)[number];

const StreamCheckpoint = z.object({
  /** Epoch ms no unread change is older than (the conversations' latest traces); null before the first read. */
  mark: z.number().int().nullable(),
  /** Fingerprints of the conversations the next query serves again, by id. */
  seen: z.record(z.string(), z.string()),
});
type StreamCheckpoint = z.infer<typeof StreamCheckpoint>;
const HelpScoutCheckpoint = z.object({ v: z.literal(1), all: StreamCheckpoint, spam: StreamCheckpoint });
type HelpScoutCheckpoint = z.infer<typeof HelpScoutCheckpoint>;

function readCheckpoint(checkpoint: string | null): HelpScoutCheckpoint {
  if (checkpoint === null) return { v: 1, all: { mark: null, seen: {} }, spam: { mark: null, seen: {} } };
  let json: unknown;
  try {
    json = JSON.parse(checkpoint);
  } catch {
    json = checkpoint;
  }
  const parsed = HelpScoutCheckpoint.safeParse(json);
  if (!parsed.success) throw new Error(`unreadable Help Scout checkpoint ${JSON.stringify(checkpoint)}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** One conversation as listed, mapped, with what tells whether it is news. */
interface ListedConversation {
  conversation: HelpScoutConversation;
  raw: unknown;
  threads: HelpScoutThread[];
  /** The latest of its stamps: never later than the modifiedAt the list sorts by. */
  trace: number;
  fingerprint: string;
}

/** One query: a fixed modifiedSince, read page by page. */
interface Query {
  /** The mark its modifiedSince comes from. */
  mark: number | null;
  page: number;
  total: number | null;
  /** Every id it served, quarantined ones too: a page that serves one again has shifted. */
  ids: Set<string>;
  /** The fingerprints of the conversations it served, by id. */
  rows: Map<string, string>;
  latestTrace: number | null;
}

/**
 * Help Scout (Mailbox API 2.0) through an OAuth app's client credentials. Each poll lists the conversations modified
 * since the high-water mark, oldest change first, with their threads, for the `all` and the `spam` statuses.
 *
 * Lists are paged by offset over the live state: a conversation changed while a client pages moves to the end, and
 * the rows after its old place shift back one, so following `next` can skip a row. So whenever a page moves the mark
 * forward the connector asks for page 1 again from the new mark (a fresh query cannot have shifted); only when the
 * rows within the overlap fill a whole page does it page on by offset, and then a page that repeats an id or a total
 * that changed sends it back to page 1 of that query. The checkpoint moves with each page only as far as is safe to
 * resume from.
 */
export class HelpScoutConnector implements HelpdeskConnector {
  readonly #account: HelpScoutAccount;
  readonly #client: HelpScoutClient;
  readonly #webBase: string | null;
  /** The user the app belongs to, learned by verify() or by the first write that needs it. */
  #me: number | null = null;

  constructor(account: HelpScoutAccount, retry: RetryPolicy, http: HttpDeps = REAL_HTTP) {
    this.#account = account;
    this.#client = new HelpScoutClient(account, retry, http);
    // A simulator on this machine has no agent UI to link to.
    this.#webBase = LOOPBACK.has(new URL(account.baseUrl).hostname) ? null : WEB_BASE;
  }

  get rateLimiter(): RateLimiter {
    return this.#client.rateLimiter;
  }

  async verify(): Promise<HelpdeskIdentity | void> {
    const userId = personSourceId({ id: await this.#readMe(), type: 'user' });
    return userId === null ? undefined : { userId };
  }

  /** Replies, notes, status, assignee and tags (severity is a tag), through this account's token and rate limit. */
  writer(): HelpdeskWriter {
    return new HelpScoutWriter({ client: this.#client, me: async () => this.#me ?? (await this.#readMe()) });
  }

  async #readMe(): Promise<number> {
    const me = HelpScoutUser.safeParse(await this.#client.get('/v2/users/me'));
    if (!me.success) throw new Error(`account "${this.#account.id}": unexpected answer from /v2/users/me: ${describeZodError(me.error)}`);
    this.#me = me.data.id;
    return me.data.id;
  }

  async *pages(checkpoint: string | null): AsyncGenerator<SyncPage> {
    const position = readCheckpoint(checkpoint);
    const run = new RunLookups(this.#client, this.#account.id);
    for (const stream of STREAMS) yield* this.#streamPages(stream, position, run);
  }

  async *#streamPages(stream: StreamName, position: HelpScoutCheckpoint, run: RunLookups): AsyncGenerator<SyncPage> {
    const before = JSON.stringify(position);
    const known = new Map(Object.entries(position[stream].seen));
    let previous = new Map<string, string>();
    let query = newQuery(position[stream].mark);
    for (;;) {
      const listed = await this.#listPage(stream, query);
      const { conversations, quarantined, total, hasNext } = listed;
      const fresh = conversations.filter((c) => known.get(String(c.conversation.id)) !== c.fingerprint);
      const shifted =
        query.page > 1 &&
        (total !== query.total || listed.ids.some((id) => query.ids.has(id)) || (!hasNext && total > query.ids.size + listed.ids.length));
      for (const id of listed.ids) query.ids.add(id);
      for (const c of conversations) {
        known.set(String(c.conversation.id), c.fingerprint);
        query.rows.set(String(c.conversation.id), c.fingerprint);
        query.latestTrace = Math.max(query.latestTrace ?? c.trace, c.trace);
      }
      query.total = total;

      let done = false;
      let safeMark = query.mark;
      if (shifted) {
        // Something moved under the offset: page 1 of the same query again (it starts no later than any unread row).
        previous = merge(previous, query.rows);
        query = newQuery(query.mark);
      } else if (query.page === 1) {
        // A fresh query's first page: everything not read yet changed no earlier than the latest trace read.
        const reached = maxOf(query.mark, query.latestTrace);
        safeMark = reached;
        if (!hasNext) done = true;
        else if (reached !== query.mark) {
          previous = query.rows;
          query = newQuery(reached);
        } else query.page = 2;
      } else if (hasNext) {
        query.page++;
      } else {
        // Offset paging reached the end without a shift: all of it is read.
        safeMark = maxOf(query.mark, query.latestTrace);
        done = true;
      }

      position[stream] = { mark: safeMark, seen: Object.fromEntries(limit(merge(previous, query.rows), SEEN_LIMIT)) };
      const page = await this.#buildPage(stream, fresh, quarantined, run);
      // A quiet poll (nothing new, the checkpoint where it was) writes nothing.
      const changed = page.tickets.length > 0 || page.quarantined.length > 0 || JSON.stringify(position) !== before;
      if (changed) yield { ...page, checkpoint: JSON.stringify(position), caughtUp: done };
      if (done) return;
    }
  }

  async #listPage(
    stream: StreamName,
    query: Query,
  ): Promise<{ conversations: ListedConversation[]; quarantined: QuarantinedRecord[]; ids: string[]; total: number; hasNext: boolean }> {
    const params = new URLSearchParams({ status: stream, sortField: 'modifiedAt', sortOrder: 'asc' });
    if (query.mark !== null) params.set('modifiedSince', isoSeconds(query.mark - OVERLAP_MS));
    params.set('embed', 'threads');
    params.set('page', String(query.page));
    const envelope = HelpScoutConversationsPage.safeParse(await this.#client.get(`/v2/conversations?${params.toString()}`));
    if (!envelope.success) {
      throw new Error(`account "${this.#account.id}": unexpected conversations page: ${describeZodError(envelope.error)}`);
    }
    const records = envelope.data._embedded?.conversations ?? [];
    const quarantined: QuarantinedRecord[] = [];
    const conversations = parseEach(records, HelpScoutConversation, 'ticket', quarantined).map(([conversation, raw]) =>
      listed(conversation, raw, parseEach(conversation._embedded?.threads ?? [], HelpScoutThread, 'event', quarantined).map(([t]) => t)),
    );
    return {
      conversations,
      quarantined,
      ids: records.flatMap((raw, i) => idOf(raw) ?? `unknown-${query.page}-${i}`),
      total: envelope.data.page.totalElements,
      hasNext: envelope.data._links?.next != null,
    };
  }

  /** The tickets, history, people and organizations of the conversations that changed. */
  async #buildPage(
    stream: StreamName,
    fresh: readonly ListedConversation[],
    quarantined: QuarantinedRecord[],
    run: RunLookups,
  ): Promise<Omit<SyncPage, 'checkpoint' | 'caughtUp'>> {
    const tickets: SyncedTicket[] = [];
    const history: HelpScoutHistory = { events: [], messages: [] };
    const people = new Map<string, SyncedPerson>();
    const organizations = new Map<string, SyncedOrganization>();
    const built = await mapLimit(fresh, FETCH_CONCURRENCY, async (item) => {
      // Spam leaves the queue: who sent it does not matter.
      if (stream === 'spam') return { item, threads: item.threads, customer: null, organization: null, authors: [] };
      const threads = await run.fullThreads(item, quarantined);
      const customer = await run.customer(item.conversation.primaryCustomer, quarantined);
      const organization = customer?.organizationId ? await run.organization(customer.organizationId, quarantined) : null;
      const authors: SyncedPerson[] = [];
      for (const thread of threads) {
        const ref = thread.createdBy;
        if (ref?.type !== 'customer' || ref.id === item.conversation.primaryCustomer.id) continue;
        const author = await run.customer(ref, quarantined);
        if (author) authors.push(author);
      }
      return { item, threads, customer, organization, authors };
    });
    for (const { item, threads, customer, organization, authors } of built) {
      const { conversation, raw } = item;
      tickets.push(mapHelpScoutConversation(conversation, { threads, organizationId: customer?.organizationId ?? null, webBase: this.#webBase }, raw));
      const mapped = mapHelpScoutHistory(conversation, threads);
      history.events.push(...mapped.events);
      history.messages.push(...mapped.messages);
      for (const person of [customer, ...authors]) if (person && run.deliver(`p:${person.sourceId}`)) people.set(person.sourceId, person);
      if (organization && run.deliver(`o:${organization.sourceId}`)) organizations.set(organization.sourceId, organization);
      // Users are known from the conversations that name them; they are not fetched.
      const users = [conversation.assignee, ...threads.map((t) => (t.createdBy?.type === 'user' ? t.createdBy : null))];
      for (const ref of users) {
        const id = ref ? personSourceId({ ...ref, type: 'user' }) : null;
        if (ref && id !== null && run.deliver(`p:${id}`)) people.set(id, mapPersonRef({ ...ref, type: 'user' }, id));
      }
    }
    return { tickets, people: [...people.values()], organizations: [...organizations.values()], ...history, quarantined };
  }
}

function newQuery(mark: number | null): Query {
  return { mark, page: 1, total: null, ids: new Set(), rows: new Map(), latestTrace: null };
}

function listed(conversation: HelpScoutConversation, raw: unknown, threads: HelpScoutThread[]): ListedConversation {
  const ordered = publishedThreadsOldestFirst(threads);
  // What the store would keep of it, apart from what lookups add: equal fingerprints mean nothing new to store.
  const ticket = mapHelpScoutConversation(conversation, { threads: ordered, organizationId: null, webBase: null }, null);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([ticket, mapHelpScoutHistory(conversation, ordered)]))
    .digest('base64url')
    .slice(0, 16);
  return { conversation, raw, threads: ordered, trace: latestTraceOf(conversation, ordered), fingerprint };
}

/**
 * What one run looks up by id: each customer and organization once, whichever conversations name them, and each
 * person or organization handed to the store once.
 */
class RunLookups {
  readonly #client: HelpScoutClient;
  readonly #accountId: string;
  readonly #customers = new Map<number, Promise<SyncedPerson | null>>();
  readonly #organizations = new Map<string, Promise<SyncedOrganization | null>>();
  readonly #delivered = new Set<string>();

  constructor(client: HelpScoutClient, accountId: string) {
    this.#client = client;
    this.#accountId = accountId;
  }

  deliver(key: string): boolean {
    if (this.#delivered.has(key)) return false;
    this.#delivered.add(key);
    return true;
  }

  customer(ref: HelpScoutConversation['primaryCustomer'], quarantined: QuarantinedRecord[]): Promise<SyncedPerson | null> {
    let found = this.#customers.get(ref.id);
    if (!found) {
      found = this.#client.get(`/v2/customers/${ref.id}`, { mayBeMissing: true }).then((body) => {
        const sourceId = personSourceId({ ...ref, type: 'customer' });
        // A customer deleted since, or a record that fails validation: the conversation still names them.
        const fallback = sourceId === null ? null : mapPersonRef({ ...ref, type: 'customer' }, sourceId);
        if (body === null) return fallback;
        const [parsed] = parseEach([body], HelpScoutCustomer, 'person', quarantined);
        return parsed ? mapHelpScoutCustomer(parsed[0], parsed[1]) : fallback;
      });
      this.#customers.set(ref.id, found);
    }
    return found;
  }

  organization(id: string, quarantined: QuarantinedRecord[]): Promise<SyncedOrganization | null> {
    let found = this.#organizations.get(id);
    if (!found) {
      found = this.#client.get(`/v2/organizations/${id}?includeProperties=true`, { mayBeMissing: true }).then((body) => {
        if (body === null) return null;
        const [parsed] = parseEach([body], HelpScoutOrganization, 'organization', quarantined);
        return parsed ? mapHelpScoutOrganization(parsed[0], parsed[1]) : null;
      });
      this.#organizations.set(id, found);
    }
    return found;
  }

  /** A list embeds chat threads cut short: a chat conversation's threads are read in full (newest first, paged). */
  async fullThreads(item: ListedConversation, quarantined: QuarantinedRecord[]): Promise<HelpScoutThread[]> {
    if (!item.threads.some((t) => t.type === 'chat')) return item.threads;
    const threads: HelpScoutThread[] = [];
    for (let page = 1; ; page++) {
      const body = await this.#client.get(`/v2/conversations/${item.conversation.id}/threads?page=${page}`, { mayBeMissing: true });
      if (body === null) return item.threads;
      const envelope = HelpScoutThreadsPage.safeParse(body);
      if (!envelope.success) {
        throw new Error(`account "${this.#accountId}": unexpected threads page: ${describeZodError(envelope.error)}`);
      }
      threads.push(...parseEach(envelope.data._embedded?.threads ?? [], HelpScoutThread, 'event', quarantined).map(([t]) => t));
      if (envelope.data._links?.next == null) return publishedThreadsOldestFirst(threads);
    }
  }
}

function idOf(raw: unknown): string | null {
  if (raw === null || typeof raw !== 'object' || !('id' in raw)) return null;
  const id = (raw as { id: unknown }).id;
  return typeof id === 'number' || typeof id === 'string' ? String(id) : null;
}

function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

function merge<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): Map<K, V> {
  return new Map([...a, ...b]);
}

/** The newest `max` entries (a Map iterates in insertion order). */
function limit<K, V>(entries: Map<K, V>, max: number): Map<K, V> {
  return entries.size <= max ? entries : new Map([...entries].slice(-max));
}

/** Help Scout takes only `yyyy-MM-ddTHH:mm:ssZ`. */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Maps with at most `concurrency` calls in flight, keeping the order of `items`. */
async function mapLimit<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
