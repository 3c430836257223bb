/**
 * The Mailbox API 2.0 routes the simulator serves, after authentication, rate limiting and faults:
 *   GET   /v2/conversations                  status (default active), mailbox, tag, assigned_to, number, folder,
 *                                            modifiedSince, sortField, sortOrder, page, embed=threads; 25 a page
 *   GET   /v2/conversations/{id}             embed=threads
 *   GET   /v2/conversations/{id}/threads     newest first, 50 a page
 *   POST  /v2/conversations/{id}/reply       201, Resource-ID
 *   POST  /v2/conversations/{id}/notes       201, Resource-ID
 *   PATCH /v2/conversations/{id}             one JSON Patch operation; 204
 *   PUT   /v2/conversations/{id}/tags        replaces the whole set; 204
 *   GET   /v2/customers/{id}, /v2/organizations/{id} (includeCounts, includeProperties)
 *   GET   /v2/users/me, /v2/users/{id}, /v2/users, /v2/mailboxes, /v2/mailboxes/{id}
 */

import { claimMalformed, type FaultKnobs } from './faults.ts';
import { vndError, type VndErrorItem } from './http.ts';
import {
  conversationJson,
  CONVERSATION_PAGE_SIZE,
  customerJson,
  halPage,
  mailboxJson,
  malformed,
  organizationJson,
  PAGE_SIZE,
  threadJson,
  threadsNewestFirst,
  userJson,
  type SerializeContext,
} from './serialize.ts';
import {
  isConversationStatus,
  SimulatorInputError,
  SORT_FIELDS,
  type AgentThreadInput,
  type ConversationStore,
  type ListQuery,
  type SortField,
} from './store.ts';
import type { ConversationStatus } from './types.ts';

export interface ApiResult {
  status: number;
  /** Absent for 201 and 204 answers. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiContext {
  store: ConversationStore;
  baseUrl: string;
  faults: FaultKnobs;
  /** The user the request's token belongs to. */
  userId: number;
}

const MODIFIED_SINCE = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z$/;
const LIST_STATUSES: Readonly<Record<string, readonly ConversationStatus[]>> = {
  active: ['active'],
  pending: ['pending'],
  closed: ['closed'],
  spam: ['spam'],
  // Spam lives in its own folder: "all" is everything else (our reading; the docs do not say).
  all: ['active', 'pending', 'closed'],
  open: ['active', 'pending'],
};
const STATUS_EXPECTED = "Expected one of these: 'active', 'spam', 'open', 'closed', 'pending'";

function notFound(): ApiResult {
  return { status: 404, body: vndError('Resource not found') };
}

function badRequest(errors: VndErrorItem[]): ApiResult {
  return { status: 400, body: vndError('Bad request', errors) };
}

function inputError(err: SimulatorInputError): ApiResult {
  if (err.status === 404) return notFound();
  if (err.status === 412) return { status: 412, body: vndError(err.message) };
  const item: VndErrorItem = { path: err.path ?? '', message: err.message, source: 'JSON' };
  if (err.rejectedValue !== undefined) item.rejectedValue = err.rejectedValue;
  return badRequest([item]);
}

class QueryErrors {
  readonly items: VndErrorItem[] = [];
  add(path: string, message: string, rejectedValue: string): void {
    this.items.push({ path, message, rejectedValue, source: 'query' });
  }
}

function intParam(query: URLSearchParams, name: string, errors: QueryErrors, min = 1): number | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return null;
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < min) {
    errors.add(name, min > 0 ? 'must be a positive number' : 'must be a number', raw);
    return null;
  }
  return Number(raw);
}

function intListParam(query: URLSearchParams, name: string, errors: QueryErrors): number[] | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return null;
  const parts = raw.split(',').map((s) => s.trim());
  if (!parts.every((s) => /^\d{1,15}$/.test(s))) {
    errors.add(name, 'must be a comma-separated list of ids', raw);
    return null;
  }
  return parts.map(Number);
}

function boolParam(query: URLSearchParams, name: string): boolean {
  return (query.get(name) ?? '').toLowerCase() === 'true';
}

/** `yyyy-MM-dd'T'HH:mm:ss'Z'`, the only date format Help Scout documents. */
function parseModifiedSince(raw: string): number | null {
  const m = MODIFIED_SINCE.exec(raw);
  if (!m) return null;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== raw.slice(0, 19)) return null;
  return ms;
}

function parseListQuery(query: URLSearchParams): { query: ListQuery; page: number; embedThreads: boolean } | ApiResult {
  const errors = new QueryErrors();
  const statusRaw = (query.get('status') ?? 'active').toLowerCase();
  const statuses = LIST_STATUSES[statusRaw];
  if (!statuses) errors.add('status', STATUS_EXPECTED.replace("'pending'", "'pending', 'all'"), statusRaw);
  const sortRaw = query.get('sortField') ?? 'createdAt';
  const sortField = SORT_FIELDS.find((f) => f.toLowerCase() === sortRaw.toLowerCase());
  if (!sortField) errors.add('sortField', `Expected one of these: ${SORT_FIELDS.map((f) => `'${f}'`).join(', ')}`, sortRaw);
  const orderRaw = (query.get('sortOrder') ?? 'desc').toLowerCase();
  if (orderRaw !== 'asc' && orderRaw !== 'desc') errors.add('sortOrder', "Expected one of these: 'asc', 'desc'", orderRaw);
  let modifiedSince: number | null = null;
  const sinceRaw = query.get('modifiedSince');
  if (sinceRaw !== null && sinceRaw !== '') {
    modifiedSince = parseModifiedSince(sinceRaw);
    if (modifiedSince === null) errors.add('modifiedSince', "The value must be a valid ISO 8601 date with the format yyyy-MM-dd'T'HH:mm:ss'Z'", sinceRaw);
  }
  const embed = query.get('embed');
  if (embed !== null && embed !== '' && embed !== 'threads') errors.add('embed', "Expected one of these: 'threads'", embed);
  for (const unsupported of ['query', 'customFieldsByIds']) {
    const raw = query.get(unsupported);
    if (raw !== null) errors.add(unsupported, 'not supported by the simulator', raw);
  }
  const tagRaw = query.get('tag');
  const tags = tagRaw === null || tagRaw.trim() === '' ? null : tagRaw.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
  const parsed = {
    mailboxIds: intListParam(query, 'mailbox', errors),
    assignedTo: intParam(query, 'assigned_to', errors),
    number: intParam(query, 'number', errors),
    folderId: intParam(query, 'folder', errors),
    page: intParam(query, 'page', errors) ?? 1,
  };
  if (errors.items.length > 0 || !statuses || !sortField) return badRequest(errors.items);
  return {
    query: {
      statuses,
      mailboxIds: parsed.mailboxIds,
      tags,
      assignedTo: parsed.assignedTo,
      number: parsed.number,
      folderId: parsed.folderId,
      modifiedSince,
      sortField: sortField satisfies SortField,
      sortOrder: orderRaw === 'asc' ? 'asc' : 'desc',
    },
    page: parsed.page,
    embedThreads: embed === 'threads',
  };
}

function withoutPage(query: URLSearchParams): URLSearchParams {
  const q = new URLSearchParams(query);
  q.delete('page');
  return q;
}

function listConversations(ctx: ApiContext, query: URLSearchParams): ApiResult {
  const parsed = parseListQuery(query);
  if ('status' in parsed) return parsed;
  const ids = ctx.store.list(parsed.query);
  const start = (parsed.page - 1) * CONVERSATION_PAGE_SIZE;
  const sctx: SerializeContext = { store: ctx.store, baseUrl: ctx.baseUrl };
  const items: unknown[] = ids.slice(start, start + CONVERSATION_PAGE_SIZE).flatMap((id) => {
    const c = ctx.store.conversations.get(id);
    return c ? [conversationJson(sctx, c, { embedThreads: parsed.embedThreads, truncateChat: true })] : [];
  });
  if (items.length > 0 && claimMalformed(ctx.faults)) {
    const at = Math.floor(items.length / 2);
    const c = ctx.store.conversations.get(ids[start + at] ?? -1);
    if (c) items[at] = malformed(conversationJson(sctx, c, { embedThreads: parsed.embedThreads, truncateChat: true }));
  }
  const page = halPage('conversations', items, ids.length, {
    baseUrl: ctx.baseUrl,
    path: '/v2/conversations',
    query: withoutPage(query),
    page: parsed.page,
    size: CONVERSATION_PAGE_SIZE,
  });
  return { status: 200, body: page };
}

function pageParam(query: URLSearchParams): number | ApiResult {
  const errors = new QueryErrors();
  const page = intParam(query, 'page', errors) ?? 1;
  return errors.items.length > 0 ? badRequest(errors.items) : page;
}

function pagedList<K extends string, T>(ctx: ApiContext, key: K, path: string, query: URLSearchParams, all: T[]): ApiResult {
  const page = pageParam(query);
  if (typeof page !== 'number') return page;
  const start = (page - 1) * PAGE_SIZE;
  return {
    status: 200,
    body: halPage(key, all.slice(start, start + PAGE_SIZE), all.length, { baseUrl: ctx.baseUrl, path, query: withoutPage(query), page, size: PAGE_SIZE }),
  };
}

// ---- writes -----------------------------------------------------------------------------------------------

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SimulatorInputError(400, 'the body must be a JSON object', '');
  return body as Record<string, unknown>;
}

function requiredText(o: Record<string, unknown>): string {
  const text = o['text'];
  if (typeof text !== 'string' || text.trim() === '') throw new SimulatorInputError(400, 'may not be empty', 'text', text ?? null);
  return text;
}

function optionalStatus(o: Record<string, unknown>, key = 'status'): ConversationStatus | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (v === 'open') return 'active';
  if (typeof v !== 'string' || !isConversationStatus(v)) throw new SimulatorInputError(400, STATUS_EXPECTED, key.replace(/^\//, ''), v);
  return v;
}

function optionalId(o: Record<string, unknown>, key: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw new SimulatorInputError(400, 'must be a valid identifier', key, v);
  return v;
}

function created(ctx: ApiContext, conversationId: number, threadId: number): ApiResult {
  return {
    status: 201,
    headers: { 'resource-id': String(threadId), location: `${ctx.baseUrl}/v2/conversations/${conversationId}/threads/${threadId}` },
  };
}

function reply(ctx: ApiContext, id: number, body: unknown): ApiResult {
  const o = asObject(body);
  ctx.store.liveConversation(id);
  const text = requiredText(o);
  const customer = o['customer'];
  if (typeof customer !== 'object' || customer === null || Array.isArray(customer)) throw new SimulatorInputError(400, 'may not be null', 'customer', customer ?? null);
  const c = customer as Record<string, unknown>;
  const customerId = optionalId(c, 'id');
  const email = c['email'];
  if (customerId === undefined && typeof email !== 'string') throw new SimulatorInputError(400, 'customer needs an id or an email', 'customer');
  if (customerId !== undefined && !ctx.store.customers.has(customerId)) throw new SimulatorInputError(400, `customer ${customerId} does not exist`, 'customer.id', customerId);
  const input: AgentThreadInput = { userId: optionalId(o, 'user') ?? ctx.userId, text, draft: o['draft'] === true };
  const status = optionalStatus(o);
  if (status !== undefined) input.status = status;
  const assignTo = optionalId(o, 'assignTo');
  if (assignTo !== undefined) input.assignTo = assignTo;
  const thread = ctx.store.reply(id, input);
  return created(ctx, id, thread.id);
}

function note(ctx: ApiContext, id: number, body: unknown): ApiResult {
  const o = asObject(body);
  ctx.store.liveConversation(id);
  const input: AgentThreadInput = { userId: optionalId(o, 'user') ?? ctx.userId, text: requiredText(o) };
  const status = optionalStatus(o);
  if (status !== undefined) input.status = status;
  const thread = ctx.store.addNote(id, input);
  return created(ctx, id, thread.id);
}

/** PATCH takes one JSON Patch operation: replace /status, /subject, /primaryCustomer.id; replace or remove /assignTo; move /mailboxId. */
function patchConversation(ctx: ApiContext, id: number, body: unknown): ApiResult {
  const o = asObject(body);
  ctx.store.liveConversation(id);
  const op = o['op'];
  const path = o['path'];
  const value = o['value'];
  const wrongOp = (expected: string): SimulatorInputError => new SimulatorInputError(400, `Expected one of these: ${expected}`, 'op', op ?? null);
  switch (path) {
    case '/status': {
      if (op !== 'replace') throw wrongOp("'replace'");
      const status = optionalStatus(o, 'value');
      if (status === undefined) throw new SimulatorInputError(400, STATUS_EXPECTED, 'value', value ?? null);
      ctx.store.updateConversation(id, { status }, ctx.userId);
      break;
    }
    case '/subject':
      if (op !== 'replace') throw wrongOp("'replace'");
      if (typeof value !== 'string' || value.trim() === '') throw new SimulatorInputError(400, 'may not be empty', 'value', value ?? null);
      ctx.store.updateConversation(id, { subject: value }, ctx.userId);
      break;
    case '/assignTo':
      if (op === 'remove') ctx.store.updateConversation(id, { assigneeId: null }, ctx.userId);
      else if (op === 'replace') ctx.store.updateConversation(id, { assigneeId: optionalId(o, 'value') ?? null }, ctx.userId);
      else throw wrongOp("'replace', 'remove'");
      break;
    case '/mailboxId': {
      if (op !== 'move') throw wrongOp("'move'");
      const mailboxId = optionalId(o, 'value');
      if (mailboxId === undefined) throw new SimulatorInputError(400, 'must be a valid identifier', 'value', value ?? null);
      ctx.store.updateConversation(id, { mailboxId }, ctx.userId);
      break;
    }
    case '/primaryCustomer.id': {
      if (op !== 'replace') throw wrongOp("'replace'");
      const customerId = optionalId(o, 'value');
      if (customerId === undefined) throw new SimulatorInputError(400, 'must be a valid identifier', 'value', value ?? null);
      ctx.store.updateConversation(id, { customerId }, ctx.userId);
      break;
    }
    default:
      throw new SimulatorInputError(400, "Expected one of these: '/status', '/subject', '/assignTo', '/mailboxId', '/primaryCustomer.id'", 'path', path ?? null);
  }
  return { status: 204 };
}

function putTags(ctx: ApiContext, id: number, body: unknown): ApiResult {
  const o = asObject(body);
  ctx.store.liveConversation(id);
  const tags = o['tags'];
  if (!Array.isArray(tags) || !tags.every((t): t is string => typeof t === 'string')) {
    throw new SimulatorInputError(400, 'must be a list of tag names', 'tags', tags ?? null);
  }
  ctx.store.updateConversation(id, { tags }, ctx.userId);
  return { status: 204 };
}

// ---- routing ----------------------------------------------------------------------------------------------

function methodNotAllowed(): ApiResult {
  return { status: 405, body: vndError('Method not allowed') };
}

export function routeApi(method: string, pathname: string, query: URLSearchParams, body: unknown, ctx: ApiContext): ApiResult {
  const { store, baseUrl } = ctx;
  const sctx: SerializeContext = { store, baseUrl };
  try {
    if (pathname === '/v2/conversations') return method === 'GET' ? listConversations(ctx, query) : methodNotAllowed();
    let m = /^\/v2\/conversations\/(\d{1,15})(\/threads|\/reply|\/notes|\/tags)?$/.exec(pathname);
    if (m) {
      const id = Number(m[1]);
      switch (`${method} ${m[2] ?? ''}`) {
        case 'GET ': {
          const embed = query.get('embed');
          if (embed !== null && embed !== '' && embed !== 'threads') return badRequest([{ path: 'embed', message: "Expected one of these: 'threads'", rejectedValue: embed, source: 'query' }]);
          return { status: 200, body: conversationJson(sctx, store.liveConversation(id), { embedThreads: embed === 'threads' }) };
        }
        case 'PATCH ':
          return patchConversation(ctx, id, body);
        case 'GET /threads': {
          const c = store.liveConversation(id);
          return pagedList(ctx, 'threads', `/v2/conversations/${id}/threads`, query, threadsNewestFirst(c).map((t) => threadJson(sctx, c, t)));
        }
        case 'POST /reply':
          return reply(ctx, id, body);
        case 'POST /notes':
          return note(ctx, id, body);
        case 'PUT /tags':
          return putTags(ctx, id, body);
        default:
          return methodNotAllowed();
      }
    }
    if (method !== 'GET') return pathname.startsWith('/v2/') ? methodNotAllowed() : notFound();
    if (pathname === '/v2/users/me') {
      const me = store.users.get(ctx.userId);
      return me ? { status: 200, body: userJson(baseUrl, me) } : notFound();
    }
    if (pathname === '/v2/users') return pagedList(ctx, 'users', '/v2/users', query, [...store.users.values()].map((u) => userJson(baseUrl, u)));
    if (pathname === '/v2/mailboxes') return pagedList(ctx, 'mailboxes', '/v2/mailboxes', query, store.mailboxes.map((mb) => mailboxJson(baseUrl, mb)));
    m = /^\/v2\/(users|mailboxes|customers|organizations)\/(\d{1,15})$/.exec(pathname);
    if (m) {
      const id = Number(m[2]);
      switch (m[1]) {
        case 'users': {
          const u = store.users.get(id);
          return u ? { status: 200, body: userJson(baseUrl, u) } : notFound();
        }
        case 'mailboxes': {
          const mb = store.mailbox(id);
          return mb ? { status: 200, body: mailboxJson(baseUrl, mb) } : notFound();
        }
        case 'customers': {
          const c = store.customers.get(id);
          return c ? { status: 200, body: customerJson(sctx, c) } : notFound();
        }
        default: {
          const o = store.organizations.get(id);
          if (!o) return notFound();
          return { status: 200, body: organizationJson(sctx, o, { includeCounts: boolParam(query, 'includeCounts'), includeProperties: boolParam(query, 'includeProperties') }) };
        }
      }
    }
    return notFound();
  } catch (err) {
    if (err instanceof SimulatorInputError) return inputError(err);
    throw err;
  }
}
