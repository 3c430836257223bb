/**
 * The Intercom simulator's state: the workspace, the conversations, and the changes the API writes, the control
 * routes and the activity timer apply. Every change appends a part and bumps updated_at, as in Intercom.
 */

import { GENERIC_FOLLOW_UPS, requestId, TEMPLATE_WEIGHTS } from '../zendesk/catalog.ts';
import { createRng, mixSeed, type Rng } from '../zendesk/prng.ts';
import { pickPriority } from '../zendesk/seed.ts';
import { FIRST_CONVERSATION_ID, generateConversations, generateWorkspace, levelOf, TEAM_L1, type Workspace } from './seed.ts';
import { buildConversation, htmlFromPlain, tagId, tagsFor } from './thread.ts';
import type {
  AdminRecord,
  AssigneeRef,
  AuthorRef,
  ContactRecord,
  ConversationRecord,
  ConversationState,
  PartRecord,
  PriorityLevel,
  SourceType,
  TagRecord,
} from './types.ts';

export const PRIORITY_LEVELS: readonly PriorityLevel[] = ['none', 'low', 'medium', 'high', 'urgent'];
export const STATES: readonly ConversationState[] = ['open', 'closed', 'snoozed'];
/** Identifies parts written through the REST API (Intercom records the app that wrote them). */
export const APP_PACKAGE_CODE = 'triage-desk';

/** A caller's mistake: the API answers it as an Intercom error.list, the control routes as JSON. */
export class RequestError extends Error {
  readonly status: number;
  readonly code: string;
  /** The request field at fault, when there is one (Intercom's error objects carry it). */
  field: string | undefined;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'RequestError';
    this.status = status;
    this.code = code;
    this.field = undefined;
  }
}

export interface NewConversationInput {
  subject?: string;
  /** HTML when it starts with `<`, plain text otherwise. */
  body?: string;
  contactId?: string;
  channel?: SourceType;
  priority?: PriorityLevel;
  tags?: string[];
}

export interface ConversationPatch {
  state?: ConversationState;
  /** Epoch seconds; needed with state snoozed. */
  snoozedUntil?: number;
  priority?: PriorityLevel;
  /** An admin id, or 0 for nobody. */
  adminAssigneeId?: number;
  /** A team id, or 0 for none. */
  teamAssigneeId?: number;
  tags?: string[];
  title?: string | null;
  read?: boolean;
}

export interface StoreOptions {
  seed: number;
  companies: number;
  conversations: number;
  now: () => number;
}

function asHtml(text: string): string {
  return text.trimStart().startsWith('<') ? text : htmlFromPlain(text);
}

export class ConversationStore {
  readonly workspace: Workspace;
  readonly conversations = new Map<string, ConversationRecord>();
  /** Drives everything after the seed: new conversations, replies, activity. */
  readonly rng: Rng;
  readonly #seed: number;
  readonly #now: () => number;
  #nextConversationId: number;
  #nextPartId = 31_000_000_001;
  #version = 0;
  /** Tags created through POST /tags or taken off a conversation (the workspace keeps them); the rest are on conversations. */
  readonly #keptTags = new Map<string, { id: string; name: string }>();
  #ordered = new Map<string, { version: number; list: ConversationRecord[] }>();

  constructor(options: StoreOptions) {
    this.#seed = options.seed;
    this.#now = options.now;
    const now = options.now();
    this.workspace = generateWorkspace({ seed: options.seed, companies: options.companies, now });
    const seeded = generateConversations({ seed: options.seed, now, workspace: this.workspace, nextPartId: () => this.#partId() }, Math.max(0, options.conversations));
    for (const c of seeded) this.conversations.set(c.id, c);
    this.#nextConversationId = FIRST_CONVERSATION_ID + seeded.length;
    this.rng = createRng(mixSeed(options.seed, 0xac71));
  }

  get meId(): string {
    return this.workspace.meId;
  }

  /** Bumped by every change; caches of sorted conversations follow it. */
  get version(): number {
    return this.#version;
  }

  now(): number {
    return this.#now();
  }

  admin(id: string): AdminRecord | undefined {
    return this.workspace.admins.find((a) => a.id === id);
  }

  /** A conversation that has not been deleted, or a 404. */
  live(id: string): ConversationRecord {
    const c = this.conversations.get(id);
    if (!c || c.deletedAt !== null) throw new RequestError(404, 'not_found', 'Resource Not Found');
    return c;
  }

  /** Live conversations sorted by a key (ties by id), cached until the next change. */
  ordered(key: string, sortKey: (c: ConversationRecord) => number, descending: boolean): ConversationRecord[] {
    const cacheKey = `${key}:${descending ? 'desc' : 'asc'}`;
    const cached = this.#ordered.get(cacheKey);
    if (cached?.version === this.#version) return cached.list;
    const list = [...this.conversations.values()].filter((c) => c.deletedAt === null);
    const sign = descending ? -1 : 1;
    list.sort((a, b) => sign * (sortKey(a) - sortKey(b) || Number(a.id) - Number(b.id)));
    this.#ordered.set(cacheKey, { version: this.#version, list });
    return list;
  }

  deleted(): ConversationRecord[] {
    return [...this.conversations.values()].filter((c) => c.deletedAt !== null);
  }

  addConversation(input: NewConversationInput = {}): ConversationRecord {
    const rng = this.rng;
    const now = this.#now();
    let contact: ContactRecord | undefined;
    if (input.contactId !== undefined) {
      contact = this.workspace.contacts.get(input.contactId);
      if (!contact) throw new RequestError(404, 'not_found', `contact ${input.contactId} not found`);
    } else {
      contact = this.workspace.contacts.get(rng.pick([...this.workspace.contacts.keys()]));
    }
    const company = contact ? this.workspace.companies.get(contact.companyId) : undefined;
    if (!contact || !company) throw new RequestError(422, 'parameter_invalid', 'the workspace has no contact to file the conversation under');
    if (input.priority !== undefined && !PRIORITY_LEVELS.includes(input.priority)) {
      throw new RequestError(422, 'parameter_invalid', `priority must be one of ${PRIORITY_LEVELS.join(', ')}`);
    }
    const idNumber = this.#nextConversationId++;
    const templateId = rng.weighted(TEMPLATE_WEIGHTS);
    const level = input.priority ?? levelOf(pickPriority(rng, templateId));
    const conversation = buildConversation(
      {
        id: String(idNumber),
        threadSeed: mixSeed(this.#seed, idNumber, 0x11fe),
        templateId,
        company,
        contact,
        createdAt: now,
        lastAt: now,
        shape: '',
        channel: input.channel ?? (templateId === 'forwarded_html' || rng.chance(0.7) ? 'email' : 'conversation'),
        level,
        previousLevel: level,
        assigneeId: this.meId,
        assignerId: this.meId,
        teamId: TEAM_L1.id,
        snoozedUntil: now,
        rated: false,
        ...(input.subject !== undefined ? { subject: input.subject } : {}),
        ...(input.body !== undefined ? { bodyHtml: asHtml(input.body) } : {}),
        ...(input.tags !== undefined ? { tags: input.tags } : {}),
      },
      this.workspace,
      () => this.#partId(),
    );
    this.conversations.set(conversation.id, conversation);
    this.#version++;
    return conversation;
  }

  /** The customer writes again: reopens a closed conversation and wakes a snoozed one, as in Intercom. */
  addCustomerReply(id: string, body?: string): PartRecord {
    const c = this.live(id);
    const contact = this.workspace.contacts.get(c.contactId);
    const first = contact?.name.split(' ')[0] ?? '';
    const text = body ?? `${this.rng.pick(GENERIC_FOLLOW_UPS).replace('REQ', requestId(this.rng))}${first ? `\n\n${first}` : ''}`;
    const wasClosed = c.state === 'closed';
    this.#setState(c, 'open');
    c.read = false;
    return this.#append(c, wasClosed ? 'open' : 'comment', { kind: 'contact', id: c.contactId }, asHtml(text));
  }

  /** POST /conversations/{id}/reply by an admin: a public reply or an internal note. */
  adminReply(id: string, adminId: string, messageType: 'comment' | 'note' | 'quick_reply', body: string | null): PartRecord {
    const c = this.live(id);
    this.#requireAdmin(adminId);
    c.read = true;
    return this.#append(c, messageType, { kind: 'admin', id: adminId }, body === null ? null : asHtml(body), APP_PACKAGE_CODE);
  }

  /** POST /conversations/{id}/reply on behalf of the customer. */
  contactReply(id: string, contactId: string, body: string): PartRecord {
    const c = this.live(id);
    if (c.contactId !== contactId) throw new RequestError(404, 'not_found', 'User Not Found');
    const part = this.addCustomerReply(id, body);
    part.appPackageCode = APP_PACKAGE_CODE;
    return part;
  }

  close(id: string, adminId: string, body: string | null): PartRecord {
    const c = this.live(id);
    this.#requireAdmin(adminId);
    this.#setState(c, 'closed');
    return this.#append(c, 'close', { kind: 'admin', id: adminId }, body === null ? null : asHtml(body), APP_PACKAGE_CODE);
  }

  /** Opens a closed conversation, or wakes a snoozed one (an `unsnoozed` part). */
  open(id: string, adminId: string): PartRecord {
    const c = this.live(id);
    this.#requireAdmin(adminId);
    const partType = c.state === 'snoozed' ? 'unsnoozed' : 'open';
    this.#setState(c, 'open');
    return this.#append(c, partType, { kind: 'admin', id: adminId }, null, APP_PACKAGE_CODE);
  }

  snooze(id: string, adminId: string, untilSeconds: number): PartRecord {
    const c = this.live(id);
    this.#requireAdmin(adminId);
    if (!Number.isSafeInteger(untilSeconds) || untilSeconds * 1000 <= this.#now()) {
      throw new RequestError(400, 'parameter_invalid', 'snoozed_until must be a future Unix timestamp');
    }
    this.#setState(c, 'snoozed', untilSeconds * 1000);
    return this.#append(c, 'snoozed', { kind: 'admin', id: adminId }, null, APP_PACKAGE_CODE);
  }

  /** Assigns to an admin ("0" for nobody) or a team; reopens or wakes the conversation, as Intercom's part types say. */
  assign(id: string, adminId: string, assigneeType: 'admin' | 'team', assigneeId: string, body: string | null): PartRecord {
    const c = this.live(id);
    this.#requireAdmin(adminId);
    let assignedTo: AssigneeRef;
    if (assigneeType === 'team') {
      const team = this.workspace.teams.find((t) => String(t.id) === assigneeId);
      if (!team) throw new RequestError(404, 'team_not_found', 'Team not found');
      c.teamAssigneeId = team.id;
      assignedTo = { type: 'team', id: String(team.id) };
    } else if (assigneeId === '0') {
      c.adminAssigneeId = 0;
      assignedTo = { type: 'nobody_admin', id: null };
    } else {
      if (!this.admin(assigneeId)) throw new RequestError(404, 'assignee_not_found', 'Assignee not found');
      c.adminAssigneeId = Number(assigneeId);
      assignedTo = { type: 'admin', id: assigneeId };
    }
    const partType = c.state === 'closed' ? 'assign_and_reopen' : c.state === 'snoozed' ? 'assign_and_unsnooze' : 'assignment';
    this.#setState(c, 'open');
    const part = this.#append(c, partType, { kind: 'admin', id: adminId }, body === null ? null : asHtml(body), APP_PACKAGE_CODE);
    part.assignedTo = assignedTo;
    return part;
  }

  /** Sets the priority; a change leaves a conversation_attribute_updated_by_admin part, as the inbox does. */
  setPriority(id: string, adminId: string, priority: PriorityLevel): void {
    const c = this.live(id);
    this.#requireAdmin(adminId);
    if (!PRIORITY_LEVELS.includes(priority)) throw new RequestError(422, 'parameter_invalid', `priority must be one of ${PRIORITY_LEVELS.join(', ')}`);
    if (priority === c.priority) return;
    const previous = c.priority;
    c.priority = priority;
    this.#append(c, 'conversation_attribute_updated_by_admin', { kind: 'admin', id: adminId }, null).eventDetails = {
      attribute: { name: 'priority' },
      value: { name: priority, previous },
    };
  }

  /** The workspace's tags: those on any conversation and those created through the API, by id. */
  tags(): { id: string; name: string }[] {
    const byId = new Map<string, { id: string; name: string }>();
    for (const c of this.conversations.values()) for (const t of c.tags) byId.set(t.id, { id: t.id, name: t.name });
    for (const t of this.#keptTags.values()) byId.set(t.id, t);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** POST /tags {name}: the tag of that name (names are case-insensitive), created when the workspace has none. */
  findOrCreateTag(name: string): { id: string; name: string } {
    const existing = this.tags().find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (existing) return existing;
    const tag = { id: tagId(name), name };
    this.#keptTags.set(tag.id, tag);
    return tag;
  }

  /** POST /conversations/{id}/tags: applies a workspace tag by id (again is a no-op). */
  tagConversation(id: string, adminId: string, tagIdToApply: string): TagRecord {
    const c = this.live(id);
    this.#requireAdmin(adminId);
    const tag = this.tags().find((t) => t.id === tagIdToApply);
    if (!tag) throw new RequestError(404, 'tag_not_found', 'Tag not found');
    let applied = c.tags.find((t) => t.id === tag.id);
    if (!applied) {
      applied = { id: tag.id, name: tag.name, appliedAt: this.#now(), appliedBy: adminId };
      c.tags = [...c.tags, applied].sort((a, b) => a.name.localeCompare(b.name));
      this.#touch(c);
    }
    return applied;
  }

  /** DELETE /conversations/{id}/tags/{tag_id}: removes it (a tag the conversation does not carry: nothing changes). */
  untagConversation(id: string, adminId: string, tagIdToRemove: string): { id: string; name: string } {
    const c = this.live(id);
    this.#requireAdmin(adminId);
    const tag = this.tags().find((t) => t.id === tagIdToRemove);
    if (!tag) throw new RequestError(404, 'tag_not_found', 'Tag not found');
    if (c.tags.some((t) => t.id === tag.id)) {
      this.#keptTags.set(tag.id, tag);
      c.tags = c.tags.filter((t) => t.id !== tag.id);
      this.#touch(c);
    }
    return tag;
  }

  /** A teammate's changes in the Intercom inbox (tests and the control routes): each change leaves its part. */
  updateConversation(id: string, patch: ConversationPatch): ConversationRecord {
    const c = this.live(id);
    const me = this.meId;
    if (patch.priority !== undefined) this.setPriority(id, me, patch.priority);
    if (patch.adminAssigneeId !== undefined) this.assign(id, me, 'admin', String(patch.adminAssigneeId), null);
    if (patch.teamAssigneeId !== undefined) {
      if (patch.teamAssigneeId === 0) c.teamAssigneeId = 0;
      else this.assign(id, me, 'team', String(patch.teamAssigneeId), null);
    }
    if (patch.state !== undefined && patch.state !== c.state) {
      if (patch.state === 'closed') this.close(id, me, null);
      else if (patch.state === 'open') this.open(id, me);
      else if (patch.state === 'snoozed') this.snooze(id, me, patch.snoozedUntil ?? Math.floor(this.#now() / 1000) + 3600);
      else throw new RequestError(422, 'parameter_invalid', `state must be one of ${STATES.join(', ')}`);
    }
    if (patch.tags !== undefined) c.tags = tagsFor(patch.tags, this.#now(), me);
    if (patch.title !== undefined) c.title = patch.title;
    if (patch.read !== undefined) c.read = patch.read;
    this.#touch(c);
    return c;
  }

  deleteConversation(id: string): void {
    const c = this.live(id);
    c.deletedAt = this.#now();
    this.#version++;
  }

  /** Conversations a customer could still write to (open or snoozed). */
  activeConversationIds(): string[] {
    const ids: string[] = [];
    for (const c of this.conversations.values()) if (c.deletedAt === null && c.state !== 'closed') ids.push(c.id);
    return ids;
  }

  #partId(): string {
    return String(this.#nextPartId++);
  }

  #requireAdmin(adminId: string): void {
    if (!this.admin(adminId)) throw new RequestError(404, 'admin_not_found', 'Admin for admin_id not found');
  }

  #setState(c: ConversationRecord, state: ConversationState, snoozedUntil: number | null = null): void {
    c.state = state;
    c.snoozedUntil = state === 'snoozed' ? snoozedUntil : null;
  }

  #append(c: ConversationRecord, partType: string, author: AuthorRef, body: string | null, appPackageCode: string | null = null): PartRecord {
    const last = c.parts[c.parts.length - 1];
    const part: PartRecord = {
      id: this.#partId(),
      partType,
      body,
      createdAt: Math.max(this.#now(), last?.createdAt ?? c.createdAt),
      author,
      assignedTo: null,
      state: c.state,
      eventDetails: null,
      metadata: {},
      appPackageCode,
    };
    c.parts.push(part);
    this.#touch(c);
    return part;
  }

  #touch(c: ConversationRecord): void {
    c.updatedAt = Math.max(c.updatedAt, this.#now());
    this.#version++;
  }
}
