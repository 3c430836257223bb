/**
 * The simulator's state: customers, users and tickets, the mutations tests and the activity timer apply, the
 * change log the incremental export reads, and each ticket's history (audits, see history.ts) with the timeline
 * of all audits the ticket events export reads.
 *
 * Every change to a ticket gives it a new change sequence number and moves it to the end of the export, like
 * Zendesk's generated_timestamp ordering. Sequence numbers are time-based (epoch microseconds, bumped by one
 * when the clock has not moved), so a cursor stays meaningful across simulator restarts, as Zendesk's do.
 */

import { RUNTIME_AUDIT_ID_BASE } from './audit-ids.ts';
import { AuditTimeline } from './audit-timeline.ts';
import { GENERIC_FOLLOW_UPS, TEMPLATE_WEIGHTS, requestId, templateById } from './catalog.ts';
import { customStatus } from './custom-statuses.ts';
import {
  addChanges,
  addComment,
  addCreates,
  creationTriggers,
  newAudit,
  RULE_SIMULATED,
  seededAudits,
  SYSTEM_USER_ID,
  trackedFields,
  triggerAudit,
} from './history.ts';
import { createRng, mixSeed, type Rng } from './prng.ts';
import { composeTicket, generateWorld, GROUP_L1, pickPriority, ticketTags, type SeedWorld } from './seed.ts';
import { toMailHtml, toPlain } from './text.ts';
import { buildThread, commentId, commentTimes, customerChannel } from './thread.ts';
import type {
  AuditRecord,
  CommentRecord,
  OrgRecord,
  TicketRecord,
  UserRecord,
  ZendeskPriority,
  ZendeskStatus,
  ZendeskTicketType,
} from './types.ts';

export const STATUSES: readonly ZendeskStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
export const PRIORITIES: readonly ZendeskPriority[] = ['urgent', 'high', 'normal', 'low'];

export interface NewTicketInput {
  subject?: string;
  description?: string;
  priority?: ZendeskPriority | null;
  organizationId?: number;
  requesterId?: number;
  status?: string;
  tags?: string[];
}

export interface TicketPatch {
  subject?: string;
  status?: ZendeskStatus;
  priority?: ZendeskPriority | null;
  assigneeId?: number | null;
  groupId?: number | null;
  type?: ZendeskTicketType | null;
  tags?: string[];
  /** One of the account's custom statuses (custom-statuses.ts); the ticket's status becomes its category. */
  customStatusId?: number;
  /** Who makes the change: an agent, or -1 for an automation (default: the simulated agent, `meId`). */
  authorId?: number;
  /** A reply (public) or an internal note by the author, in the same update as the field changes. */
  comment?: { body: string; public: boolean };
  /** How the update came in (default web; the API's ticket updates are "api"). */
  channel?: 'web' | 'api';
}

/** A mistake in a caller's input (unknown id, invalid value): the control routes answer 404 or 422 with it. */
export class SimulatorInputError extends Error {
  readonly status: 404 | 422;
  constructor(status: 404 | 422, message: string) {
    super(message);
    this.name = 'SimulatorInputError';
    this.status = status;
  }
}

export interface ExportPage {
  tickets: TicketRecord[];
  /** Sequence of the last ticket returned, or the starting position when the page is empty. */
  lastSeq: number;
  /** Sequence of the first ticket returned, or null when the page is empty. */
  firstSeq: number | null;
  endOfStream: boolean;
}

export interface StoreOptions {
  seed: number;
  organizations: number;
  tickets: number;
  agentEmail: string;
  now: () => number;
}

/** Sequence numbers per millisecond of clock time. */
export const SEQ_PER_MS = 1000;
/** Sequence numbers per second: generated_timestamp = floor(seq / SEQ_PER_SECOND). */
export const SEQ_PER_SECOND = 1_000_000;

export class TicketStore {
  readonly orgs: Map<number, OrgRecord>;
  readonly users: Map<number, UserRecord>;
  readonly tickets = new Map<number, TicketRecord>();
  readonly agentIds: readonly number[];
  readonly meId: number;
  readonly #requestersByOrg: Map<number, number[]>;
  readonly #orgIds: number[];
  readonly #seed: number;
  readonly #now: () => number;
  /** Drives everything that happens after the seed: new tickets, replies, activity. */
  readonly rng: Rng;
  #nextTicketId: number;
  #nextLooseCommentId = 20_000_000_000;
  #lastSeq = 0;
  #nextAuditId = RUNTIME_AUDIT_ID_BASE;
  /** Built on first use by the ticket events export, then kept up to date. */
  #timeline: AuditTimeline | null = null;
  // The change log, two parallel arrays sorted by sequence. Entries whose ticket has moved on are stale.
  #logSeq: number[] = [];
  #logId: number[] = [];
  #stale = 0;

  constructor(options: StoreOptions) {
    this.#seed = options.seed;
    this.#now = options.now;
    const now = options.now();
    const world: SeedWorld = generateWorld({
      seed: options.seed,
      organizations: Math.max(1, options.organizations),
      tickets: Math.max(0, options.tickets),
      now,
      agentEmail: options.agentEmail,
    });
    this.orgs = world.orgs;
    this.users = world.users;
    this.agentIds = world.agentIds;
    this.meId = world.meId;
    this.#requestersByOrg = world.requestersByOrg;
    this.#orgIds = [...world.orgs.keys()];
    this.rng = createRng(mixSeed(options.seed, 0xac71));
    const byUpdate = [...world.tickets].sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id);
    for (const t of world.tickets) this.tickets.set(t.id, t);
    for (const t of byUpdate) this.#record(t, t.updatedAt);
    const last = world.tickets[world.tickets.length - 1];
    this.#nextTicketId = last ? last.id + 1 : 40_001;
  }

  get maxSeq(): number {
    return this.#lastSeq;
  }

  now(): number {
    return this.#now();
  }

  /** A live (not deleted) ticket, or a 404 input error. */
  liveTicket(id: number): TicketRecord {
    const t = this.tickets.get(id);
    if (!t || t.status === 'deleted') throw new SimulatorInputError(404, `ticket ${id} not found`);
    return t;
  }

  /** The ticket's comments, built from its thread plan on first use. */
  comments(t: TicketRecord): CommentRecord[] {
    t.comments ??= this.commentsView(t);
    return t.comments;
  }

  /** The ticket's comments without keeping a thread built from the plan (for reads that serve them once). */
  commentsView(t: TicketRecord): CommentRecord[] {
    if (t.comments) return t.comments;
    const plan = t.plan;
    const org = t.organizationId === null ? undefined : this.orgs.get(t.organizationId);
    const requester = this.users.get(t.requesterId);
    if (!plan || !org || !requester) return [];
    return buildThread(t, plan, org, requester, this.users.get(plan.agentId));
  }

  /** The ticket's audits in (time, id) order, derived from its thread plan on first use. */
  audits(t: TicketRecord): AuditRecord[] {
    t.audits ??= this.auditsView(t);
    return t.audits;
  }

  /** The ticket's audits without keeping ones derived from the plan (the export reads 100,000 tickets' worth). */
  auditsView(t: TicketRecord): AuditRecord[] {
    if (t.audits) return t.audits;
    const plan = t.plan;
    const org = t.organizationId === null ? undefined : this.orgs.get(t.organizationId);
    const requester = this.users.get(t.requesterId);
    if (!plan || !org || !requester) return [];
    return seededAudits({ ticket: t, plan, times: commentTimes(t, plan, org, requester), orgPlan: org.plan });
  }

  /** Every ticket's audits in (time, id) order, indexed on first use. */
  timeline(): AuditTimeline {
    if (this.#timeline) return this.#timeline;
    const at: number[] = [];
    const ids: number[] = [];
    const ticketIds: number[] = [];
    for (const t of this.tickets.values()) {
      for (const audit of this.auditsView(t)) {
        at.push(audit.createdAt);
        ids.push(audit.id);
        ticketIds.push(t.id);
      }
    }
    this.#timeline = AuditTimeline.of(at, ids, ticketIds);
    return this.#timeline;
  }

  addTicket(input: NewTicketInput = {}): TicketRecord {
    const rng = this.rng;
    const now = this.#now();
    let org: OrgRecord | undefined;
    let requester: UserRecord | undefined;
    if (input.requesterId !== undefined) {
      requester = this.users.get(input.requesterId);
      if (!requester) throw new SimulatorInputError(422, `requester ${input.requesterId} does not exist`);
    }
    if (input.organizationId !== undefined) {
      org = this.orgs.get(input.organizationId);
      if (!org) throw new SimulatorInputError(422, `organization ${input.organizationId} does not exist`);
    } else if (requester?.organizationId != null) {
      org = this.orgs.get(requester.organizationId);
    } else {
      org = this.orgs.get(rng.pick(this.#orgIds));
    }
    if (!org) throw new SimulatorInputError(422, 'no organization to file the ticket under');
    if (!requester) {
      const candidates = this.#requestersByOrg.get(org.id) ?? [];
      requester = candidates.length > 0 ? this.users.get(rng.pick(candidates)) : undefined;
      if (!requester) throw new SimulatorInputError(422, `organization ${org.id} has no end users`);
    }
    const status = input.status ?? 'new';
    if (!isStatus(status)) throw new SimulatorInputError(422, `status must be one of ${STATUSES.join(', ')}`);
    if (input.priority !== undefined && input.priority !== null && !PRIORITIES.includes(input.priority)) {
      throw new SimulatorInputError(422, `priority must be one of ${PRIORITIES.join(', ')} or null`);
    }

    const id = this.#nextTicketId++;
    const creationAuditId = this.#nextAuditId++;
    const templateId = rng.weighted(TEMPLATE_WEIGHTS);
    const threadSeed = mixSeed(this.#seed, id, 0x11fe);
    const { composed, rng: threadRng } = composeTicket(threadSeed, templateId, org, requester, now);
    const priority = input.priority !== undefined ? input.priority : pickPriority(rng, templateId);
    const channel = templateId === 'forwarded_html' ? 'email' : rng.chance(0.75) ? 'email' : 'web';
    const htmlMail = input.description === undefined && channel === 'email' && (templateId === 'forwarded_html' || threadRng.chance(0.2));
    const description = input.description ?? toPlain(composed.blocks);
    const assigneeId = status === 'new' ? null : rng.pick(this.agentIds);
    const ticket: TicketRecord = {
      id,
      subject: input.subject ?? composed.subject,
      description,
      status,
      customStatusId: null,
      priority,
      type: templateById(templateId).type,
      requesterId: requester.id,
      submitterId: requester.id,
      assigneeId,
      organizationId: org.id,
      groupId: GROUP_L1,
      tags: input.tags ? [...new Set(input.tags)].sort() : ticketTags(composed, priority, org.plan),
      channel,
      createdAt: now,
      updatedAt: now,
      seq: 0,
      satisfaction: null,
      comments: [
        {
          id: commentId(id, 0),
          authorId: requester.id,
          body: description,
          html: htmlMail ? toMailHtml(composed.blocks) : null,
          public: true,
          channel,
          createdAt: now,
          auditId: creationAuditId,
        },
      ],
      audits: [],
      plan: { threadSeed, templateId, shape: 'C', agentId: assigneeId ?? this.meId, createdAt: now, updatedAt: now },
    };
    // Fields the caller left to the simulator may have been set by a trigger right after creation.
    const triggers = creationTriggers(trackedFields(ticket), org.plan, { priority: input.priority === undefined, tags: input.tags === undefined });
    const creation = newAudit(creationAuditId, id, now, requester.id, channel);
    addComment(creation, commentId(id, 0), 0, true, requester.id);
    addCreates(creation, ticket, triggers.created);
    this.tickets.set(id, ticket);
    this.#appendAudit(ticket, creation);
    const rules = triggerAudit(this.#nextAuditId, ticket, now, triggers);
    if (rules) {
      this.#nextAuditId++;
      this.#appendAudit(ticket, rules);
    }
    this.#record(ticket, now);
    return ticket;
  }

  addCustomerReply(ticketId: number, body?: string): CommentRecord {
    const t = this.liveTicket(ticketId);
    if (t.status === 'closed') throw new SimulatorInputError(422, `ticket ${ticketId} is closed and takes no replies`);
    const comments = this.comments(t);
    const before = trackedFields(t);
    this.audits(t);
    const requester = this.users.get(t.requesterId);
    const at = this.#auditTime(t, this.#now());
    const text = body ?? this.#followUpText(t, comments.length, requester);
    const index = comments.length;
    const channel = customerChannel(t);
    const audit = newAudit(this.#nextAuditId++, t.id, at, t.requesterId, channel);
    const comment: CommentRecord = {
      id: index < 1000 ? commentId(t.id, index) : this.#nextLooseCommentId++,
      authorId: t.requesterId,
      body: text,
      html: null,
      public: true,
      channel,
      createdAt: at,
      auditId: audit.id,
    };
    comments.push(comment);
    // An end user's reply reopens a pending, on-hold or solved ticket, as in Zendesk.
    if (t.status === 'pending' || t.status === 'hold' || t.status === 'solved') t.status = 'open';
    addComment(audit, comment.id, index, true, t.requesterId);
    addChanges(audit, before, trackedFields(t));
    this.#appendAudit(t, audit);
    this.#record(t, at);
    return comment;
  }

  /**
   * Changes fields and adds the patch's comment, in one audit that records the comment and each changed field (no
   * audit when nothing changed).
   */
  updateTicket(ticketId: number, patch: TicketPatch): TicketRecord {
    const t = this.liveTicket(ticketId);
    if (patch.status !== undefined && !isStatus(patch.status)) throw new SimulatorInputError(422, `status must be one of ${STATUSES.join(', ')}`);
    if (patch.priority !== undefined && patch.priority !== null && !PRIORITIES.includes(patch.priority)) {
      throw new SimulatorInputError(422, `priority must be one of ${PRIORITIES.join(', ')} or null`);
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== null && !this.agentIds.includes(patch.assigneeId)) {
      throw new SimulatorInputError(422, `assignee ${patch.assigneeId} is not an agent`);
    }
    const custom = patch.customStatusId === undefined ? undefined : customStatus(patch.customStatusId);
    if (patch.customStatusId !== undefined && !custom) throw new SimulatorInputError(422, `custom status ${patch.customStatusId} does not exist`);
    if (custom && patch.status !== undefined && patch.status !== custom.category) {
      throw new SimulatorInputError(422, `custom status ${custom.id} is in category ${custom.category}, not ${patch.status}`);
    }
    const authorId = patch.authorId ?? this.meId;
    if (authorId !== SYSTEM_USER_ID && !this.agentIds.includes(authorId)) {
      throw new SimulatorInputError(422, `author ${authorId} is neither an agent nor the system (-1)`);
    }
    if (patch.comment !== undefined && patch.comment.body.trim() === '') throw new SimulatorInputError(422, 'the comment is empty');
    // The thread is built from the plan as the ticket stands before the update.
    const thread = patch.comment === undefined ? null : this.comments(t);
    this.audits(t);
    const before = trackedFields(t);
    if (patch.status !== undefined) t.status = patch.status;
    if (custom) {
      t.status = custom.category;
      t.customStatusId = custom.id;
    }
    if (patch.priority !== undefined) t.priority = patch.priority;
    if (patch.assigneeId !== undefined) t.assigneeId = patch.assigneeId;
    if (patch.subject !== undefined) t.subject = patch.subject;
    if (patch.groupId !== undefined) t.groupId = patch.groupId;
    if (patch.type !== undefined) t.type = patch.type;
    if (patch.tags !== undefined) t.tags = [...new Set(patch.tags)].sort();
    const at = this.#auditTime(t, this.#now());
    const automated = authorId === SYSTEM_USER_ID;
    const channel = automated ? 'rule' : (patch.channel ?? 'web');
    const audit = newAudit(this.#nextAuditId, t.id, at, authorId, channel, automated ? RULE_SIMULATED : null);
    if (patch.comment !== undefined && thread !== null) {
      const index = thread.length;
      const comment: CommentRecord = {
        id: index < 1000 ? commentId(t.id, index) : this.#nextLooseCommentId++,
        authorId,
        body: patch.comment.body,
        html: null,
        public: patch.comment.public,
        channel: channel === 'rule' ? 'web' : channel,
        createdAt: at,
        auditId: audit.id,
      };
      thread.push(comment);
      addComment(audit, comment.id, index, comment.public, authorId);
    }
    addChanges(audit, before, trackedFields(t), audit.rule);
    if (audit.events.length > 0) {
      this.#nextAuditId++;
      this.#appendAudit(t, audit);
    }
    this.#record(t, at);
    return t;
  }

  /** Deletes the ticket: its last audit changes the status to "deleted", and its audits stay in the export. */
  deleteTicket(ticketId: number): void {
    const t = this.liveTicket(ticketId);
    this.audits(t);
    const before = trackedFields(t);
    t.status = 'deleted';
    const at = this.#auditTime(t, this.#now());
    const audit = newAudit(this.#nextAuditId++, t.id, at, this.meId, 'web');
    addChanges(audit, before, trackedFields(t));
    this.#appendAudit(t, audit);
    this.#record(t, at);
  }

  /** Open tickets a customer could reply to (new, open, pending, hold). */
  openTicketIds(): number[] {
    const ids: number[] = [];
    for (const t of this.tickets.values()) {
      if (t.status === 'new' || t.status === 'open' || t.status === 'pending' || t.status === 'hold') ids.push(t.id);
    }
    return ids;
  }

  /** Tickets changed after `afterSeq`, in change order, at most `limit`. */
  exportAfter(afterSeq: number, limit: number): ExportPage {
    const seqs = this.#logSeq;
    const ids = this.#logId;
    let lo = 0;
    let hi = seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((seqs[mid] ?? 0) <= afterSeq) lo = mid + 1;
      else hi = mid;
    }
    const tickets: TicketRecord[] = [];
    let i = lo;
    for (; i < seqs.length && tickets.length < limit; i++) {
      const t = this.tickets.get(ids[i] ?? -1);
      if (t && t.seq === seqs[i]) tickets.push(t);
    }
    let more = false;
    for (; i < seqs.length; i++) {
      const t = this.tickets.get(ids[i] ?? -1);
      if (t && t.seq === seqs[i]) {
        more = true;
        break;
      }
    }
    const first = tickets[0];
    const last = tickets[tickets.length - 1];
    return {
      tickets,
      firstSeq: first ? first.seq : null,
      lastSeq: last ? last.seq : afterSeq,
      endOfStream: !more,
    };
  }

  #followUpText(t: TicketRecord, index: number, requester: UserRecord | undefined): string {
    const first = requester?.name.split(' ')[0] ?? '';
    const org = t.organizationId === null ? undefined : this.orgs.get(t.organizationId);
    let pool: readonly string[] = GENERIC_FOLLOW_UPS;
    if (t.plan && org && requester && this.rng.chance(0.5)) {
      const { composed } = composeTicket(mixSeed(t.plan.threadSeed, index), t.plan.templateId, org, requester, t.createdAt);
      if (composed.followUps.length > 0) pool = composed.followUps;
    }
    const text = this.rng.pick(pool).replace('REQ', requestId(this.rng));
    return first ? `${text}\n\n${first}` : text;
  }

  /** When an update made now happens: never before the ticket's last audit, so its history stays in order. */
  #auditTime(t: TicketRecord, now: number): number {
    const last = t.audits?.[t.audits.length - 1];
    return Math.max(now, last?.createdAt ?? now);
  }

  #appendAudit(t: TicketRecord, audit: AuditRecord): void {
    this.audits(t).push(audit);
    this.#timeline?.add(audit.createdAt, audit.id, t.id);
  }

  /** Gives the ticket the next change sequence and moves it to the end of the export. */
  #record(t: TicketRecord, at: number): void {
    if (t.seq !== 0) this.#stale++;
    const seq = Math.max(this.#lastSeq + 1, Math.floor(at) * SEQ_PER_MS);
    this.#lastSeq = seq;
    t.seq = seq;
    t.updatedAt = Math.max(t.updatedAt, at);
    if (t.plan && t.comments === null) t.plan.updatedAt = Math.min(t.plan.updatedAt, t.updatedAt);
    this.#logSeq.push(seq);
    this.#logId.push(t.id);
    if (this.#stale > 1024 && this.#stale * 2 > this.#logSeq.length) this.#compact();
  }

  #compact(): void {
    const seqs: number[] = [];
    const ids: number[] = [];
    for (let i = 0; i < this.#logSeq.length; i++) {
      const id = this.#logId[i] ?? -1;
      const seq = this.#logSeq[i] ?? -1;
      if (this.tickets.get(id)?.seq === seq) {
        seqs.push(seq);
        ids.push(id);
      }
    }
    this.#logSeq = seqs;
    this.#logId = ids;
    this.#stale = 0;
  }
}

function isStatus(s: string): s is ZendeskStatus {
  return (STATUSES as readonly string[]).includes(s);
}
