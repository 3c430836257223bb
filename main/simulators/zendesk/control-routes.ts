/**
 * Control routes for tests and the demo (loopback only, no auth): add tickets and replies, change or delete
 * tickets, step the activity, set fault knobs, read the writes received and applied (GET /__control/writes), the
 * OAuth settings (oauth-routes.ts). Requests must carry `content-type: application/json` (so a web
 * page cannot forge them without a CORS preflight, which the simulator never grants) and a loopback Host.
 */

import type { WriteCounts } from '../common/write-counts.ts';
import type { ApiResult } from './cursor-export.ts';
import { applyFaultPatch, type FaultKnobs } from './faults.ts';
import type { ZendeskOAuth } from './oauth.ts';
import { routeOAuthControl } from './oauth-routes.ts';
import { serializeComment, serializeTicket } from './serialize.ts';
import { SimulatorInputError, type NewTicketInput, type TicketPatch, type TicketStore } from './store.ts';
import type { ZendeskPriority, ZendeskStatus, ZendeskTicketType } from './types.ts';

export interface ControlContext {
  store: TicketStore;
  baseUrl: string;
  faults: FaultKnobs;
  oauth: ZendeskOAuth;
  /** Writes received and applied per route, for GET /__control/writes. */
  writes: WriteCounts;
  stepActivity(): void;
}

function unprocessable(message: string): ApiResult {
  return { status: 422, body: { error: 'RecordInvalid', description: message } };
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SimulatorInputError(422, 'body must be a JSON object');
  return body as Record<string, unknown>;
}

function optString(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new SimulatorInputError(422, `${key} must be a string`);
  return v;
}

function optId(o: Record<string, unknown>, key: string): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new SimulatorInputError(422, `${key} must be an integer id`);
  return v;
}

function optTags(o: Record<string, unknown>): string[] | undefined {
  const v = o['tags'];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((t): t is string => typeof t === 'string')) throw new SimulatorInputError(422, 'tags must be an array of strings');
  return v;
}

function optPriority(o: Record<string, unknown>): ZendeskPriority | null | undefined {
  if (!('priority' in o)) return undefined;
  const v = o['priority'];
  if (v === null) return null;
  if (v === 'urgent' || v === 'high' || v === 'normal' || v === 'low') return v;
  throw new SimulatorInputError(422, 'priority must be urgent, high, normal, low or null');
}

export function parseNewTicket(body: unknown): NewTicketInput {
  const o = asObject(body);
  const input: NewTicketInput = {};
  const subject = optString(o, 'subject');
  if (subject !== undefined) input.subject = subject;
  const description = optString(o, 'description');
  if (description !== undefined) input.description = description;
  const priority = optPriority(o);
  if (priority !== undefined) input.priority = priority;
  const organizationId = optId(o, 'organizationId');
  if (organizationId !== undefined) input.organizationId = organizationId;
  const requesterId = optId(o, 'requesterId');
  if (requesterId !== undefined) input.requesterId = requesterId;
  const status = optString(o, 'status');
  if (status !== undefined) input.status = status;
  const tags = optTags(o);
  if (tags !== undefined) input.tags = tags;
  return input;
}

export function parsePatch(body: unknown): TicketPatch {
  const o = asObject(body);
  const patch: TicketPatch = {};
  const status = optString(o, 'status');
  if (status !== undefined) patch.status = status as ZendeskStatus;
  const priority = optPriority(o);
  if (priority !== undefined) patch.priority = priority;
  if ('assigneeId' in o) patch.assigneeId = o['assigneeId'] === null ? null : (optId(o, 'assigneeId') ?? null);
  if ('groupId' in o) patch.groupId = o['groupId'] === null ? null : (optId(o, 'groupId') ?? null);
  const subject = optString(o, 'subject');
  if (subject !== undefined) patch.subject = subject;
  if ('type' in o) {
    const t = o['type'];
    if (t !== null && t !== 'problem' && t !== 'incident' && t !== 'question' && t !== 'task') throw new SimulatorInputError(422, 'type must be problem, incident, question, task or null');
    patch.type = t as ZendeskTicketType | null;
  }
  const tags = optTags(o);
  if (tags !== undefined) patch.tags = tags;
  const customStatusId = optId(o, 'customStatusId');
  if (customStatusId !== undefined) patch.customStatusId = customStatusId;
  if (o['authorId'] === -1) patch.authorId = -1;
  else {
    const authorId = optId(o, 'authorId');
    if (authorId !== undefined) patch.authorId = authorId;
  }
  return patch;
}

export function routeControl(method: string, pathname: string, body: unknown, ctx: ControlContext): ApiResult {
  const { store, baseUrl } = ctx;
  const ticketJson = (id: number): unknown => {
    const t = store.tickets.get(id);
    return t ? serializeTicket(t, baseUrl, store.users.get(t.requesterId), true) : null;
  };
  try {
    if (pathname === '/__control/faults') {
      if (method === 'POST') {
        try {
          applyFaultPatch(ctx.faults, body);
        } catch (err) {
          return unprocessable(err instanceof Error ? err.message : String(err));
        }
        return { status: 200, body: { faults: ctx.faults } };
      }
      if (method === 'GET') return { status: 200, body: { faults: ctx.faults } };
    }
    if (pathname === '/__control/oauth') return routeOAuthControl(method, body, ctx.oauth);
    if (pathname === '/__control/writes' && method === 'GET') return { status: 200, body: ctx.writes };
    if (pathname === '/__control/tickets' && method === 'POST') {
      const t = store.addTicket(parseNewTicket(body));
      return { status: 201, body: { ticket: ticketJson(t.id) } };
    }
    if (pathname === '/__control/activity/step' && method === 'POST') {
      ctx.stepActivity();
      return { status: 200, body: { ok: true, max_sequence: store.maxSeq } };
    }
    if (pathname === '/__control/info' && method === 'GET') {
      return {
        status: 200,
        body: { tickets: store.tickets.size, organizations: store.orgs.size, users: store.users.size, me_id: store.meId },
      };
    }
    let m = /^\/__control\/tickets\/(\d{1,16})\/replies$/.exec(pathname);
    if (m && method === 'POST') {
      const id = Number(m[1]);
      const text = optString(asObject(body), 'body');
      const comment = store.addCustomerReply(id, text);
      return { status: 201, body: { ticket: ticketJson(id), comment: serializeComment(comment, store.users.get(comment.authorId)) } };
    }
    m = /^\/__control\/tickets\/(\d{1,16})$/.exec(pathname);
    if (m) {
      const id = Number(m[1]);
      if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
        store.updateTicket(id, parsePatch(body));
        return { status: 200, body: { ticket: ticketJson(id) } };
      }
      if (method === 'DELETE') {
        store.deleteTicket(id);
        return { status: 200, body: { ticket: ticketJson(id) } };
      }
    }
    return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
  } catch (err) {
    if (err instanceof SimulatorInputError) {
      return err.status === 404 ? { status: 404, body: { error: 'RecordNotFound', description: err.message } } : unprocessable(err.message);
    }
    throw err;
  }
}
