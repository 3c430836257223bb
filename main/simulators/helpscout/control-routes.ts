/**
 * Control routes for tests and the demo (loopback only, no auth), like the Zendesk simulator's:
 *   POST   /__control/conversations                 {subject?, text?, customerId?, organizationId?, status?, tags?, mailboxId?, type?}
 *   POST   /__control/conversations/{id}/replies    {text?} a customer reply
 *   POST   /__control/conversations/{id}            {status?, assigneeId?, subject?, tags?, mailboxId?, customerId?} (also PUT, PATCH)
 *   POST   /__control/conversations/{id}/spam
 *   DELETE /__control/conversations/{id}
 *   POST   /__control/activity/step
 *   GET    /__control/faults, POST /__control/faults  knobs; {"expireTokens": true} expires every token now
 *   GET    /__control/writes                        writes received and applied per route
 *   GET    /__control/info
 * Requests must carry `content-type: application/json` and a loopback Host (checked by the server).
 */

import { applyFaultPatch, type FaultKnobs } from './faults.ts';
import { conversationJson, threadJson } from './serialize.ts';
import {
  isConversationStatus,
  SimulatorInputError,
  type ConversationPatch,
  type ConversationStore,
  type NewConversationInput,
} from './store.ts';
import type { ConversationStatus } from './types.ts';
import type { WriteCounts } from './write-counts.ts';

export interface ControlContext {
  store: ConversationStore;
  baseUrl: string;
  faults: FaultKnobs;
  writes: WriteCounts;
  clientId: string;
  tokenLifetimeSeconds: number;
  rateLimitPerMinute: number;
  stepActivity(): void;
  /** Expires every token issued so far; returns how many were still valid. */
  expireTokens(): number;
}

export interface ControlResult {
  status: number;
  body: unknown;
}

function unprocessable(message: string): ControlResult {
  return { status: 422, body: { error: 'Unprocessable', description: message } };
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SimulatorInputError(400, 'body must be a JSON object');
  return body as Record<string, unknown>;
}

function optString(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new SimulatorInputError(400, `${key} must be a string`);
  return v;
}

function optId(o: Record<string, unknown>, key: string): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new SimulatorInputError(400, `${key} must be an integer id`);
  return v;
}

function optTags(o: Record<string, unknown>): string[] | undefined {
  const v = o['tags'];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((t): t is string => typeof t === 'string')) throw new SimulatorInputError(400, 'tags must be an array of strings');
  return v;
}

function optStatus(o: Record<string, unknown>): ConversationStatus | undefined {
  const v = optString(o, 'status');
  if (v === undefined) return undefined;
  if (!isConversationStatus(v)) throw new SimulatorInputError(400, 'status must be active, pending, closed or spam');
  return v;
}

export function parseNewConversation(body: unknown): NewConversationInput {
  const o = asObject(body);
  const input: NewConversationInput = {};
  const subject = optString(o, 'subject');
  if (subject !== undefined) input.subject = subject;
  const text = optString(o, 'text');
  if (text !== undefined) input.text = text;
  const customerId = optId(o, 'customerId');
  if (customerId !== undefined) input.customerId = customerId;
  const organizationId = optId(o, 'organizationId');
  if (organizationId !== undefined) input.organizationId = organizationId;
  const status = optStatus(o);
  if (status !== undefined) input.status = status;
  const tags = optTags(o);
  if (tags !== undefined) input.tags = tags;
  const mailboxId = optId(o, 'mailboxId');
  if (mailboxId !== undefined) input.mailboxId = mailboxId;
  const type = optString(o, 'type');
  if (type !== undefined) {
    if (type !== 'email' && type !== 'chat' && type !== 'phone') throw new SimulatorInputError(400, 'type must be email, chat or phone');
    input.type = type;
  }
  return input;
}

export function parsePatch(body: unknown): ConversationPatch {
  const o = asObject(body);
  const patch: ConversationPatch = {};
  const status = optStatus(o);
  if (status !== undefined) patch.status = status;
  if ('assigneeId' in o) patch.assigneeId = o['assigneeId'] === null ? null : (optId(o, 'assigneeId') ?? null);
  const subject = optString(o, 'subject');
  if (subject !== undefined) patch.subject = subject;
  const tags = optTags(o);
  if (tags !== undefined) patch.tags = tags;
  const mailboxId = optId(o, 'mailboxId');
  if (mailboxId !== undefined) patch.mailboxId = mailboxId;
  const customerId = optId(o, 'customerId');
  if (customerId !== undefined) patch.customerId = customerId;
  return patch;
}

export function routeControl(method: string, pathname: string, body: unknown, ctx: ControlContext): ControlResult {
  const { store } = ctx;
  const sctx = { store, baseUrl: ctx.baseUrl };
  const conversation = (id: number): unknown => {
    const c = store.conversations.get(id);
    return c ? conversationJson(sctx, c, { embedThreads: true }) : null;
  };
  try {
    if (pathname === '/__control/faults') {
      if (method === 'GET') return { status: 200, body: { faults: ctx.faults } };
      if (method === 'POST') {
        try {
          applyFaultPatch(ctx.faults, body);
        } catch (err) {
          return unprocessable(err instanceof Error ? err.message : String(err));
        }
        const expired = asObject(body)['expireTokens'] === true ? ctx.expireTokens() : 0;
        return { status: 200, body: { faults: ctx.faults, expiredTokens: expired } };
      }
    }
    if (pathname === '/__control/writes' && method === 'GET') return { status: 200, body: ctx.writes };
    if (pathname === '/__control/conversations' && method === 'POST') {
      const c = store.addConversation(parseNewConversation(body));
      return { status: 201, body: { conversation: conversation(c.id) } };
    }
    if (pathname === '/__control/activity/step' && method === 'POST') {
      ctx.stepActivity();
      return { status: 200, body: { ok: true, conversations: store.conversations.size } };
    }
    if (pathname === '/__control/info' && method === 'GET') {
      return {
        status: 200,
        body: {
          conversations: store.conversations.size,
          organizations: store.organizations.size,
          customers: store.customers.size,
          users: store.users.size,
          mailboxes: store.mailboxes.map((m) => ({ id: m.id, name: m.name })),
          meId: store.meId,
          clientId: ctx.clientId,
          tokenLifetimeSeconds: ctx.tokenLifetimeSeconds,
          rateLimitPerMinute: ctx.rateLimitPerMinute,
        },
      };
    }
    const m = /^\/__control\/conversations\/(\d{1,15})(\/replies|\/spam)?$/.exec(pathname);
    if (m) {
      const id = Number(m[1]);
      if (m[2] === '/replies' && method === 'POST') {
        const o = asObject(body);
        const thread = store.addCustomerReply(id, optString(o, 'text') ?? optString(o, 'body'));
        const c = store.liveConversation(id);
        return { status: 201, body: { conversation: conversation(id), thread: threadJson(sctx, c, thread) } };
      }
      if (m[2] === '/spam' && method === 'POST') {
        store.markSpam(id);
        return { status: 200, body: { conversation: conversation(id) } };
      }
      if (m[2] === undefined && (method === 'POST' || method === 'PUT' || method === 'PATCH')) {
        store.updateConversation(id, parsePatch(body));
        return { status: 200, body: { conversation: conversation(id) } };
      }
      if (m[2] === undefined && method === 'DELETE') {
        store.deleteConversation(id);
        return { status: 200, body: { deleted: id } };
      }
    }
    return { status: 404, body: { error: 'NotFound', description: 'Not found' } };
  } catch (err) {
    if (err instanceof SimulatorInputError) {
      return err.status === 404 ? { status: 404, body: { error: 'NotFound', description: err.message } } : unprocessable(err.message);
    }
    throw err;
  }
}
