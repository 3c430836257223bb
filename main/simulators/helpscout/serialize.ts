/**
 * Records to Help Scout's HAL+JSON shapes: conversations (with embedded threads on request), threads, customers,
 * organizations, users, mailboxes, and paged HAL collections with their links. Dates are ISO 8601 UTC to the second.
 */

import { escapeHtml, isoSeconds } from '../zendesk/text.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, previewOf } from './content.ts';
import type { ConversationStore } from './store.ts';
import { isMessage } from './threads.ts';
import type {
  ConversationRecord,
  CustomerRecord,
  HalLinks,
  HalPage,
  HelpScoutConversation,
  HelpScoutCustomer,
  HelpScoutMailbox,
  HelpScoutOrganization,
  HelpScoutTag,
  HelpScoutThread,
  HelpScoutUser,
  MailboxRecord,
  OrganizationProperty,
  OrganizationRecord,
  PersonRef,
  ThreadRecord,
  UserRecord,
} from './types.ts';

export const CONVERSATION_PAGE_SIZE = 25;
export const PAGE_SIZE = 50;
/** How much of a chat thread a conversation list shows when it embeds threads (Help Scout truncates them). */
const CHAT_EMBED_CHARS = 80;

export const PLAN_LABELS = { free: 'Free', starter: 'Starter', growth: 'Growth', enterprise: 'Enterprise' } as const;

/** Help Scout fills closedByUser with a placeholder on conversations nobody closed. */
const NOBODY: PersonRef = { id: 0, type: 'user', first: 'unknown', last: 'unknown', email: 'unknown' };

const TAG_COLORS = ['#929499', '#e52f28', '#f7b500', '#2ca34a', '#3197d6', '#a05bb2', '#ee7f2d'];

export function userRef(u: UserRecord): PersonRef {
  return { id: u.id, type: 'user', first: u.firstName, last: u.lastName, email: u.email };
}

function customerRef(c: CustomerRecord): PersonRef {
  return { id: c.id, type: 'customer', first: c.firstName, last: c.lastName, email: c.email };
}

/** Tags are account-wide and case-insensitive: the same id and color whatever case a conversation spells it in. */
export function tagJson(tag: string): HelpScoutTag {
  let h = 0x811c9dc5;
  for (const ch of tag.toLowerCase()) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return { id: 1000 + (h % 9_000_000), color: TAG_COLORS[h % TAG_COLORS.length] ?? '#929499', tag };
}

/** "just now", "12 min ago", "5 hours ago", "3 days ago". */
export function friendly(ms: number): string {
  if (ms < MINUTE_MS) return 'just now';
  if (ms < HOUR_MS) return `${Math.floor(ms / MINUTE_MS)} min ago`;
  if (ms < DAY_MS) {
    const h = Math.floor(ms / HOUR_MS);
    return h === 1 ? '1 hour ago' : `${h} hours ago`;
  }
  const d = Math.floor(ms / DAY_MS);
  return d === 1 ? '1 day ago' : `${d} days ago`;
}

export interface SerializeContext {
  store: ConversationStore;
  baseUrl: string;
}

const href = (url: string): { href: string } => ({ href: url });

export function threadJson(ctx: SerializeContext, c: ConversationRecord, t: ThreadRecord, truncateChat = false): HelpScoutThread {
  const { store, baseUrl } = ctx;
  const customer = store.customers.get(c.customerId);
  const author = t.userId === null ? undefined : store.users.get(t.userId);
  const assignee = t.assignedTo === null ? undefined : store.users.get(t.assignedTo);
  const customerPart = customer
    ? { id: customer.id, first: customer.firstName, last: customer.lastName, email: customer.email, photoUrl: '' }
    : { id: c.customerId, first: '', last: '', email: '', photoUrl: '' };
  const links: HalLinks = { customer: href(`${baseUrl}/v2/customers/${c.customerId}`) };
  if (author) links['createdByUser'] = href(`${baseUrl}/v2/users/${author.id}`);
  else links['createdByCustomer'] = href(`${baseUrl}/v2/customers/${c.customerId}`);
  if (assignee) links['assignedTo'] = href(`${baseUrl}/v2/users/${assignee.id}`);
  const json: HelpScoutThread = {
    id: t.id,
    type: t.type,
    status: t.status,
    state: t.state,
    source: author ? { type: t.type === 'chat' ? 'chat' : 'web', via: 'user' } : { type: t.type === 'chat' ? 'chat' : 'email', via: 'customer' },
    customer: customerPart,
    createdBy: author ? userRef(author) : customer ? customerRef(customer) : { ...NOBODY, type: 'customer' },
    savedReplyId: 0,
    to: [...t.to],
    cc: [...t.cc],
    bcc: [],
    createdAt: isoSeconds(t.createdAt),
    _embedded: { attachments: [] },
    _links: links,
  };
  if (t.type === 'lineitem') json.action = { type: 'default', text: t.actionText ?? '', associatedEntities: {} };
  else json.body = truncateChat && t.type === 'chat' && t.text.length > CHAT_EMBED_CHARS ? `<div>${escapeHtml(t.text.slice(0, CHAT_EMBED_CHARS))}…</div>` : t.body;
  if (assignee) json.assignedTo = userRef(assignee);
  if (t.openedAt !== null) json.openedAt = isoSeconds(t.openedAt);
  return json;
}

/** Threads newest first, as Help Scout lists them. */
export function threadsNewestFirst(c: ConversationRecord): ThreadRecord[] {
  return [...c.threads].reverse();
}

export function conversationJson(ctx: SerializeContext, c: ConversationRecord, options: { embedThreads: boolean; truncateChat?: boolean }): HelpScoutConversation {
  const { store, baseUrl } = ctx;
  const now = store.now();
  const customer = store.customers.get(c.customerId);
  const first = c.threads[0];
  const starter = first?.userId == null ? undefined : store.users.get(first.userId);
  const assignee = c.assigneeId === null ? undefined : store.users.get(c.assigneeId);
  const closer = c.closedBy === null ? undefined : store.users.get(c.closedBy);
  const waiting = store.waiting(c);
  let latest: ThreadRecord | undefined;
  let count = 0;
  for (const t of c.threads) {
    if (t.state === 'published' && t.type !== 'lineitem') count++;
    if (isMessage(t)) latest = t;
  }
  const primary = customer ? customerRef(customer) : { ...NOBODY, id: c.customerId, type: 'customer' as const };
  const links: HalLinks = {
    self: href(`${baseUrl}/v2/conversations/${c.id}`),
    mailbox: href(`${baseUrl}/v2/mailboxes/${c.mailboxId}`),
    primaryCustomer: href(`${baseUrl}/v2/customers/${c.customerId}`),
    threads: href(`${baseUrl}/v2/conversations/${c.id}/threads`),
    web: href(`${baseUrl}/conversation/${c.id}/${c.number}/`),
  };
  if (starter) links['createdByUser'] = href(`${baseUrl}/v2/users/${starter.id}`);
  else links['createdByCustomer'] = href(`${baseUrl}/v2/customers/${c.customerId}`);
  if (assignee) links['assignee'] = href(`${baseUrl}/v2/users/${assignee.id}`);
  if (closer) links['closedBy'] = href(`${baseUrl}/v2/users/${closer.id}`);
  const json: HelpScoutConversation = {
    id: c.id,
    number: c.number,
    threads: count,
    type: c.type,
    folderId: store.folderId(c),
    status: c.status,
    state: c.state,
    subject: c.subject,
    preview: latest ? previewOf(latest.text) : '',
    mailboxId: c.mailboxId,
    createdBy: starter ? userRef(starter) : primary,
    createdAt: isoSeconds(c.createdAt),
    closedBy: closer?.id ?? 0,
    closedByUser: closer ? userRef(closer) : NOBODY,
    userUpdatedAt: isoSeconds(store.userUpdatedAt(c)),
    customerWaitingSince: { time: isoSeconds(waiting.time), friendly: friendly(Math.max(0, now - waiting.time)), latestReplyFrom: waiting.latestReplyFrom },
    source: { type: c.type === 'email' ? 'email' : c.type === 'chat' ? 'chat' : 'manual', via: starter ? 'user' : 'customer' },
    tags: c.tags.map(tagJson),
    cc: [...c.cc],
    bcc: [],
    primaryCustomer: primary,
    customFields: [],
    _links: links,
  };
  if (assignee) json.assignee = userRef(assignee);
  if (c.closedAt !== null) json.closedAt = isoSeconds(c.closedAt);
  if (options.embedThreads) json._embedded = { threads: threadsNewestFirst(c).map((t) => threadJson(ctx, c, t, options.truncateChat === true)) };
  return json;
}

/** A conversation as a broken upstream record might arrive: wrong types where the connector expects others. */
export function malformed(json: HelpScoutConversation): Record<string, unknown> {
  return { ...json, status: null, createdAt: 'yesterday', primaryCustomer: 'unknown', tags: 'P1', threads: -1 };
}

export function customerJson(ctx: SerializeContext, c: CustomerRecord): HelpScoutCustomer {
  const { store, baseUrl } = ctx;
  const org = c.organizationId === null ? undefined : store.organizations.get(c.organizationId);
  let conversationCount = 0;
  for (const conv of store.conversations.values()) if (conv.customerId === c.id && conv.state !== 'deleted') conversationCount++;
  const self = `${baseUrl}/v2/customers/${c.id}`;
  const city = c.timeZone.iana.split('/').pop()?.replaceAll('_', ' ') ?? '';
  const json: HelpScoutCustomer = {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    gender: 'unknown',
    jobTitle: c.jobTitle,
    location: city,
    organization: org?.name ?? '',
    ...(org ? { organizationId: org.id } : {}),
    photoType: 'unknown',
    photoUrl: '',
    age: '',
    conversationCount,
    createdAt: isoSeconds(c.createdAt),
    updatedAt: isoSeconds(c.updatedAt),
    background: '',
    draft: false,
    _embedded: {
      emails: [{ id: c.id * 10 + 1, value: c.email, type: 'work' }],
      phones: [],
      chats: [],
      social_profiles: [],
      websites: org ? [{ id: c.id * 10 + 2, value: `https://www.${org.domain}` }] : [],
      properties: [],
      address: { city, lines: [] },
    },
    _links: {
      address: href(`${self}/address`),
      chats: href(`${self}/chats`),
      emails: href(`${self}/emails`),
      phones: href(`${self}/phones`),
      'social-profiles': href(`${self}/social-profiles`),
      websites: href(`${self}/websites`),
      self: href(self),
    },
  };
  return json;
}

/**
 * Organization properties hold what the support team needs about the customer account: the plan (a dropdown of
 * Free, Starter, Growth, Enterprise), the API product's customer id, the API key prefix and the time zone.
 */
export function organizationProperties(o: OrganizationRecord): OrganizationProperty[] {
  return [
    { definitionId: 1001, slug: 'plan', name: 'Plan', type: 'dropdown', value: PLAN_LABELS[o.plan], options: Object.values(PLAN_LABELS).map((label) => ({ label })) },
    { definitionId: 1002, slug: 'customer-id', name: 'Customer ID', type: 'text', value: o.customerId },
    { definitionId: 1003, slug: 'api-key-prefix', name: 'API key prefix', type: 'text', value: o.apiKeyPrefix },
    { definitionId: 1004, slug: 'timezone', name: 'Time zone', type: 'text', value: o.timeZone.iana },
  ];
}

export function organizationJson(ctx: SerializeContext, o: OrganizationRecord, options: { includeCounts: boolean; includeProperties: boolean }): HelpScoutOrganization {
  const { store, baseUrl } = ctx;
  const json: HelpScoutOrganization = {
    id: o.id,
    name: o.name,
    website: `www.${o.domain}`,
    description: '',
    location: o.timeZone.iana.split('/').pop()?.replaceAll('_', ' ') ?? '',
    logoUrl: '',
    note: '',
    domains: [o.domain],
    phones: [],
    brandColor: o.brandColor,
    createdAt: isoSeconds(o.createdAt),
    updatedAt: isoSeconds(o.updatedAt),
    _links: { self: href(`${baseUrl}/v2/organizations/${o.id}`) },
  };
  if (options.includeCounts) {
    let customerCount = 0;
    for (const c of store.customers.values()) if (c.organizationId === o.id) customerCount++;
    let conversationCount = 0;
    for (const conv of store.conversations.values()) {
      if (conv.state !== 'deleted' && store.customers.get(conv.customerId)?.organizationId === o.id) conversationCount++;
    }
    json.customerCount = customerCount;
    json.conversationCount = conversationCount;
  }
  if (options.includeProperties) json.properties = organizationProperties(o);
  return json;
}

export function userJson(baseUrl: string, u: UserRecord): HelpScoutUser {
  return {
    id: u.id,
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    role: u.role,
    timezone: u.timeZone,
    photoUrl: '',
    jobTitle: u.role === 'user' ? 'Support Engineer' : 'Support Lead',
    phone: '',
    alternateEmails: [],
    mention: u.firstName.toLowerCase(),
    initials: `${u.firstName[0] ?? ''}${u.lastName[0] ?? ''}`,
    type: 'user',
    createdAt: isoSeconds(u.createdAt),
    updatedAt: isoSeconds(u.updatedAt),
    _links: { self: href(`${baseUrl}/v2/users/${u.id}`) },
  };
}

export function mailboxJson(baseUrl: string, m: MailboxRecord): HelpScoutMailbox {
  const self = `${baseUrl}/v2/mailboxes/${m.id}`;
  return {
    id: m.id,
    name: m.name,
    slug: m.slug,
    email: m.email,
    createdAt: isoSeconds(m.createdAt),
    updatedAt: isoSeconds(m.updatedAt),
    _links: { fields: href(`${self}/fields`), folders: href(`${self}/folders`), self: href(self) },
  };
}

export interface PageRequest {
  baseUrl: string;
  path: string;
  /** The request's query without `page`; carried into every link. */
  query: URLSearchParams;
  page: number;
  size: number;
}

/**
 * A HAL page of `items` (already sliced to the page): `_embedded` is absent when the page is empty, `next` absent on
 * the last page and `previous` on the first, as Help Scout answers.
 */
export function halPage<K extends string, T>(key: K, items: T[], totalElements: number, req: PageRequest): HalPage<K, T> {
  const totalPages = Math.ceil(totalElements / req.size);
  const url = (page: number): string => {
    const q = new URLSearchParams(req.query);
    q.set('page', String(page));
    return `${req.baseUrl}${req.path}?${q.toString()}`;
  };
  const rest = req.query.toString();
  const links: HalLinks = {
    self: href(url(req.page)),
    first: href(url(1)),
    last: href(url(Math.max(1, totalPages))),
    page: { href: `${req.baseUrl}${req.path}${rest ? `?${rest}{&page}` : '{?page}'}`, templated: true },
  };
  if (req.page < totalPages) links['next'] = href(url(req.page + 1));
  if (req.page > 1) links['previous'] = href(url(req.page - 1));
  const body: HalPage<K, T> = { _links: links, page: { size: req.size, totalElements, totalPages, number: req.page } };
  if (items.length > 0) body._embedded = { [key]: items } as Record<K, T[]>;
  return body;
}

