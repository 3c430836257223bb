/**
 * PUT /api/v2/tickets/{id}.json, the one write the simulator takes: an agent's update of a ticket, with a comment
 * (`public: false` is an internal note) and field changes (status, priority, assignee_id, tags, additional_tags,
 * remove_tags) recorded in one audit by the signed-in user, so the exports, comments and audits show it. As on
 * Zendesk: with `safe_update` and an `updated_stamp` older than the ticket's updated_at it answers 409
 * UpdateConflict; a closed ticket answers 422 RecordInvalid; the answer is the ticket and the audit.
 */

import type { ApiResult } from './cursor-export.ts';
import { PRIORITIES, SimulatorInputError, STATUSES, type TicketPatch, type TicketStore } from './store.ts';
import { serializeAudit, serializeTicket } from './serialize.ts';
import type { ZendeskPriority, ZendeskStatus } from './types.ts';

export const TICKET_UPDATE_ROUTE = 'PUT /api/v2/tickets/{id}.json';

const TICKET_PATH = /^\/api\/v2\/tickets\/(\d{1,16})\.json$/;

/** The documented name of a write route the simulator counts, or null for anything else. */
export function writeRouteOf(method: string, pathname: string): string | null {
  return method === 'PUT' && TICKET_PATH.test(pathname) ? TICKET_UPDATE_ROUTE : null;
}

export const UPDATE_CONFLICT: ApiResult = {
  status: 409,
  body: { error: 'UpdateConflict', description: 'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.' },
};

/** Zendesk's validation refusal: one field (or "base") with its reason. */
function recordInvalid(field: string, description: string): ApiResult {
  return { status: 422, body: { error: 'RecordInvalid', description: 'Record validation errors', details: { [field]: [{ description }] } } };
}

function badRequest(description: string): ApiResult {
  return { status: 400, body: { error: 'InvalidValue', description } };
}

/** What a request body asks for, or the answer refusing it. */
interface TicketUpdate {
  patch: TicketPatch;
  addTags: string[];
  removeTags: string[];
  /** The updated_at the client saw, when it asked for a safe update. */
  safeStamp: string | null;
}

/** Applies the update `body` to the ticket at `pathname` as `authorId`; the route's answer. */
export function updateTicket(store: TicketStore, baseUrl: string, pathname: string, body: unknown, authorId: number): ApiResult {
  const id = Number(TICKET_PATH.exec(pathname)?.[1]);
  const ticket = store.tickets.get(id);
  if (!ticket || ticket.status === 'deleted') return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
  const update = readUpdate(body);
  if ('status' in update) return update;
  if (update.safeStamp !== null) {
    const stamp = Date.parse(update.safeStamp);
    if (Number.isNaN(stamp)) return badRequest('updated_stamp must be a timestamp');
    // updated_at is served to the second: a stamp of that second is the ticket as it stands.
    if (Math.floor(stamp / 1000) !== Math.floor(ticket.updatedAt / 1000)) return UPDATE_CONFLICT;
  }
  if (ticket.status === 'closed') return recordInvalid('status', 'Status: closed prevents ticket update');
  const tags = new Set(update.patch.tags ?? ticket.tags);
  for (const tag of update.addTags) tags.add(tag);
  for (const tag of update.removeTags) tags.delete(tag);
  const patch: TicketPatch = { ...update.patch, authorId, channel: 'api' };
  if (update.addTags.length > 0 || update.removeTags.length > 0 || update.patch.tags !== undefined) patch.tags = [...tags];
  const auditsBefore = store.audits(ticket).length;
  try {
    store.updateTicket(id, patch);
  } catch (error) {
    if (error instanceof SimulatorInputError) return recordInvalid('base', error.message);
    throw error;
  }
  const audits = store.audits(ticket);
  // An update that changes nothing leaves no audit.
  const audit = audits.length > auditsBefore ? audits[audits.length - 1] : undefined;
  const comments = store.comments(ticket);
  return {
    status: 200,
    body: {
      ticket: serializeTicket(ticket, baseUrl, store.users.get(ticket.requesterId), false),
      audit: audit ? serializeAudit(audit, comments, store.users.get(audit.authorId)) : null,
    },
  };
}

function readUpdate(body: unknown): TicketUpdate | ApiResult {
  const root = objectOr(body);
  const ticket = root ? objectOr(root['ticket']) : null;
  if (!ticket) return badRequest('the body must be {"ticket": {...}}');
  const patch: TicketPatch = {};
  if ('comment' in ticket) {
    const comment = objectOr(ticket['comment']);
    const text = comment?.['body'] ?? comment?.['html_body'];
    if (typeof text !== 'string' || text.trim() === '') return recordInvalid('base', 'Comment: cannot be blank');
    const isPublic = comment?.['public'] ?? true;
    if (typeof isPublic !== 'boolean') return badRequest('comment.public must be true or false');
    patch.comment = { body: text, public: isPublic };
  }
  if ('status' in ticket) {
    const status = ticket['status'];
    if (typeof status !== 'string' || !(STATUSES as readonly string[]).includes(status) || status === 'new') {
      return recordInvalid('status', `Status: ${String(status)} is not a valid status`);
    }
    patch.status = status as ZendeskStatus;
  }
  if ('priority' in ticket) {
    const priority = ticket['priority'];
    if (priority !== null && !(typeof priority === 'string' && (PRIORITIES as readonly string[]).includes(priority))) {
      return recordInvalid('priority', `Priority: ${String(priority)} is not a valid priority`);
    }
    patch.priority = priority as ZendeskPriority | null;
  }
  if ('assignee_id' in ticket) {
    const assignee = ticket['assignee_id'];
    if (assignee !== null && !(typeof assignee === 'number' && Number.isSafeInteger(assignee))) return badRequest('assignee_id must be a user id or null');
    patch.assigneeId = assignee;
  }
  const tags = tagList(ticket, 'tags');
  const addTags = tagList(ticket, 'additional_tags');
  const removeTags = tagList(ticket, 'remove_tags');
  for (const list of [tags, addTags, removeTags]) if (typeof list === 'string') return badRequest(list);
  if (Array.isArray(tags)) patch.tags = tags;
  const safe = ticket['safe_update'] === true || ticket['safe_update'] === 'true';
  const stamp = ticket['updated_stamp'];
  if (safe && typeof stamp !== 'string') return badRequest('updated_stamp is required for a safe update');
  return { patch, addTags: Array.isArray(addTags) ? addTags : [], removeTags: Array.isArray(removeTags) ? removeTags : [], safeStamp: safe ? (stamp as string) : null };
}

/** The tags under `key` (an array, or Zendesk's space-separated string), undefined when absent, or what is wrong. */
function tagList(ticket: Record<string, unknown>, key: string): string[] | string | undefined {
  const value = ticket[key];
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? value.split(/\s+/).filter((tag) => tag !== '') : value;
  if (!Array.isArray(list) || !list.every((tag): tag is string => typeof tag === 'string' && /^\S+$/.test(tag))) return `${key} must be a list of tags`;
  return list;
}

function objectOr(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
