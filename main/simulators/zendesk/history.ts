/**
 * Ticket history: the audits (updates) of a ticket and their Create, Change and Comment events.
 *
 * A seeded ticket's audits are derived from its thread plan, deterministically and consistently with its current
 * fields and comments: a creation audit (Create events and the description), sometimes a trigger audit right after
 * it, one audit per later comment with the status changes the comment brought, and for closed tickets the
 * automation that closed them. Replaying the Change events over the Create values gives the ticket's fields.
 */

import { auditEventId, seededAuditId, SLOT_AUTOMATION, SLOT_TRIGGER } from './audit-ids.ts';
import { createRng, mixSeed } from './prng.ts';
import { GROUP_L1 } from './seed.ts';
import { commentId, customerChannel } from './thread.ts';
import type {
  AuditField,
  AuditRecord,
  AuditValue,
  PlanName,
  RuleRef,
  ThreadPlan,
  TicketRecord,
  ZendeskExportStatus,
  ZendeskPriority,
  ZendeskTicketType,
} from './types.ts';

/** Zendesk's author id for updates made by the system (triggers and automations). */
export const SYSTEM_USER_ID = -1;

export const RULE_ENTERPRISE_PRIORITY: RuleRef = { id: 360_041_177_201, title: 'Prioritize enterprise customers', kind: 'trigger' };
export const RULE_URGENT_P1: RuleRef = { id: 360_041_177_202, title: 'Tag urgent tickets p1', kind: 'trigger' };
export const RULE_FIRST_RESPONDER: RuleRef = { id: 360_041_177_203, title: 'Assign to first responder', kind: 'trigger' };
export const RULE_CLOSE_SOLVED: RuleRef = { id: 360_041_177_301, title: 'Close solved tickets', kind: 'automation' };
/** The automation behind updates a test makes as the system (updateTicket with authorId -1). */
export const RULE_SIMULATED: RuleRef = { id: 360_041_177_399, title: 'Simulated automation', kind: 'automation' };

/** The fields an update can change, as the ticket record names them. */
export interface TrackedFields {
  status: ZendeskExportStatus;
  priority: ZendeskPriority | null;
  type: ZendeskTicketType | null;
  subject: string;
  assigneeId: number | null;
  groupId: number | null;
  tags: string[];
}

const FIELD_NAMES: Readonly<Record<keyof TrackedFields, AuditField>> = {
  status: 'status',
  priority: 'priority',
  type: 'type',
  subject: 'subject',
  assigneeId: 'assignee_id',
  groupId: 'group_id',
  tags: 'tags',
};
const TRACKED = Object.keys(FIELD_NAMES) as (keyof TrackedFields)[];

export function trackedFields(t: TicketRecord): TrackedFields {
  return { status: t.status, priority: t.priority, type: t.type, subject: t.subject, assigneeId: t.assigneeId, groupId: t.groupId, tags: [...t.tags] };
}

function sameValue(a: AuditValue, b: AuditValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

export function newAudit(id: number, ticketId: number, createdAt: number, authorId: number, channel: AuditRecord['channel'], rule: RuleRef | null = null): AuditRecord {
  return { id, ticketId, createdAt, authorId, channel, rule, events: [] };
}

function nextEventId(audit: AuditRecord): number {
  return auditEventId(audit.id, audit.events.length + 1);
}

export function addCreate(audit: AuditRecord, field: AuditField, value: AuditValue, rule: RuleRef | null = null): void {
  audit.events.push({ type: 'Create', id: nextEventId(audit), field, value, rule });
}

export function addComment(audit: AuditRecord, id: number, index: number, isPublic: boolean, authorId: number): void {
  audit.events.push({ type: 'Comment', id, index, public: isPublic, authorId });
}

/** One Change event per field that differs between `before` and `after`. */
export function addChanges(audit: AuditRecord, before: TrackedFields, after: TrackedFields, rule: RuleRef | null = null): void {
  for (const key of TRACKED) {
    const previous = before[key];
    const value = after[key];
    if (sameValue(previous, value)) continue;
    audit.events.push({ type: 'Change', id: nextEventId(audit), field: FIELD_NAMES[key], value: Array.isArray(value) ? [...value] : value, previous: Array.isArray(previous) ? [...previous] : previous, rule });
  }
}

/** The Create events of a new ticket, for the fields it was created with (unset ones are left out). */
export function addCreates(audit: AuditRecord, t: TicketRecord, fields: TrackedFields): void {
  const values: [AuditField, AuditValue][] = [
    ['status', fields.status],
    ['priority', fields.priority],
    ['type', fields.type],
    ['subject', fields.subject],
    ['requester_id', t.requesterId],
    ['submitter_id', t.submitterId],
    ['organization_id', t.organizationId],
    ['group_id', fields.groupId],
    ['assignee_id', fields.assigneeId],
    ['tags', fields.tags.length > 0 ? [...fields.tags] : null],
  ];
  for (const [field, value] of values) if (value !== null) addCreate(audit, field, value);
}

export interface CreationTriggers {
  /** The fields the ticket was created with, before the triggers ran. */
  created: TrackedFields;
  /** Each trigger that fired, in order, with the fields after it. */
  steps: { rule: RuleRef; after: TrackedFields }[];
}

/**
 * The triggers that explain a new ticket's priority and tags: an enterprise customer's high or urgent ticket was
 * filed as normal and raised by a trigger, and an urgent ticket's p1 tag came from another. `after` is the ticket
 * once they ran; only the fields the caller did not set explicitly are explained.
 */
export function creationTriggers(after: TrackedFields, orgPlan: PlanName, explain: { priority: boolean; tags: boolean }): CreationTriggers {
  const steps: CreationTriggers['steps'] = [];
  const raised = explain.priority && orgPlan === 'enterprise' && (after.priority === 'high' || after.priority === 'urgent');
  const tagged = explain.tags && after.priority === 'urgent' && after.tags.includes('p1');
  let state: TrackedFields = { ...after, tags: [...after.tags] };
  if (tagged) {
    steps.unshift({ rule: RULE_URGENT_P1, after: state });
    state = { ...state, tags: state.tags.filter((tag) => tag !== 'p1') };
  }
  if (raised) {
    steps.unshift({ rule: RULE_ENTERPRISE_PRIORITY, after: state });
    state = { ...state, priority: 'normal' };
  }
  return { created: state, steps };
}

/** The audit of the triggers that fired on creation, or null when none did. */
export function triggerAudit(id: number, t: TicketRecord, at: number, triggers: CreationTriggers): AuditRecord | null {
  const [first] = triggers.steps;
  if (!first) return null;
  const audit = newAudit(id, t.id, at, SYSTEM_USER_ID, 'rule', first.rule);
  let before = triggers.created;
  for (const step of triggers.steps) {
    addChanges(audit, before, step.after, step.rule);
    before = step.after;
  }
  return audit;
}

export interface SeededHistoryInput {
  ticket: TicketRecord;
  plan: ThreadPlan;
  /** When each comment of the plan was written (see thread.ts commentTimes). */
  times: readonly number[];
  orgPlan: PlanName;
}

/**
 * Derives a seeded ticket's audits from its plan. Must run before the ticket's fields first change: it reads them
 * as the outcome of the seeded history.
 */
export function seededAudits({ ticket: t, plan, times, orgPlan }: SeededHistoryInput): AuditRecord[] {
  const shape = plan.shape;
  const n = shape.length;
  if (n > SLOT_AUTOMATION) throw new Error(`ticket ${t.id}: a seeded thread has at most ${SLOT_AUTOMATION} comments`);
  const rng = createRng(mixSeed(plan.threadSeed, 0xa0d1));
  const final = trackedFields(t);
  const lastStatus: ZendeskExportStatus = final.status === 'closed' ? 'solved' : final.status;
  let firstAgent = -1;
  for (let i = 1; i < n && firstAgent < 0; i++) if (shape[i] !== 'C') firstAgent = i;
  // A customer's ticket alone in the queue as open was opened by the first-responder trigger.
  const openedByTrigger = n === 1 && final.status === 'open';
  const onHold = final.status === 'hold';

  const triggers = creationTriggers(final, orgPlan, { priority: true, tags: true });
  const created: TrackedFields = { ...triggers.created, status: 'new' };
  if (onHold) created.tags = created.tags.filter((tag) => tag !== 'escalated');
  if (firstAgent >= 0) {
    // What the first agent to touch the ticket sets: assignee, group, type (mail cannot set one), sometimes priority.
    created.assigneeId = null;
    created.groupId = GROUP_L1;
    if (t.channel === 'email') created.type = null;
    if (created.priority === final.priority && final.priority !== null && final.priority !== 'urgent' && rng.chance(0.2)) {
      created.priority = final.priority === 'normal' ? 'low' : 'normal';
    }
  }
  if (openedByTrigger) created.assigneeId = null;
  // The creation triggers only touch priority and tags; the rest is as created.
  const steps = triggers.steps.map(({ rule, after }) => ({
    rule,
    after: { ...created, priority: after.priority, tags: onHold ? after.tags.filter((tag) => tag !== 'escalated') : after.tags },
  }));
  if (openedByTrigger) {
    const last = steps[steps.length - 1]?.after ?? created;
    steps.push({ rule: RULE_FIRST_RESPONDER, after: { ...last, status: 'open', assigneeId: final.assigneeId } });
  }

  const audits: AuditRecord[] = [];
  const at = (i: number): number => times[i] ?? plan.updatedAt;
  const creation = newAudit(seededAuditId(t.id, 0), t.id, at(0), t.requesterId, t.channel);
  addComment(creation, commentId(t.id, 0), 0, true, t.requesterId);
  addCreates(creation, t, created);
  audits.push(creation);
  const rules = triggerAudit(seededAuditId(t.id, SLOT_TRIGGER), t, at(0), { created, steps });
  if (rules) audits.push(rules);

  let state: TrackedFields = steps[steps.length - 1]?.after ?? created;
  for (let i = 1; i < n; i++) {
    const kind = shape[i];
    const customer = kind === 'C';
    const next: TrackedFields = { ...state };
    if (i === n - 1) next.status = lastStatus;
    else if (kind === 'C') next.status = state.status === 'pending' || state.status === 'hold' || state.status === 'solved' ? 'open' : state.status;
    // An agent's reply that asks the customer something leaves nothing for the team to do: pending.
    else if (kind === 'A') next.status = shape[i + 1] === 'C' && rng.chance(0.5) ? 'pending' : 'open';
    else if (kind === 'N') next.status = state.status === 'new' ? 'open' : state.status;
    else next.status = 'solved';
    if (i === firstAgent) {
      next.assigneeId = final.assigneeId;
      next.type = final.type;
      next.priority = final.priority;
      if (!onHold) next.groupId = final.groupId;
    }
    if (i === n - 1 && onHold) {
      next.tags = [...final.tags];
      next.groupId = final.groupId;
    }
    const author = customer ? t.requesterId : plan.agentId;
    const audit = newAudit(seededAuditId(t.id, i), t.id, at(i), author, customer ? customerChannel(t) : 'web');
    addComment(audit, commentId(t.id, i), i, kind !== 'N', author);
    addChanges(audit, state, next);
    audits.push(audit);
    state = next;
  }
  if (final.status === 'closed') {
    const closing = newAudit(seededAuditId(t.id, SLOT_AUTOMATION), t.id, at(n - 1), SYSTEM_USER_ID, 'rule', RULE_CLOSE_SOLVED);
    addChanges(closing, state, { ...state, status: 'closed' }, RULE_CLOSE_SOLVED);
    audits.push(closing);
  }
  return audits.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
}
