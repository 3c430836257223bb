/**
 * The simulator's state: organizations, customers, users, mailboxes and conversations; the changes the API, the
 * tests and the activity timer make; and the list query behind GET /v2/conversations.
 *
 * Every change stamps the conversation's modifiedAt with the injected clock and a change sequence (so changes within
 * one millisecond keep their order). Lists are computed afresh from the current state on each request and paged by
 * offset, as Help Scout pages: a conversation that changes while a client pages moves, and the rows after it shift.
 */

import { GENERIC_FOLLOW_UPS, requestId, TEMPLATE_WEIGHTS } from '../zendesk/catalog.ts';
import { createRng, mixSeed, type Rng } from '../zendesk/prng.ts';
import { toMailHtml, toPlain } from '../zendesk/text.ts';
import { BILLING_TEMPLATES, composeConversation, conversationTags, pickSeverity } from './content.ts';
import { conversationIdAt, FIRST_NUMBER, generateWorld } from './seed.ts';
import { addAgentMessage, addCustomerThread, addLineItem, addNote, fullName, statusLineText, THREAD_LIMIT } from './threads.ts';
import type {
  ConversationRecord,
  ConversationStatus,
  ConversationType,
  CustomerRecord,
  MailboxRecord,
  OrganizationRecord,
  ThreadRecord,
  UserRecord,
} from './types.ts';

export const CONVERSATION_STATUSES: readonly ConversationStatus[] = ['active', 'pending', 'closed', 'spam'];

/** A mistake in a caller's input: the API answers it as a vnd.error with this status. */
export class SimulatorInputError extends Error {
  readonly status: 400 | 404 | 412;
  /** The request field at fault, for the error's _embedded.errors[].path. */
  readonly path: string | null;
  readonly rejectedValue: unknown;
  constructor(status: 400 | 404 | 412, message: string, path: string | null = null, rejectedValue?: unknown) {
    super(message);
    this.name = 'SimulatorInputError';
    this.status = status;
    this.path = path;
    this.rejectedValue = rejectedValue;
  }
}

export interface NewConversationInput {
  subject?: string;
  /** The customer's first message (plain text); default: written from a template. */
  text?: string;
  customerId?: number;
  organizationId?: number;
  status?: ConversationStatus;
  tags?: string[];
  mailboxId?: number;
  type?: ConversationType;
}

export interface ConversationPatch {
  status?: ConversationStatus;
  assigneeId?: number | null;
  subject?: string;
  tags?: string[];
  mailboxId?: number;
  customerId?: number;
}

export interface AgentThreadInput {
  userId: number;
  text: string;
  /** The conversation status after the thread; an agent reply without one reactivates the conversation. */
  status?: ConversationStatus;
  draft?: boolean;
  assignTo?: number;
}

export type SortField = 'createdAt' | 'customerEmail' | 'customerName' | 'mailboxid' | 'modifiedAt' | 'number' | 'score' | 'status' | 'subject' | 'waitingSince';
export const SORT_FIELDS: readonly SortField[] = ['createdAt', 'customerEmail', 'customerName', 'mailboxid', 'modifiedAt', 'number', 'score', 'status', 'subject', 'waitingSince'];

export interface ListQuery {
  statuses: readonly ConversationStatus[];
  mailboxIds: readonly number[] | null;
  /** Lower-cased; a conversation matches when it carries any of them. */
  tags: readonly string[] | null;
  assignedTo: number | null;
  number: number | null;
  folderId: number | null;
  /** Epoch ms: conversations modified strictly after it. */
  modifiedSince: number | null;
  sortField: SortField;
  sortOrder: 'asc' | 'desc';
}

export interface StoreOptions {
  seed: number;
  organizations: number;
  conversations: number;
  mailboxes: number;
  meEmail: string;
  now: () => number;
}

export class ConversationStore {
  readonly organizations: Map<number, OrganizationRecord>;
  readonly customers: Map<number, CustomerRecord>;
  readonly users: Map<number, UserRecord>;
  readonly mailboxes: readonly MailboxRecord[];
  readonly conversations = new Map<number, ConversationRecord>();
  readonly meId: number;
  /** Drives everything after the seed: new conversations, replies, activity. */
  readonly rng: Rng;
  readonly #customersByOrganization: Map<number, number[]>;
  readonly #organizationIds: number[];
  readonly #seed: number;
  readonly #now: () => number;
  #nextIndex: number;
  #seq = 0;
  #version = 0;
  #listCache: { key: string; version: number; ids: number[] } | null = null;
  #replyNext = false;

  constructor(options: StoreOptions) {
    this.#seed = options.seed;
    this.#now = options.now;
    const world = generateWorld({
      seed: options.seed,
      organizations: options.organizations,
      conversations: options.conversations,
      mailboxes: options.mailboxes,
      now: options.now(),
      meEmail: options.meEmail,
    });
    this.organizations = world.organizations;
    this.customers = world.customers;
    this.users = world.users;
    this.mailboxes = world.mailboxes;
    this.meId = world.meId;
    this.#customersByOrganization = world.customersByOrganization;
    this.#organizationIds = [...world.organizations.keys()];
    this.rng = createRng(mixSeed(options.seed, 0xac71));
    const byModification = [...world.conversations].sort((a, b) => a.modifiedAt - b.modifiedAt || a.id - b.id);
    for (const c of world.conversations) this.conversations.set(c.id, c);
    for (const c of byModification) c.seq = ++this.#seq;
    this.#nextIndex = world.conversations.length;
  }

  now(): number {
    return this.#now();
  }

  /** Bumped by every change; list results are cached per version. */
  get version(): number {
    return this.#version;
  }

  /** A conversation that exists and is not deleted, or a 404. */
  liveConversation(id: number): ConversationRecord {
    const c = this.conversations.get(id);
    if (!c || c.state === 'deleted') throw new SimulatorInputError(404, `conversation ${id} not found`);
    return c;
  }

  user(id: number, path = 'user'): UserRecord {
    const u = this.users.get(id);
    if (!u) throw new SimulatorInputError(400, `user ${id} does not exist`, path, id);
    return u;
  }

  mailbox(id: number): MailboxRecord | undefined {
    return this.mailboxes.find((m) => m.id === id);
  }

  addConversation(input: NewConversationInput = {}): ConversationRecord {
    const rng = this.rng;
    const now = this.#now();
    let customer: CustomerRecord | undefined;
    if (input.customerId !== undefined) {
      customer = this.customers.get(input.customerId);
      if (!customer) throw new SimulatorInputError(400, `customer ${input.customerId} does not exist`, 'customerId', input.customerId);
    }
    let organization: OrganizationRecord | undefined;
    if (input.organizationId !== undefined) {
      organization = this.organizations.get(input.organizationId);
      if (!organization) throw new SimulatorInputError(400, `organization ${input.organizationId} does not exist`, 'organizationId', input.organizationId);
    } else if (customer) {
      organization = customer.organizationId === null ? undefined : this.organizations.get(customer.organizationId);
    } else {
      organization = this.organizations.get(rng.pick(this.#organizationIds));
    }
    if (!customer) {
      const candidates = this.#customersByOrganization.get(organization?.id ?? -1) ?? [];
      customer = candidates.length > 0 ? this.customers.get(rng.pick(candidates)) : undefined;
      if (!customer) throw new SimulatorInputError(400, 'no customer to write the conversation', 'customerId');
    }
    const mailbox = input.mailboxId === undefined ? undefined : this.mailbox(input.mailboxId);
    if (input.mailboxId !== undefined && !mailbox) throw new SimulatorInputError(400, `mailbox ${input.mailboxId} does not exist`, 'mailboxId', input.mailboxId);
    const status = input.status ?? 'active';
    const index = this.#nextIndex++;
    const id = conversationIdAt(index);
    const threadSeed = mixSeed(this.#seed, id, 0x11fe);
    const templateId = rng.weighted(TEMPLATE_WEIGHTS);
    const { composed } = composeConversation(threadSeed, templateId, organization, customer, now);
    const chosenMailbox = mailbox ?? (BILLING_TEMPLATES.has(templateId) ? this.mailboxes[1] : undefined) ?? this.mailboxes[0];
    if (!chosenMailbox) throw new SimulatorInputError(400, 'no mailbox', 'mailboxId');
    const conversation: ConversationRecord = {
      id,
      number: FIRST_NUMBER + index,
      type: input.type ?? (templateId === 'forwarded_html' || rng.chance(0.9) ? 'email' : 'chat'),
      mailboxId: chosenMailbox.id,
      status,
      state: 'published',
      subject: input.subject ?? composed.subject,
      customerId: customer.id,
      assigneeId: null,
      tags: input.tags ? uniqueTags(input.tags) : conversationTags(rng, composed, pickSeverity(rng, templateId)),
      cc: [],
      createdAt: now,
      closedAt: null,
      closedBy: null,
      modifiedAt: now,
      seq: 0,
      threads: [],
    };
    if (input.text !== undefined) {
      addCustomerThread({ conversation, createdAt: now, text: input.text, mailboxEmail: chosenMailbox.email });
    } else {
      addCustomerThread({ conversation, createdAt: now, text: toPlain(composed.blocks), html: toMailHtml(composed.blocks), mailboxEmail: chosenMailbox.email });
    }
    if (status !== 'active') this.#statusLine(conversation, status, this.#me(), now);
    this.conversations.set(id, conversation);
    this.#touch(conversation, now);
    return conversation;
  }

  /** The customer writes again: a customer thread that reactivates the conversation (spam stays spam). */
  addCustomerReply(conversationId: number, text?: string): ThreadRecord {
    const c = this.liveConversation(conversationId);
    this.#checkThreadLimit(c);
    const customer = this.customers.get(c.customerId);
    const now = this.#now();
    const body = text ?? this.#followUpText(customer);
    const mailbox = this.mailbox(c.mailboxId);
    const thread = addCustomerThread({ conversation: c, createdAt: this.#threadTime(c, now), text: body, mailboxEmail: mailbox?.email ?? '' });
    if (c.status !== 'spam') this.#setStatus(c, 'active', null);
    this.#touch(c, now);
    return thread;
  }

  /** An agent's reply (POST /v2/conversations/{id}/reply). */
  reply(conversationId: number, input: AgentThreadInput): ThreadRecord {
    const c = this.liveConversation(conversationId);
    this.#checkThreadLimit(c);
    const user = this.user(input.userId);
    const customer = this.customers.get(c.customerId);
    const now = this.#now();
    const status = input.status ?? 'active';
    const thread = addAgentMessage({
      conversation: c,
      createdAt: this.#threadTime(c, now),
      user,
      text: input.text,
      status: input.draft ? 'nochange' : status === c.status ? 'nochange' : status,
      customerEmail: customer?.email ?? '',
      draft: input.draft === true,
    });
    if (!input.draft) {
      if (input.assignTo !== undefined) c.assigneeId = this.user(input.assignTo, 'assignTo').id;
      this.#setStatus(c, status, user);
    }
    this.#touch(c, now);
    return thread;
  }

  /** An internal note (POST /v2/conversations/{id}/notes); it changes the status only when asked. */
  addNote(conversationId: number, input: AgentThreadInput): ThreadRecord {
    const c = this.liveConversation(conversationId);
    this.#checkThreadLimit(c);
    const user = this.user(input.userId);
    const now = this.#now();
    const thread = addNote({
      conversation: c,
      createdAt: this.#threadTime(c, now),
      user,
      text: input.text,
      status: input.status === undefined || input.status === c.status ? 'nochange' : input.status,
    });
    if (input.status !== undefined) this.#setStatus(c, input.status, user);
    this.#touch(c, now);
    return thread;
  }

  /** Changes fields as an agent does in the UI; status and assignee changes leave line items. */
  updateConversation(conversationId: number, patch: ConversationPatch, byUserId = this.meId): ConversationRecord {
    const c = this.liveConversation(conversationId);
    const user = this.user(byUserId);
    const now = this.#now();
    if (patch.mailboxId !== undefined && !this.mailbox(patch.mailboxId)) {
      throw new SimulatorInputError(400, `mailbox ${patch.mailboxId} does not exist`, 'mailboxId', patch.mailboxId);
    }
    if (patch.customerId !== undefined && !this.customers.has(patch.customerId)) {
      throw new SimulatorInputError(400, `customer ${patch.customerId} does not exist`, 'primaryCustomer.id', patch.customerId);
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== null) this.user(patch.assigneeId, 'assignTo');
    if (patch.subject !== undefined) c.subject = patch.subject;
    if (patch.tags !== undefined) c.tags = uniqueTags(patch.tags);
    if (patch.mailboxId !== undefined) c.mailboxId = patch.mailboxId;
    if (patch.customerId !== undefined) c.customerId = patch.customerId;
    if (patch.assigneeId !== undefined && patch.assigneeId !== c.assigneeId) {
      c.assigneeId = patch.assigneeId;
      const assignee = patch.assigneeId === null ? null : this.users.get(patch.assigneeId);
      addLineItem({ conversation: c, createdAt: this.#threadTime(c, now), user, status: 'nochange', text: assignee ? `Assigned to ${fullName(assignee)}` : 'Unassigned' });
    }
    if (patch.status !== undefined && patch.status !== c.status) this.#statusLine(c, patch.status, user, now);
    this.#touch(c, now);
    return c;
  }

  markSpam(conversationId: number): void {
    this.updateConversation(conversationId, { status: 'spam' });
  }

  /** Deletes the conversation: it leaves every list and its id answers 404, as Help Scout's trash does. */
  deleteConversation(conversationId: number): void {
    const c = this.liveConversation(conversationId);
    c.state = 'deleted';
    this.#touch(c, this.#now());
  }

  /** Conversations a customer would write again on (active or pending, below the thread limit). */
  openConversationIds(): number[] {
    const ids: number[] = [];
    for (const c of this.conversations.values()) {
      if (c.state === 'published' && (c.status === 'active' || c.status === 'pending') && c.threads.length < THREAD_LIMIT - 1) ids.push(c.id);
    }
    return ids;
  }

  /** One unit of simulated activity: alternately a new conversation and a customer reply on an open one. */
  stepActivity(): void {
    const open = this.#replyNext ? this.openConversationIds() : [];
    this.#replyNext = !this.#replyNext;
    if (open.length === 0) this.addConversation();
    else this.addCustomerReply(this.rng.pick(open));
  }

  /** Ids of the conversations a list request matches, in its order (cached until the next change). */
  list(query: ListQuery): number[] {
    const key = JSON.stringify(query);
    const cached = this.#listCache;
    if (cached && cached.key === key && cached.version === this.#version) return cached.ids;
    const tags = query.tags;
    const matches: ConversationRecord[] = [];
    for (const c of this.conversations.values()) {
      if (c.state !== 'published' || !query.statuses.includes(c.status)) continue;
      if (query.mailboxIds && !query.mailboxIds.includes(c.mailboxId)) continue;
      if (query.assignedTo !== null && c.assigneeId !== query.assignedTo) continue;
      if (query.number !== null && c.number !== query.number) continue;
      if (query.folderId !== null && this.folderId(c) !== query.folderId) continue;
      if (query.modifiedSince !== null && c.modifiedAt <= query.modifiedSince) continue;
      if (tags && !c.tags.some((t) => tags.includes(t.toLowerCase()))) continue;
      matches.push(c);
    }
    const compare = this.#comparator(query.sortField);
    const sign = query.sortOrder === 'asc' ? 1 : -1;
    matches.sort((a, b) => sign * (compare(a, b) || a.seq - b.seq || a.id - b.id));
    const ids = matches.map((c) => c.id);
    this.#listCache = { key, version: this.#version, ids };
    return ids;
  }

  /** The folder a conversation shows in: per mailbox, Unassigned, Mine, Assigned, Closed or Spam. */
  folderId(c: ConversationRecord): number {
    const base = c.mailboxId * 10;
    if (c.status === 'spam') return base + 5;
    if (c.status === 'closed') return base + 4;
    if (c.assigneeId === null) return base + 1;
    return c.assigneeId === this.meId ? base + 2 : base + 3;
  }

  /** When the customer started waiting, and who wrote last. */
  waiting(c: ConversationRecord): { time: number; latestReplyFrom: 'customer' | 'user' } {
    let lastAgent = -1;
    let firstCustomerAfter = -1;
    for (let i = c.threads.length - 1; i >= 0; i--) {
      const t = c.threads[i];
      if (!t || t.state !== 'published' || t.type === 'note' || t.type === 'lineitem') continue;
      if (t.userId === null) firstCustomerAfter = i;
      else {
        lastAgent = i;
        break;
      }
    }
    const customerThread = c.threads[firstCustomerAfter];
    if (customerThread) return { time: customerThread.createdAt, latestReplyFrom: 'customer' };
    return { time: c.threads[lastAgent]?.createdAt ?? c.createdAt, latestReplyFrom: 'user' };
  }

  /** The last time a user acted on it, or the customer's waiting time when no user acted since the customer wrote. */
  userUpdatedAt(c: ConversationRecord): number {
    let lastUser = -Infinity;
    let lastCustomer = -Infinity;
    for (const t of c.threads) {
      if (t.userId === null) lastCustomer = Math.max(lastCustomer, t.createdAt);
      else lastUser = Math.max(lastUser, t.createdAt);
    }
    return lastUser > lastCustomer ? lastUser : this.waiting(c).time;
  }

  #comparator(field: SortField): (a: ConversationRecord, b: ConversationRecord) => number {
    const customer = (c: ConversationRecord): CustomerRecord | undefined => this.customers.get(c.customerId);
    const text = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
    switch (field) {
      case 'modifiedAt':
        return (a, b) => a.modifiedAt - b.modifiedAt;
      case 'number':
        return (a, b) => a.number - b.number;
      case 'customerEmail':
        return (a, b) => text(customer(a)?.email ?? '', customer(b)?.email ?? '');
      case 'customerName':
        return (a, b) => text(fullName(customer(a) ?? { firstName: '', lastName: '' }), fullName(customer(b) ?? { firstName: '', lastName: '' }));
      case 'mailboxid':
        return (a, b) => a.mailboxId - b.mailboxId;
      case 'status':
        return (a, b) => text(a.status, b.status);
      case 'subject':
        return (a, b) => text(a.subject.toLowerCase(), b.subject.toLowerCase());
      case 'waitingSince':
        return (a, b) => this.waiting(a).time - this.waiting(b).time;
      // score is search relevance; without a query every match scores alike, so creation order decides.
      case 'score':
      case 'createdAt':
        return (a, b) => a.createdAt - b.createdAt;
    }
  }

  #me(): UserRecord {
    return this.user(this.meId);
  }

  #statusLine(c: ConversationRecord, status: ConversationStatus, user: UserRecord, now: number): void {
    addLineItem({ conversation: c, createdAt: this.#threadTime(c, now), user, status, text: statusLineText(status) });
    this.#setStatus(c, status, user);
  }

  #setStatus(c: ConversationRecord, status: ConversationStatus, user: UserRecord | null): void {
    if (status === 'closed' && c.status !== 'closed') {
      c.closedAt = this.#now();
      c.closedBy = user?.id ?? null;
    } else if (status !== 'closed') {
      c.closedAt = null;
      c.closedBy = null;
    }
    c.status = status;
  }

  #checkThreadLimit(c: ConversationRecord): void {
    if (c.threads.length >= THREAD_LIMIT - 1) {
      throw new SimulatorInputError(412, `conversation ${c.id} has reached the limit of ${THREAD_LIMIT} threads`);
    }
  }

  /** New threads never sort before existing ones, even when the injected clock goes back. */
  #threadTime(c: ConversationRecord, now: number): number {
    return Math.max(now, c.threads[c.threads.length - 1]?.createdAt ?? now);
  }

  #followUpText(customer: CustomerRecord | undefined): string {
    const text = this.rng.pick(GENERIC_FOLLOW_UPS).replace('REQ', requestId(this.rng));
    return customer ? `${text}\n\n${customer.firstName}` : text;
  }

  #touch(c: ConversationRecord, now: number): void {
    c.modifiedAt = Math.max(c.modifiedAt, now);
    c.seq = ++this.#seq;
    this.#version++;
  }
}

/** Tags as given, without exact duplicates (Help Scout keeps the case the agent typed). */
function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))];
}

export function isConversationStatus(s: string): s is ConversationStatus {
  return (CONVERSATION_STATUSES as readonly string[]).includes(s);
}
