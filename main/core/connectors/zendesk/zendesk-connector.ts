import { z } from 'zod';
import type { Macro } from '../../../../shared/macros/macro.ts';
import { describeZodError } from '../../../../shared/validation/describe-zod-error.ts';
import type { ZendeskAccount } from '../../../../shared/settings/account-config.ts';
import { ZendeskOAuthSession } from '../../auth/zendesk-oauth-session.ts';
import type { ZendeskTokenVault } from '../../auth/zendesk-token-vault.ts';
import type { HelpdeskWriter } from '../../outbox/helpdesk-writer.ts';
import { sendWrite, type WriteAnswer } from '../../outbox/write-request.ts';
import { getJson, HelpdeskHttpError, type HttpDeps, letRequestsOut, REAL_HTTP, type RetryPolicy } from '../../sync/helpdesk-http.ts';
import { RateLimiter } from '../../sync/rate-limiter.ts';
import type {
  QuarantinedRecord,
  SyncedOrganization,
  SyncedPerson,
  SyncedMessage,
  SyncedTicket,
  SyncedTicketEvent,
  SyncPage,
} from '../../sync/sync-page.ts';
import { AuthenticationError, type HelpdeskConnector, type HelpdeskIdentity } from '../helpdesk-connector.ts';
import { parseEach } from '../parse-records.ts';
import { authorsOf, mapZendeskAudit, type ZendeskAuthor } from './zendesk-history.ts';
import { mapZendeskOrganization, mapZendeskTicket, mapZendeskUser } from './zendesk-mapping.ts';
import {
  ZendeskAudit,
  ZendeskCursorExportPage,
  ZendeskCustomStatus,
  ZendeskCustomStatuses,
  ZendeskMe,
  ZendeskOrganization,
  ZendeskOrganizationsPage,
  ZendeskTicket,
  ZendeskTicketEventsPage,
  ZendeskUser,
  ZendeskUsersPage,
} from './zendesk-payloads.ts';
import { readZendeskMacros } from './zendesk-macros.ts';
import { isSearchCheckpoint, ZendeskSearchSync } from './zendesk-search-sync.ts';
import { ZendeskWriter } from './zendesk-writer.ts';

const EXPORT_PAGE_SIZE = 1000;
const SHOW_MANY_LIMIT = 100;
const TICKET_EXPORT_AT_LEAST_EVERY_MS = 10 * 60_000;

/**
 * Where the two exports stand: the ticket export's `after_cursor` and the ticket events export's `end_time`.
 * Checkpoints written before the events export was synced are the bare cursor.
 */
const ZendeskCheckpoint = z.object({
  tickets: z.string().nullable(),
  events: z.number().int().nonnegative().nullable(),
  /** The updates already read at the `events` second, which the export serves again: not news. */
  seenAtEvents: z.array(z.number().int()).default([]),
});
type ZendeskCheckpoint = z.infer<typeof ZendeskCheckpoint>;

function readCheckpoint(checkpoint: string | null): ZendeskCheckpoint {
  if (checkpoint === null) return { tickets: null, events: null, seenAtEvents: [] };
  if (!checkpoint.startsWith('{')) return { tickets: checkpoint, events: null, seenAtEvents: [] };
  const parsed = ZendeskCheckpoint.safeParse(JSON.parse(checkpoint));
  if (!parsed.success) throw new Error(`unreadable Zendesk checkpoint ${JSON.stringify(checkpoint)}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/**
 * Zendesk through OAuth (tokens rotated by ZendeskOAuthSession) or an API token (the stopgap until Zendesk retires
 * them). An admin's sync reads tickets from the incremental cursor export, then each
 * ticket's history (comments, status, priority and tag changes) from the incremental ticket events export. Both
 * positions travel in one checkpoint, written with the page that reached them; the first sync starts both at 0.
 * An agent may not read the exports and syncs through the search instead (zendesk-search-sync.ts). Either way a
 * custom status counts as its category, and every request waits for the account's rate limiter.
 */
export class ZendeskConnector implements HelpdeskConnector {
  readonly #account: ZendeskAccount;
  readonly #retry: RetryPolicy;
  readonly #http: HttpDeps;
  readonly #apiBase: string;
  readonly #agentBase: string;
  /** Basic with the API token; null with OAuth, whose Bearer the session renews. */
  readonly #apiTokenAuthorization: string | null;
  readonly #oauth: ZendeskOAuthSession | null;
  /** Whose credentials these are, for messages a person can act on. */
  readonly #who: string;
  /** Roles of the users seen so far: who wrote a comment decides whether it is a customer message or a reply. */
  readonly #authors = new Map<number, ZendeskAuthor>();
  #ticketsReadAt: number | null = null;
  /** Every request of the account waits for it: Zendesk's budget is per account, per minute. */
  readonly #limiter: RateLimiter;
  /** The signed-in user's role from /users/me.json: an agent syncs through the search, as the exports are admin-only. */
  #role: string | null = null;
  /** The signed-in user's id from /users/me.json: the author of the outbox's comments, "me" of an assignment. */
  #meId: number | null = null;
  readonly #search: ZendeskSearchSync;
  /** The account's custom statuses by id, read once a sync when a ticket has one (empty where they are off). */
  #customStatuses: Map<number, ZendeskCustomStatus> | null = null;

  get rateLimiter(): RateLimiter {
    return this.#limiter;
  }

  /** `tokenVault` keeps an OAuth account's rotated tokens between runs. */
  constructor(account: ZendeskAccount, retry: RetryPolicy, http: HttpDeps = REAL_HTTP, tokenVault?: ZendeskTokenVault) {
    this.#account = account;
    this.#retry = retry;
    this.#http = http;
    this.#agentBase = account.baseUrl.replace(/\/+$/, '');
    this.#apiBase = `${this.#agentBase}/api/v2`;
    this.#apiTokenAuthorization =
      account.auth.type === 'apiToken' ? `Basic ${Buffer.from(`${account.auth.email}/token:${account.auth.token}`).toString('base64')}` : null;
    this.#oauth =
      account.auth.type === 'oauth'
        ? new ZendeskOAuthSession({ accountId: account.id, baseUrl: this.#agentBase, auth: account.auth, retry, http, ...(tokenVault ? { vault: tokenVault } : {}) })
        : null;
    this.#who = account.auth.type === 'apiToken' ? account.auth.email : `the OAuth client ${account.auth.clientId}`;
    this.#limiter = new RateLimiter({ sleep: http.sleep });
    this.#search = new ZendeskSearchSync({
      accountId: account.id,
      agentBaseUrl: this.#agentBase,
      get: (path, options) => this.#get(path, options),
      ticketPage: async (rawTickets, quarantined) => this.#ticketPage(rawTickets, [], [], quarantined),
      history: (audits, quarantined) => this.#history(audits, quarantined),
    });
  }

  /**
   * Zendesk answers bad credentials on /users/me.json with 200 and an "Anonymous user" without an id, so the status
   * code proves nothing: the answer must name someone, and someone who is not an end-user.
   */
  async verify(): Promise<HelpdeskIdentity | void> {
    const me = ZendeskMe.safeParse(await this.#get('/users/me.json'));
    const user = me.success ? me.data.user : null;
    const anonymous = !user || (user.id == null && (!user.name || user.name === 'Anonymous user' || user.role === 'end-user'));
    if (anonymous) {
      throw new AuthenticationError(
        `account "${this.#account.id}": Zendesk did not accept the credentials of ${this.#who} (it answered as an anonymous user)`,
      );
    }
    if (user.role === 'end-user') {
      throw new AuthenticationError(
        `account "${this.#account.id}": ${this.#who} is a Zendesk end-user, not an agent; use an agent's or an admin's API token`,
        { refusal: 'permission' },
      );
    }
    this.#role = user.role ?? 'unknown';
    this.#meId = user.id ?? null;
    return user.id == null ? undefined : { userId: String(user.id) };
  }

  /** Sends the outbox's writes as the signed-in user, through the same credentials, retries and rate limit as reads. */
  writer(): HelpdeskWriter {
    return new ZendeskWriter({
      // A 403 or 404 here is about one ticket, not the credentials: the writer keeps it as the entry's refusal.
      read: (path) => this.#get(path, { mayBeMissing: true }),
      write: (path, body) => this.#write(path, body),
      me: async () => {
        if (this.#meId === null) await this.verify();
        if (this.#meId === null) throw new AuthenticationError(`account "${this.#account.id}": Zendesk did not say which user ${this.#who} is`);
        return this.#meId;
      },
    });
  }

  /** The team's active macros, read-only (zendesk-macros.ts). */
  macros(): Promise<Macro[]> {
    return readZendeskMacros({ accountId: this.#account.id, apiBase: this.#apiBase, get: (path) => this.#get(path, { mayBeMissing: true }) });
  }

  /**
   * A first sync reads the ticket export, then the history. Later polls read the history first: every change to a
   * ticket is an update in it, so a quiet poll costs one request, and the ticket export is read only when something
   * changed (or every few minutes, for what leaves no update, such as an organization's new plan).
   */
  async *pages(checkpoint: string | null): AsyncGenerator<SyncPage> {
    if (this.#role === null) await this.verify();
    this.#customStatuses = null;
    // An agent's token gets 403 from the exports: agents sync through the search (zendesk-search-sync.ts). A role
    // that changed since the last sync starts the other path from the beginning.
    if (this.#role === 'agent') {
      yield* this.#search.pages(checkpoint);
      return;
    }
    const position = readCheckpoint(isSearchCheckpoint(checkpoint) ? null : checkpoint);
    if (position.tickets === null) {
      yield* this.#ticketPages(position);
      yield* this.#eventPages(position);
      return;
    }
    const changed = yield* this.#eventPages(position);
    if (changed || this.#ticketsReadAt === null || Date.now() - this.#ticketsReadAt >= TICKET_EXPORT_AT_LEAST_EVERY_MS) {
      yield* this.#ticketPages(position);
    }
  }

  /** The ticket export from `position` until its end; moves `position.tickets` along. */
  async *#ticketPages(position: ZendeskCheckpoint): AsyncGenerator<SyncPage> {
    const query = (cursor: string | null): string => (cursor === null ? 'start_time=0' : `cursor=${encodeURIComponent(cursor)}`);
    let next = this.#fetchTicketsEnvelope(query(position.tickets), position);
    for (;;) {
      const { envelope, reached } = await next;
      if (!envelope.end_of_stream) {
        // Ask for the next page as soon as its cursor is known: Zendesk prepares it while this one is read and stored
        // (its checkpoint still lands only with its own page), once the request is out: the reading and the store's
        // synchronous write would otherwise hold it back.
        next = this.#fetchTicketsEnvelope(query(reached.tickets), reached);
        next.catch(() => undefined);
        await letRequestsOut();
      }
      const page = await this.#buildPage(envelope);
      yield { ...page, checkpoint: JSON.stringify(reached) };
      position.tickets = reached.tickets;
      if (page.caughtUp) break;
    }
    this.#ticketsReadAt = Date.now();
  }

  /** The ticket events export from `position` until its end; moves `position` along. Returns whether anything was new. */
  async *#eventPages(position: ZendeskCheckpoint): AsyncGenerator<SyncPage, boolean> {
    let news = false;
    let next = this.#fetchEventsPage(position);
    for (;;) {
      const page = await next;
      // Without the history export the dues come from each ticket as it stands; the ticket export carries the news.
      if (page === null) return true;
      news ||= page.news;
      if (!page.caughtUp) {
        // As with tickets: the next page is on its way while the store writes this one.
        next = this.#fetchEventsPage(page.position);
        next.catch(() => undefined);
        await letRequestsOut();
      }
      yield page;
      Object.assign(position, page.position);
      if (page.caughtUp) return news;
    }
  }

  /** A page of the ticket export as it came, and the position after it. */
  async #fetchTicketsEnvelope(
    query: string,
    position: ZendeskCheckpoint,
  ): Promise<{ envelope: z.infer<typeof ZendeskCursorExportPage>; reached: ZendeskCheckpoint }> {
    const body = await this.#get(`/incremental/tickets/cursor.json?${query}&per_page=${EXPORT_PAGE_SIZE}&include=users,organizations`);
    const envelope = ZendeskCursorExportPage.safeParse(body);
    if (!envelope.success) {
      throw new Error(`account "${this.#account.id}": unexpected cursor export page: ${describeZodError(envelope.error)}`);
    }
    // Zendesk returns an after_cursor even at the end of the stream; the next poll resumes from it.
    return { envelope: envelope.data, reached: { ...position, tickets: envelope.data.after_cursor ?? position.tickets } };
  }

  /**
   * A page of the time-based ticket events export. Items of the second it ended on come again on the next page
   * (the store keeps each event once); when a page ends on the second it started from, Zendesk has served that whole
   * second, so the next one starts a second later rather than asking for the same page forever.
   */
  async #fetchEventsPage(position: ZendeskCheckpoint): Promise<(SyncPage & { position: ZendeskCheckpoint; news: boolean }) | null> {
    const start = position.events ?? 0;
    let body: unknown;
    try {
      body = await this.#get(`/incremental/ticket_events.json?start_time=${start}&include=comment_events&per_page=${EXPORT_PAGE_SIZE}`, { mayBeMissing: true });
    } catch (error) {
      // Zendesk lets only admins read exports: an agent's token gets 403 here and still reads the tickets.
      if (error instanceof HelpdeskHttpError && (error.status === 403 || error.status === 404)) return null;
      // A settled second can be the helpdesk's current one: nothing can be newer yet.
      if (error instanceof HelpdeskHttpError && error.status === 422 && /too recent/i.test(error.body)) return this.#nothingNewAfter(position);
      throw error;
    }
    const envelope = ZendeskTicketEventsPage.safeParse(body);
    if (!envelope.success) {
      throw new Error(`account "${this.#account.id}": unexpected ticket events page: ${describeZodError(envelope.error)}`);
    }
    const quarantined: QuarantinedRecord[] = [];
    const seen = new Set(position.events === start ? position.seenAtEvents : []);
    const served = parseEach(envelope.data.ticket_events, ZendeskAudit, 'event', quarantined).map(([audit]) => audit);
    // The export serves the checkpoint's second again: what was already stored needs no second pass.
    const audits = served.filter((audit) => !seen.has(audit.id));
    const { events, messages, people } = await this.#history(audits, quarantined);
    const endTime = envelope.data.end_time ?? start;
    const caughtUp = envelope.data.end_of_stream;
    const news = quarantined.length > 0 || audits.length > 0;
    // A poll that finds its end second again with nothing new there: that second is settled, so the next poll starts
    // after it instead of being served the same updates (a bulk update can put hundreds in one second) every time.
    const settled = caughtUp && audits.length === 0 && quarantined.length === 0 && endTime <= start;
    const next = settled ? start + 1 : caughtUp || endTime > start ? Math.max(endTime, start) : start + 1;
    const seenAtNext = served.filter((audit) => secondOf(audit) === next).map((audit) => audit.id);
    const reached = { ...position, events: next, seenAtEvents: next === start ? [...new Set([...seen, ...seenAtNext])] : seenAtNext };
    return { tickets: [], people, organizations: [], events, messages, quarantined, checkpoint: JSON.stringify(reached), caughtUp, position: reached, news };
  }

  #nothingNewAfter(position: ZendeskCheckpoint): SyncPage & { position: ZendeskCheckpoint; news: boolean } {
    const empty = { tickets: [], people: [], organizations: [], events: [], messages: [], quarantined: [] };
    return { ...empty, checkpoint: JSON.stringify(position), caughtUp: true, position, news: false };
  }

  /** Ticket updates as history: events for the SLA engine and the conversation's messages, by who made them. */
  async #history(
    audits: readonly ZendeskAudit[],
    quarantined: QuarantinedRecord[],
  ): Promise<{ events: SyncedTicketEvent[]; messages: SyncedMessage[]; people: SyncedPerson[] }> {
    const people = await this.#fetchAuthors(audits, quarantined);
    const events: SyncedTicketEvent[] = [];
    const messages: SyncedMessage[] = [];
    for (const audit of audits) {
      const history = mapZendeskAudit(audit, (id) => this.#authors.get(id));
      events.push(...history.events);
      messages.push(...history.messages);
    }
    return { events, messages, people };
  }

  /** The authors of these updates the connector has not seen yet, fetched by id so their role is known. */
  async #fetchAuthors(audits: readonly ZendeskAudit[], quarantined: QuarantinedRecord[]): Promise<SyncedPerson[]> {
    const unknown = new Set<number>();
    for (const audit of audits) for (const id of authorsOf(audit)) if (!this.#authors.has(id)) unknown.add(id);
    const people: SyncedPerson[] = [];
    for (const ids of chunk([...unknown], SHOW_MANY_LIMIT)) {
      const body = ZendeskUsersPage.parse(await this.#get(`/users/show_many.json?ids=${ids.join(',')}`));
      for (const [user, raw] of parseEach(body.users, ZendeskUser, 'person', quarantined)) people.push(this.#person(user, raw));
    }
    return people;
  }

  #person(user: ZendeskUser, raw: unknown): SyncedPerson {
    const person = mapZendeskUser(user, raw);
    this.#authors.set(user.id, person.role === 'end-user' ? 'customer' : 'agent');
    return person;
  }

  async #buildPage(envelope: z.infer<typeof ZendeskCursorExportPage>): Promise<Omit<SyncPage, 'checkpoint'>> {
    const quarantined: QuarantinedRecord[] = [];
    const page = await this.#ticketPage(envelope.tickets, envelope.users ?? [], envelope.organizations ?? [], quarantined);
    return { ...page, events: [], messages: [], quarantined, caughtUp: envelope.end_of_stream };
  }

  /** Tickets with their side-loaded people and organizations, and those the side-loads missed fetched by id. */
  async #ticketPage(
    rawTickets: unknown[],
    rawUsers: unknown[],
    rawOrganizations: unknown[],
    quarantined: QuarantinedRecord[],
  ): Promise<{ tickets: SyncedTicket[]; people: SyncedPerson[]; organizations: SyncedOrganization[] }> {
    const parsed = parseEach(rawTickets, ZendeskTicket, 'ticket', quarantined);
    const customStatuses = parsed.some(([ticket]) => ticket.custom_status_id != null) ? await this.#readCustomStatuses() : new Map();
    const tickets = parsed.map(([ticket, raw]) => mapZendeskTicket(ticket, this.#agentBase, raw, customStatuses));
    const people = parseEach(rawUsers, ZendeskUser, 'person', quarantined).map(([user, raw]) => this.#person(user, raw));
    const organizations = parseEach(rawOrganizations, ZendeskOrganization, 'organization', quarantined).map(([org, raw]) =>
      mapZendeskOrganization(org, this.#account.planField, raw),
    );
    await this.#fetchMissing(tickets, people, organizations, quarantined);
    return { tickets, people, organizations };
  }

  /** The account's custom statuses, once a sync; none where the feature is off or the list is not for this user. */
  async #readCustomStatuses(): Promise<Map<number, ZendeskCustomStatus>> {
    if (this.#customStatuses) return this.#customStatuses;
    let body: unknown = { custom_statuses: [] };
    try {
      body = await this.#get('/custom_statuses.json', { mayBeMissing: true });
    } catch (error) {
      if (!(error instanceof HelpdeskHttpError && (error.status === 403 || error.status === 404))) throw error;
    }
    const list = ZendeskCustomStatuses.safeParse(body);
    if (!list.success) throw new Error(`account "${this.#account.id}": unexpected custom statuses list: ${describeZodError(list.error)}`);
    // A status that does not parse leaves its tickets with their own status, which Zendesk keeps in its category.
    const statuses = list.data.custom_statuses.flatMap((raw) => {
      const status = ZendeskCustomStatus.safeParse(raw);
      return status.success ? [status.data] : [];
    });
    this.#customStatuses = new Map(statuses.map((status) => [status.id, status]));
    return this.#customStatuses;
  }

  /** Side-loads can miss someone (a deleted user, an assignee outside the page's include): ask for them by id. */
  async #fetchMissing(
    tickets: SyncedTicket[],
    people: SyncedPerson[],
    organizations: SyncedOrganization[],
    quarantined: QuarantinedRecord[],
  ): Promise<void> {
    const knownPeople = new Set(people.map((person) => person.sourceId));
    const missingPeople = new Set<string>();
    for (const ticket of tickets) {
      for (const id of [ticket.requesterId, ticket.assigneeId]) if (id !== null && !knownPeople.has(id)) missingPeople.add(id);
    }
    for (const ids of chunk([...missingPeople], SHOW_MANY_LIMIT)) {
      const body = ZendeskUsersPage.parse(await this.#get(`/users/show_many.json?ids=${ids.join(',')}`));
      for (const [user, raw] of parseEach(body.users, ZendeskUser, 'person', quarantined)) people.push(this.#person(user, raw));
    }
    const knownOrgs = new Set(organizations.map((org) => org.sourceId));
    const missingOrgs = new Set<string>();
    for (const id of [...tickets.map((t) => t.organizationId), ...people.map((p) => p.organizationId)]) {
      if (id !== null && !knownOrgs.has(id)) missingOrgs.add(id);
    }
    for (const ids of chunk([...missingOrgs], SHOW_MANY_LIMIT)) {
      const body = ZendeskOrganizationsPage.parse(await this.#get(`/organizations/show_many.json?ids=${ids.join(',')}`));
      for (const [org, raw] of parseEach(body.organizations, ZendeskOrganization, 'organization', quarantined)) {
        organizations.push(mapZendeskOrganization(org, this.#account.planField, raw));
      }
    }
  }

  async #get(path: string, options: { mayBeMissing?: boolean; onAnswer?: (headers: Headers) => void } = {}): Promise<unknown> {
    const request = { limiter: this.#limiter, onAnswer: options.onAnswer };
    try {
      return await this.#authorized((authorization) => getJson(`${this.#apiBase}${path}`, { authorization }, this.#retry, this.#http, request));
    } catch (error) {
      throw this.#refusal(error, options);
    }
  }

  /** PUTs once (write-request.ts); a 401 refuses the credentials, a 403 only this write (the writer says so). */
  async #write(path: string, body: unknown): Promise<WriteAnswer> {
    try {
      return await this.#authorized((authorization) =>
        sendWrite({ method: 'PUT', url: `${this.#apiBase}${path}`, headers: { authorization }, body, limiter: this.#limiter }, this.#retry, this.#http),
      );
    } catch (error) {
      throw error instanceof HelpdeskHttpError && error.status === 401 ? this.#refusal(error, {}) : error;
    }
  }

  /** Sends with the account's credentials; an access token refused with a 401 (expired or revoked early) is renewed and sent once more. */
  async #authorized<T>(send: (authorization: string) => Promise<T>): Promise<T> {
    const authorization = this.#apiTokenAuthorization ?? (await this.#oauth!.authorization());
    try {
      return await send(authorization);
    } catch (error) {
      if (!(this.#oauth && error instanceof HelpdeskHttpError && error.status === 401)) throw error;
    }
    await this.#oauth.renewAfterRefusal(authorization);
    return send(await this.#oauth.authorization());
  }

  /** A 401, or a 403 where the data is not optional: the credentials will not do, whatever the retries. */
  #refusal(error: unknown, options: { mayBeMissing?: boolean }): unknown {
    if (error instanceof HelpdeskHttpError && (error.status === 401 || (error.status === 403 && !options.mayBeMissing))) {
      return new AuthenticationError(
        `account "${this.#account.id}": Zendesk refused the credentials of ${this.#who} (HTTP ${error.status})${this.#oauth && error.status === 401 ? '; sign in to Zendesk again' : ''}`,
        { cause: error },
      );
    }
    return error;
  }
}

function secondOf(audit: ZendeskAudit): number {
  return audit.timestamp ?? Math.floor(Date.parse(audit.created_at ?? '') / 1000);
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
