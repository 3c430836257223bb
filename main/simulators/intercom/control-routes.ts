/**
 * Control routes for tests and the demo (loopback only, no auth): add conversations and customer replies,
 * change or delete conversations, step the activity, set fault knobs, count writes, rotate the access token. Requests must
 * carry `content-type: application/json` (so a web page cannot forge them without a CORS preflight, which the
 * simulator never grants) and a loopback Host; the server checks both.
 */

import type { WriteCounts } from '../common/write-counts.ts';
import type { ApiResult } from './api-routes.ts';
import { applyFaultPatch, type FaultKnobs } from './faults.ts';
import { serializeConversation, serializePart, type SerializeContext } from './serialize.ts';
import { PRIORITY_LEVELS, RequestError, STATES, type ConversationPatch, type ConversationStore, type NewConversationInput } from './store.ts';
import type { ConversationState, PriorityLevel } from './types.ts';

export interface ControlContext {
  store: ConversationStore;
  faults: FaultKnobs;
  /** Writes received and applied per route, for GET /__control/writes. */
  writes: WriteCounts;
  stepActivity(): void;
  /** Replaces the access token (a new one when not given) and ends an expiry; returns the new token. */
  rotateToken(token?: string): string;
}

function invalid(message: string): RequestError {
  return new RequestError(422, 'parameter_invalid', message);
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('body must be a JSON object');
  return body as Record<string, unknown>;
}

function optString(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalid(`${key} must be a string`);
  return v;
}

function optInt(o: Record<string, unknown>, key: string): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw invalid(`${key} must be a non-negative integer`);
  return v;
}

function optTags(o: Record<string, unknown>): string[] | undefined {
  const v = o['tags'];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((t): t is string => typeof t === 'string')) throw invalid('tags must be an array of strings');
  return v;
}

function optPriority(o: Record<string, unknown>): PriorityLevel | undefined {
  const v = o['priority'];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(PRIORITY_LEVELS as readonly string[]).includes(v)) throw invalid(`priority must be one of ${PRIORITY_LEVELS.join(', ')}`);
  return v as PriorityLevel;
}

export function parseNewConversation(body: unknown): NewConversationInput {
  const o = asObject(body);
  const input: NewConversationInput = {};
  const subject = optString(o, 'subject');
  if (subject !== undefined) input.subject = subject;
  const text = optString(o, 'body');
  if (text !== undefined) input.body = text;
  const contactId = optString(o, 'contactId');
  if (contactId !== undefined) input.contactId = contactId;
  const channel = optString(o, 'channel');
  if (channel !== undefined) {
    if (channel !== 'email' && channel !== 'conversation') throw invalid('channel must be email or conversation');
    input.channel = channel;
  }
  const priority = optPriority(o);
  if (priority !== undefined) input.priority = priority;
  const tags = optTags(o);
  if (tags !== undefined) input.tags = tags;
  return input;
}

export function parsePatch(body: unknown): ConversationPatch {
  const o = asObject(body);
  const patch: ConversationPatch = {};
  const state = optString(o, 'state');
  if (state !== undefined) {
    if (!(STATES as readonly string[]).includes(state)) throw invalid(`state must be one of ${STATES.join(', ')}`);
    patch.state = state as ConversationState;
  }
  const snoozedUntil = optInt(o, 'snoozedUntil');
  if (snoozedUntil !== undefined) patch.snoozedUntil = snoozedUntil;
  const priority = optPriority(o);
  if (priority !== undefined) patch.priority = priority;
  const admin = optInt(o, 'adminAssigneeId');
  if (admin !== undefined) patch.adminAssigneeId = admin;
  const team = optInt(o, 'teamAssigneeId');
  if (team !== undefined) patch.teamAssigneeId = team;
  const tags = optTags(o);
  if (tags !== undefined) patch.tags = tags;
  if ('title' in o) {
    const title = o['title'];
    if (title !== null && typeof title !== 'string') throw invalid('title must be a string or null');
    patch.title = title;
  }
  if ('read' in o) {
    if (typeof o['read'] !== 'boolean') throw invalid('read must be true or false');
    patch.read = o['read'];
  }
  return patch;
}

export function routeControl(method: string, pathname: string, body: unknown, ctx: ControlContext): ApiResult {
  const { store } = ctx;
  const serialize: SerializeContext = { workspace: store.workspace, fiveLevelPriority: true };
  const conversationJson = (id: string): unknown => serializeConversation(store.live(id), serialize);
  try {
    if (pathname === '/__control/faults') {
      if (method === 'POST') {
        try {
          applyFaultPatch(ctx.faults, body);
        } catch (err) {
          throw invalid(err instanceof Error ? err.message : String(err));
        }
        return { status: 200, body: { faults: ctx.faults } };
      }
      if (method === 'GET') return { status: 200, body: { faults: ctx.faults } };
    }
    if (pathname === '/__control/token' && method === 'POST') {
      const token = optString(asObject(body), 'token');
      if (token !== undefined && !/^[\w.~+/=-]{8,200}$/.test(token)) throw invalid('token must be 8-200 characters of letters, digits and -._~+/=');
      return { status: 200, body: { token: ctx.rotateToken(token) } };
    }
    if (pathname === '/__control/conversations' && method === 'POST') {
      const c = store.addConversation(parseNewConversation(body));
      return { status: 201, body: { conversation: conversationJson(c.id) } };
    }
    if (pathname === '/__control/writes' && method === 'GET') return { status: 200, body: ctx.writes };
    if (pathname === '/__control/activity/step' && method === 'POST') {
      ctx.stepActivity();
      return { status: 200, body: { ok: true, version: store.version } };
    }
    if (pathname === '/__control/info' && method === 'GET') {
      return {
        status: 200,
        body: {
          conversations: [...store.conversations.values()].filter((c) => c.deletedAt === null).length,
          companies: store.workspace.companies.size,
          contacts: store.workspace.contacts.size,
          admins: store.workspace.admins.length,
          me_id: store.meId,
        },
      };
    }
    let m = /^\/__control\/conversations\/(\d{1,20})\/replies$/.exec(pathname);
    if (m && method === 'POST') {
      const id = m[1] ?? '';
      const part = store.addCustomerReply(id, optString(asObject(body), 'body'));
      return { status: 201, body: { conversation: conversationJson(id), part: serializePart(part, store.workspace) } };
    }
    m = /^\/__control\/conversations\/(\d{1,20})$/.exec(pathname);
    if (m) {
      const id = m[1] ?? '';
      if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
        store.updateConversation(id, parsePatch(body));
        return { status: 200, body: { conversation: conversationJson(id) } };
      }
      if (method === 'DELETE') {
        store.deleteConversation(id);
        return { status: 200, body: { id, deleted: true } };
      }
    }
    return { status: 404, body: { error: 'not_found', message: 'no such control route' } };
  } catch (err) {
    if (err instanceof RequestError) return { status: err.status === 404 ? 404 : 422, body: { error: err.code, message: err.message } };
    throw err;
  }
}
