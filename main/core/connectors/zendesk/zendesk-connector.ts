import type { z } from 'zod';
import { describeZodError } from '../../../../shared/validation/describe-zod-error.ts';
import type { AccountConfig } from '../../../../shared/settings/account-config.ts';
import { getJson, HelpdeskHttpError, type HttpDeps, REAL_HTTP, type RetryPolicy } from '../../sync/helpdesk-http.ts';
import type { QuarantinedRecord, SyncedOrganization, SyncedPerson, SyncedTicket, SyncPage } from '../../sync/sync-page.ts';
import { AuthenticationError, type HelpdeskConnector } from '../helpdesk-connector.ts';
import { mapZendeskOrganization, mapZendeskTicket, mapZendeskUser } from './zendesk-mapping.ts';
import {
  ZendeskCursorExportPage,
  ZendeskMe,
  ZendeskOrganization,
  ZendeskOrganizationsPage,
  ZendeskTicket,
  ZendeskUser,
  ZendeskUsersPage,
} from './zendesk-payloads.ts';

const EXPORT_PAGE_SIZE = 1000;
const SHOW_MANY_LIMIT = 100;

/**
 * Zendesk through an API token (the stopgap until OAuth) and the incremental cursor export.
 * The checkpoint is the export's `after_cursor`; the first sync starts at `start_time=0`.
 */
export class ZendeskConnector implements HelpdeskConnector {
  readonly #account: AccountConfig;
  readonly #retry: RetryPolicy;
  readonly #http: HttpDeps;
  readonly #apiBase: string;
  readonly #agentBase: string;
  readonly #authorization: string;

  constructor(account: AccountConfig, retry: RetryPolicy, http: HttpDeps = REAL_HTTP) {
    this.#account = account;
    this.#retry = retry;
    this.#http = http;
    this.#agentBase = account.baseUrl.replace(/\/+$/, '');
    this.#apiBase = `${this.#agentBase}/api/v2`;
    this.#authorization = `Basic ${Buffer.from(`${account.auth.email}/token:${account.auth.token}`).toString('base64')}`;
  }

  /**
   * Zendesk answers bad credentials on /users/me.json with 200 and an "Anonymous user" without an id, so the status
   * code proves nothing: the answer must name someone, and someone who is not an end-user.
   */
  async verify(): Promise<void> {
    const me = ZendeskMe.safeParse(await this.#get('/users/me.json'));
    const user = me.success ? me.data.user : null;
    const anonymous = !user || (user.id == null && (!user.name || user.name === 'Anonymous user' || user.role === 'end-user'));
    if (anonymous) {
      throw new AuthenticationError(
        `account "${this.#account.id}": Zendesk did not accept the API token for ${this.#account.auth.email} (it answered as an anonymous user)`,
      );
    }
    if (user.role === 'end-user') {
      throw new AuthenticationError(
        `account "${this.#account.id}": ${this.#account.auth.email} is a Zendesk end-user, not an agent; use an agent's or an admin's API token`,
      );
    }
  }

  async *pages(checkpoint: string | null): AsyncGenerator<SyncPage> {
    let next = this.#fetchPage(checkpoint === null ? 'start_time=0' : `cursor=${encodeURIComponent(checkpoint)}`);
    for (;;) {
      const page = await next;
      if (!page.caughtUp) {
        // Ask for the next page while the store writes this one; its checkpoint still lands only with its own page.
        next = this.#fetchPage(`cursor=${encodeURIComponent(page.checkpoint)}`);
        next.catch(() => undefined);
        // Let the request reach the socket before the store's synchronous write holds the thread.
        await new Promise((resolve) => setImmediate(resolve));
      }
      yield page;
      if (page.caughtUp) return;
    }
  }

  async #fetchPage(query: string): Promise<SyncPage> {
    const body = await this.#get(`/incremental/tickets/cursor.json?${query}&per_page=${EXPORT_PAGE_SIZE}&include=users,organizations`);
    const envelope = ZendeskCursorExportPage.safeParse(body);
    if (!envelope.success) {
      throw new Error(`account "${this.#account.id}": unexpected cursor export page: ${describeZodError(envelope.error)}`);
    }
    return this.#buildPage(envelope.data);
  }

  async #buildPage(envelope: z.infer<typeof ZendeskCursorExportPage>): Promise<SyncPage> {
    const quarantined: QuarantinedRecord[] = [];
    const tickets = parseEach(envelope.tickets, ZendeskTicket, 'ticket', quarantined).map(([ticket, raw]) =>
      mapZendeskTicket(ticket, this.#agentBase, raw),
    );
    const people = parseEach(envelope.users ?? [], ZendeskUser, 'person', quarantined).map(([user, raw]) => mapZendeskUser(user, raw));
    const organizations = parseEach(envelope.organizations ?? [], ZendeskOrganization, 'organization', quarantined).map(
      ([org, raw]) => mapZendeskOrganization(org, this.#account.planField, raw),
    );
    await this.#fetchMissing(tickets, people, organizations, quarantined);
    return {
      tickets,
      people,
      organizations,
      quarantined,
      // Zendesk returns an after_cursor even at the end of the stream; the next poll resumes from it.
      checkpoint: envelope.after_cursor ?? '',
      caughtUp: envelope.end_of_stream,
    };
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
      for (const [user, raw] of parseEach(body.users, ZendeskUser, 'person', quarantined)) people.push(mapZendeskUser(user, raw));
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

  async #get(path: string): Promise<unknown> {
    try {
      return await getJson(`${this.#apiBase}${path}`, { authorization: this.#authorization }, this.#retry, this.#http);
    } catch (error) {
      if (error instanceof HelpdeskHttpError && (error.status === 401 || error.status === 403)) {
        throw new AuthenticationError(
          `account "${this.#account.id}": Zendesk refused the credentials of ${this.#account.auth.email} (HTTP ${error.status})`,
        );
      }
      throw error;
    }
  }
}

/** Validates records one by one: the good ones go on, the bad ones go to quarantine with the reason. */
function parseEach<T extends z.ZodType>(
  records: unknown[],
  schema: T,
  kind: QuarantinedRecord['kind'],
  quarantined: QuarantinedRecord[],
): [z.infer<T>, unknown][] {
  const good: [z.infer<T>, unknown][] = [];
  records.forEach((raw, index) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) good.push([parsed.data, raw]);
    else quarantined.push({ kind, sourceId: sourceIdOf(raw) ?? `unknown-${index}`, error: describeZodError(parsed.error), raw });
  });
  return good;
}

function sourceIdOf(raw: unknown): string | null {
  if (raw !== null && typeof raw === 'object' && 'id' in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === 'number' || typeof id === 'string') return String(id);
  }
  return null;
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
