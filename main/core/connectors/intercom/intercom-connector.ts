import { z } from 'zod';
import type { Macro } from '../../../../shared/macros/macro.ts';
import { INTERCOM_BASE_URLS, type IntercomAccount } from '../../../../shared/settings/account-config.ts';
import { describeZodError } from '../../../../shared/validation/describe-zod-error.ts';
import type { HelpdeskWriter } from '../../outbox/helpdesk-writer.ts';
import { sendWrite, type WriteAnswer } from '../../outbox/write-request.ts';
import { getJson, HelpdeskHttpError, type HttpDeps, REAL_HTTP, type RetryPolicy } from '../../sync/helpdesk-http.ts';
import { RateLimiter } from '../../sync/rate-limiter.ts';
import type { QuarantinedRecord, SyncedOrganization, SyncedPerson, SyncedTicket, SyncPage } from '../../sync/sync-page.ts';
import { AuthenticationError, type HelpdeskConnector, type HelpdeskIdentity } from '../helpdesk-connector.ts';
import { mapConcurrent } from '../map-concurrent.ts';
import { parseEach } from '../parse-records.ts';
import { intercomErrorWords } from './intercom-error-words.ts';
import { mapIntercomHistory } from './intercom-history.ts';
import { readIntercomMacros } from './intercom-macros.ts';
import {
  authorKindOf,
  deletedConversation,
  inboxBaseUrl,
  mapIntercomAdmin,
  mapIntercomCompany,
  mapIntercomContact,
  mapIntercomConversation,
} from './intercom-mapping.ts';
import {
  IntercomAdmin,
  IntercomAdminList,
  IntercomCompany,
  IntercomContact,
  IntercomConversation,
  IntercomConversationSummary,
  IntercomDeletedConversation,
  IntercomDeletedPage,
  IntercomMe,
  IntercomPart,
  IntercomSearchPage,
} from './intercom-payloads.ts';
import { IntercomWriter, type IntercomWriteRequest } from './intercom-writer.ts';

/** Pinned: field meanings change between versions (priority is two levels up to 2.15, five from 2.16). */
const INTERCOM_VERSION = '2.16';
const SEARCH_PAGE_SIZE = 150;
/** Conversations (and contacts, companies) fetched at once: the 10-second budget is shared with the whole team. */
const FETCH_CONCURRENCY = 4;
/** Each poll looks this far behind its mark, for updates Intercom's search index shows a little late. */
const OVERLAP_SECONDS = 60;
const DELETED_PAGE_SIZE = 60;
const DELETIONS_AT_LEAST_EVERY_MS = 10 * 60_000;
/** Intercom counts requests in 10-second windows and says when each resets; this is only the fallback. */
const RATE_LIMIT_WINDOW_MS = 10_000;

/**
 * Where the sync stands. `updatedAt` is the highest `updated_at` of the search results written so far, and `recent`
 * the conversations written whose `updated_at` (the newest seen) is within the overlap of it: the next search
 * (`updated_at > updatedAt - overlap`, and Intercom's `>` includes the boundary) returns them again, and they are news
 * only with a newer `updated_at`. The deletion mark works the same way on `deleted_at`.
 */
const IntercomCheckpoint = z.object({
  updatedAt: z.number().int().nonnegative().nullable(),
  recent: z.record(z.string(), z.number().int().nonnegative()),
  deletedAt: z.number().int().nonnegative().nullable(),
  deletedSeen: z.array(z.string()),
});
type IntercomCheckpoint = z.infer<typeof IntercomCheckpoint>;

function readCheckpoint(checkpoint: string | null): IntercomCheckpoint {
  if (checkpoint === null) return { updatedAt: null, recent: {}, deletedAt: null, deletedSeen: [] };
  let json: unknown;
  try {
    json = JSON.parse(checkpoint);
  } catch {
    json = checkpoint;
  }
  const parsed = IntercomCheckpoint.safeParse(json);
  if (!parsed.success) throw new Error(`unreadable Intercom checkpoint ${JSON.stringify(checkpoint)}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** What one run (one poll) has fetched: each contact and company once. */
interface RunCache {
  contacts: Map<string, SyncedPerson | null>;
  companies: Map<string, SyncedOrganization | null>;
}

/**
 * Intercom through an access token: conversations from `POST /conversations/search` on `updated_at`, ascending, each
 * one's parts from `GET /conversations/{id}` (the search has none), its contact and company, and deletions from
 * `GET /conversations/deleted`. Every request waits for the account's rate limiter.
 */
export class IntercomConnector implements HelpdeskConnector {
  readonly #account: IntercomAccount;
  readonly #retry: RetryPolicy;
  readonly #http: HttpDeps;
  readonly #apiBase: string;
  readonly #headers: Record<string, string>;
  readonly #limiter: RateLimiter;
  /** The workspace's id_code, from /me: inbox links need it. */
  #appId: string | null = null;
  /** The admin the access token belongs to, from /me: writes are made as them. */
  #adminId: string | null = null;
  /** Teammates and bots seen as authors, and the admins listed once an assignee was not among them. */
  readonly #teammates = new Set<string>();
  #adminsListed = false;
  #deletionsReadAt: number | null = null;
  #deletionsUnavailable = false;

  constructor(account: IntercomAccount, retry: RetryPolicy, http: HttpDeps = REAL_HTTP) {
    this.#account = account;
    this.#retry = retry;
    this.#http = http;
    this.#apiBase = account.baseUrl.replace(/\/+$/, '');
    this.#headers = { authorization: `Bearer ${account.auth.token}`, 'intercom-version': INTERCOM_VERSION };
    this.#limiter = new RateLimiter({ sleep: http.sleep, defaultWindowMs: RATE_LIMIT_WINDOW_MS });
  }

  get rateLimiter(): RateLimiter {
    return this.#limiter;
  }

  /** The token must belong to an admin (a teammate) of the workspace; /me names them and the workspace. */
  async verify(): Promise<HelpdeskIdentity> {
    const body = await this.#request('/me');
    const me = IntercomMe.safeParse(body);
    if (!me.success || me.data.type !== 'admin' || me.data.id == null) {
      const said = me.success ? `a ${me.data.type}` : describeZodError(me.error);
      throw new AuthenticationError(
        `account "${this.#account.id}": Intercom's /me did not name an admin for this access token (it answered ${said}); use the access token of an app installed on the workspace`,
      );
    }
    this.#appId = me.data.app?.id_code ?? null;
    this.#adminId = me.data.id;
    return { userId: me.data.id };
  }

  /** Writes the outbox's entries as the token's admin, through this connector's headers, retries and rate limiter. */
  writer(): HelpdeskWriter {
    return new IntercomWriter({
      read: (path) => this.#request(path),
      write: (request) => this.#write(request),
      adminId: async () => this.#adminId ?? (await this.verify()).userId,
    });
  }

  /** The workspace's macros, read-only (intercom-macros.ts); none before Intercom-Version 2.16. */
  macros(): Promise<Macro[]> {
    return readIntercomMacros({ accountId: this.#account.id, request: (path) => this.#request(path, { optional: true }) });
  }

  /**
   * Deletions when due (this connector's first poll, then every few minutes, so a quiet poll costs the one search),
   * then the conversations updated since the mark, page by page.
   */
  async *pages(checkpoint: string | null): AsyncGenerator<SyncPage> {
    const position = readCheckpoint(checkpoint);
    let written = checkpoint === null ? null : JSON.stringify(position);
    const due = this.#deletionsReadAt === null || Date.now() - this.#deletionsReadAt >= DELETIONS_AT_LEAST_EVERY_MS;
    if (position.deletedAt === null || due) {
      // The first sync only notes where deletions stand: what was deleted before it is not in the search either.
      const deleted = await this.#readDeletions(position, position.deletedAt !== null);
      if (deleted.tickets.length > 0 || deleted.quarantined.length > 0) {
        written = JSON.stringify(position);
        yield { ...emptyPage(), tickets: deleted.tickets, quarantined: deleted.quarantined, checkpoint: written };
      }
    }
    yield* this.#conversationPages(position, written);
  }

  /** Deletions newer than the mark, newest first, paging until one is older; moves the mark. */
  async #readDeletions(position: IntercomCheckpoint, apply: boolean): Promise<{ tickets: SyncedTicket[]; quarantined: QuarantinedRecord[] }> {
    const tickets: SyncedTicket[] = [];
    const quarantined: QuarantinedRecord[] = [];
    if (this.#deletionsUnavailable) return { tickets, quarantined };
    const mark = position.deletedAt ?? 0;
    const seen = new Set(position.deletedSeen);
    const found: IntercomDeletedConversation[] = [];
    for (let page = 1; ; page++) {
      const body = await this.#request(`/conversations/deleted?per_page=${DELETED_PAGE_SIZE}&order=desc&page=${page}`, { optional: true });
      if (body === null) {
        // A proxy or a version without the endpoint: deletions are not seen (they stay in the queue until closed).
        this.#deletionsUnavailable = true;
        return { tickets, quarantined };
      }
      const envelope = IntercomDeletedPage.safeParse(body);
      if (!envelope.success) throw new Error(`account "${this.#account.id}": unexpected deleted conversations page: ${describeZodError(envelope.error)}`);
      const items = parseEach(envelope.data.conversations, IntercomDeletedConversation, 'ticket', quarantined).map(([item, raw]) => ({ item, raw }));
      for (const { item, raw } of items) {
        if (item.deleted_at > mark || (item.deleted_at === mark && !seen.has(item.id))) {
          found.push(item);
          if (apply) tickets.push(deletedConversation(item.id, item.deleted_at, raw));
        }
      }
      const reachedOlder = items.some(({ item }) => item.deleted_at < mark);
      // Without a mark yet, the newest deletion is all the first page needs to say.
      if (!envelope.data.pages?.next || reachedOlder || position.deletedAt === null) break;
    }
    const newest = Math.max(mark, ...found.map((item) => item.deleted_at));
    const atNewest = found.filter((item) => item.deleted_at === newest).map((item) => item.id);
    position.deletedSeen = newest === mark ? [...new Set([...position.deletedSeen, ...atNewest])] : atNewest;
    position.deletedAt = newest;
    this.#deletionsReadAt = Date.now();
    return { tickets, quarantined };
  }

  /** The search from the mark (minus the overlap) to its end; moves `position` along page by page. */
  async *#conversationPages(position: IntercomCheckpoint, written: string | null): AsyncGenerator<SyncPage> {
    const since = position.updatedAt === null ? 0 : Math.max(0, position.updatedAt - OVERLAP_SECONDS);
    const run: RunCache = { contacts: new Map(), companies: new Map() };
    let startingAfter: string | null = null;
    for (;;) {
      const body = await this.#request('/conversations/search', {
        method: 'POST',
        body: {
          query: { field: 'updated_at', operator: '>', value: since },
          sort: { field: 'updated_at', order: 'ascending' },
          pagination: { per_page: SEARCH_PAGE_SIZE, ...(startingAfter === null ? {} : { starting_after: startingAfter }) },
        },
      });
      const envelope = IntercomSearchPage.safeParse(body);
      if (!envelope.success) throw new Error(`account "${this.#account.id}": unexpected conversation search page: ${describeZodError(envelope.error)}`);
      startingAfter = envelope.data.pages?.next?.starting_after ?? null;
      const page = await this.#buildPage(envelope.data.conversations, position, run);
      page.caughtUp = startingAfter === null;
      const news = page.tickets.length + page.people.length + page.organizations.length + page.quarantined.length > 0;
      // A quiet poll (only what the overlap returns again) writes nothing.
      if (news || page.checkpoint !== written) {
        yield page;
        written = page.checkpoint;
      }
      if (startingAfter === null) return;
    }
  }

  async #buildPage(items: unknown[], position: IntercomCheckpoint, run: RunCache): Promise<SyncPage> {
    const page = emptyPage();
    const { quarantined } = page;
    const hits = parseEach(items, IntercomConversationSummary, 'ticket', quarantined).map(([hit]) => hit);
    // Dedupes the run too: a conversation that changed while the search was paging comes again, newer.
    const fresh = new Map<string, number>();
    for (const hit of hits) if ((position.recent[hit.id] ?? -1) < hit.updated_at) fresh.set(hit.id, hit.updated_at);

    const fetched = await mapConcurrent([...fresh.keys()], FETCH_CONCURRENCY, (id) => this.#request(`/conversations/${id}`, { optional: true }));
    // A conversation deleted since the search answers 404: the deletions will say so.
    const found = fetched.filter((raw) => raw !== null);
    const companies: unknown[] = [];
    const authors = new Map<string, SyncedPerson>();
    for (const [conversation, raw] of parseEach(found, IntercomConversation, 'ticket', quarantined)) {
      const parts = parseEach(conversation.conversation_parts.conversation_parts, IntercomPart, 'event', quarantined).map(([part]) => part);
      const history = mapIntercomHistory(conversation, parts);
      page.events.push(...history.events);
      page.messages.push(...history.messages);
      if (history.missingParts > 0) {
        const returned = conversation.conversation_parts.conversation_parts.length;
        quarantined.push({
          kind: 'event',
          sourceId: `${conversation.id}/parts`,
          error: `Intercom serves only the ${returned} most recent parts of conversation ${conversation.id}: its ${history.missingParts} oldest are not in the history or the conversation view (the first reply is taken from its statistics)`,
          raw: { conversationId: conversation.id, returnedParts: returned, missingParts: history.missingParts },
        });
      }
      page.tickets.push(mapIntercomConversation(conversation, inboxBaseUrl(this.#apiBase, this.#appId), withoutParts(raw)));
      if (conversation.company != null) companies.push(conversation.company);
      for (const part of parts) {
        const kind = authorKindOf(part.author);
        const author = part.author;
        if (kind === null || kind === 'customer' || author?.id == null) continue;
        authors.set(author.id, { sourceId: author.id, name: author.name ?? '', email: author.email ?? '', role: author.type, organizationId: null, updatedAt: null, raw: author });
        this.#teammates.add(author.id);
      }
      position.recent[conversation.id] = Math.max(position.recent[conversation.id] ?? 0, conversation.updated_at);
    }
    page.people.push(...authors.values());
    for (const [company, raw] of parseEach(companies, IntercomCompany, 'organization', quarantined)) {
      if (run.companies.has(company.id)) continue;
      const organization = mapIntercomCompany(company, raw);
      run.companies.set(company.id, organization);
      page.organizations.push(organization);
    }
    await this.#fetchCustomers(page, run);
    await this.#fetchAssignees(page);

    if (hits.length > 0) position.updatedAt = Math.max(position.updatedAt ?? 0, ...hits.map((hit) => hit.updated_at));
    for (const hit of hits) position.recent[hit.id] = Math.max(position.recent[hit.id] ?? 0, hit.updated_at);
    const horizon = (position.updatedAt ?? 0) - OVERLAP_SECONDS;
    for (const [id, updatedAt] of Object.entries(position.recent)) if (updatedAt < horizon) delete position.recent[id];
    page.checkpoint = JSON.stringify(position);
    return page;
  }

  /** The requesters of the page's tickets and their companies (the plan lives there), each once a run. */
  async #fetchCustomers(page: SyncPage, run: RunCache): Promise<void> {
    const contactIds = [...new Set(page.tickets.map((t) => t.requesterId).filter((id): id is string => id !== null && !run.contacts.has(id)))];
    const contacts = await mapConcurrent(contactIds, FETCH_CONCURRENCY, (id) => this.#request(`/contacts/${encodeURIComponent(id)}`, { optional: true }));
    contactIds.forEach((id) => run.contacts.set(id, null));
    for (const [contact, raw] of parseEach(contacts.filter((c) => c !== null), IntercomContact, 'person', page.quarantined)) {
      const person = mapIntercomContact(contact, raw);
      run.contacts.set(contact.id, person);
      page.people.push(person);
    }
    const companyIds = [...new Set(page.people.map((p) => p.organizationId).filter((id): id is string => id !== null && !run.companies.has(id)))];
    const companies = await mapConcurrent(companyIds, FETCH_CONCURRENCY, (id) => this.#request(`/companies/${encodeURIComponent(id)}`, { optional: true }));
    companyIds.forEach((id) => run.companies.set(id, null));
    for (const [company, raw] of parseEach(companies.filter((c) => c !== null), IntercomCompany, 'organization', page.quarantined)) {
      const organization = mapIntercomCompany(company, raw);
      run.companies.set(company.id, organization);
      page.organizations.push(organization);
    }
  }

  /** Assignees who wrote nothing yet are unknown by name: the admin list, once, names them. */
  async #fetchAssignees(page: SyncPage): Promise<void> {
    if (this.#adminsListed || page.tickets.every((t) => t.assigneeId === null || this.#teammates.has(t.assigneeId))) return;
    const list = IntercomAdminList.safeParse(await this.#request('/admins'));
    if (!list.success) throw new Error(`account "${this.#account.id}": unexpected admin list: ${describeZodError(list.error)}`);
    for (const [admin, raw] of parseEach(list.data.admins, IntercomAdmin, 'person', page.quarantined)) {
      page.people.push(mapIntercomAdmin(admin, raw));
      this.#teammates.add(admin.id);
    }
    this.#adminsListed = true;
  }

  /** JSON from the API, or null for a 404 (or 400: not in this version) when `optional`. */
  async #request(path: string, options: { method?: 'GET' | 'POST'; body?: unknown; optional?: boolean } = {}): Promise<unknown> {
    try {
      return await getJson(`${this.#apiBase}${path}`, this.#headers, this.#retry, this.#http, {
        method: options.method ?? 'GET',
        body: options.body,
        limiter: this.#limiter,
      });
    } catch (error) {
      if (!(error instanceof HelpdeskHttpError)) throw error;
      if (error.status === 401 || error.status === 403) throw new AuthenticationError(this.#refusal(error), { cause: error });
      if (options.optional && (error.status === 404 || error.status === 400)) return null;
      throw error;
    }
  }

  /** One write, sent once (write-request.ts); a refused token stops the account as it does for reads. */
  async #write(request: IntercomWriteRequest): Promise<WriteAnswer> {
    const headers = request.version === undefined ? this.#headers : { ...this.#headers, 'intercom-version': request.version };
    try {
      return await sendWrite({ method: request.method, url: `${this.#apiBase}${request.path}`, headers, body: request.body, limiter: this.#limiter }, this.#retry, this.#http);
    } catch (error) {
      if (error instanceof HelpdeskHttpError && error.status === 401) throw new AuthenticationError(this.#refusal(error), { cause: error });
      throw error;
    }
  }

  #refusal(error: HelpdeskHttpError): string {
    const words = intercomErrorWords(error.body);
    // Not Intercom's error body: the status says enough.
    const said = words === null ? '' : ` ${words}`;
    const account = `account "${this.#account.id}"`;
    if (error.status === 403) {
      return `${account}: Intercom refused the request (HTTP 403${said}); the workspace's plan or the app's permissions do not allow reading conversations`;
    }
    return (
      `${account}: Intercom refused the access token (HTTP 401${said}); create a new access token in Intercom's Developer Hub, ` +
      `and check that baseUrl ${this.#apiBase} is the workspace's region (${INTERCOM_BASE_URLS.join(', ')})`
    );
  }
}

function emptyPage(): SyncPage {
  return { tickets: [], people: [], organizations: [], events: [], messages: [], quarantined: [], checkpoint: '', caughtUp: false };
}

/** The conversation as stored with its ticket: its parts are in the history and the messages already. */
function withoutParts(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object') return raw;
  const copy: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  delete copy['conversation_parts'];
  return copy;
}
