/**
 * The Intercom REST routes the simulator serves, after faults, the version check and authentication. A route
 * returns its JSON or throws a RequestError, which the server answers as an error.list.
 */

import { claimMalformed, type FaultKnobs } from './faults.ts';
import { atLeast216 } from './http.ts';
import { getMacro, listMacros } from './macros.ts';
import { searchConversations } from './search.ts';
import { seconds, serializeAdmin, serializeCompany, serializeContact, serializeConversation, serializeListItem, serializeMe, serializeTag, type SerializeContext } from './serialize.ts';
import { PRIORITY_LEVELS, RequestError, type ConversationStore } from './store.ts';
import type { PriorityLevel } from './types.ts';

export interface ApiContext {
  store: ConversationStore;
  faults: FaultKnobs;
  /** The request's Intercom-Version, already validated. */
  version: string;
  baseUrl: string;
}

export interface ApiResult {
  status: number;
  body: unknown;
}

const DELETED_MAX_PER_PAGE = 60;
const NOT_FOUND = (): RequestError => new RequestError(404, 'not_found', 'Resource Not Found');

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new RequestError(400, 'parameter_invalid', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Ids that the spec types as strings but whose examples send as integers (admin_id, assignee_id). */
function idParam(o: Record<string, unknown>, key: string): string {
  const v = o[key];
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  const err = new RequestError(400, 'parameter_not_found', `${key} is a required parameter`);
  err.field = key;
  throw err;
}

function optBody(o: Record<string, unknown>): string | null {
  const v = o['body'];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') throw new RequestError(400, 'parameter_invalid', 'body must be a string');
  return v;
}

function reply(store: ConversationStore, id: string, body: unknown): void {
  const o = asObject(body);
  const messageType = o['message_type'];
  if (messageType !== 'comment' && messageType !== 'note' && messageType !== 'quick_reply') {
    throw new RequestError(400, 'parameter_invalid', 'message_type must be comment, note or quick_reply');
  }
  const text = optBody(o);
  if (o['type'] === 'admin') {
    const adminId = idParam(o, 'admin_id');
    if (messageType === 'quick_reply') {
      const options = o['reply_options'];
      if (!Array.isArray(options) || options.length === 0) throw new RequestError(400, 'parameter_invalid', 'reply_options is required for quick_reply');
      store.adminReply(id, adminId, 'quick_reply', text).metadata = { quick_reply_options: options };
      return;
    }
    if (text === null) throw new RequestError(400, 'parameter_invalid', 'Body is required');
    store.adminReply(id, adminId, messageType, text);
    return;
  }
  if (o['type'] === 'user' || o['type'] === 'lead' || o['type'] === 'contact') {
    if (messageType !== 'comment') throw new RequestError(400, 'parameter_invalid', 'contacts reply with message_type comment');
    if (text === null) throw new RequestError(400, 'parameter_invalid', 'Body is required');
    const c = store.live(id);
    const contact = store.workspace.contacts.get(c.contactId);
    const byId = typeof o['intercom_user_id'] === 'string' && o['intercom_user_id'] === c.contactId;
    const byEmail = typeof o['email'] === 'string' && o['email'].toLowerCase() === contact?.email.toLowerCase();
    const byExternal = typeof o['user_id'] === 'string' && o['user_id'] === contact?.externalId;
    if (!byId && !byEmail && !byExternal) throw new RequestError(404, 'not_found', 'User Not Found');
    store.contactReply(id, c.contactId, text);
    return;
  }
  throw new RequestError(400, 'parameter_invalid', 'type must be admin or user');
}

function manage(store: ConversationStore, id: string, body: unknown): void {
  const o = asObject(body);
  const adminId = idParam(o, 'admin_id');
  switch (o['message_type']) {
    case 'close':
      store.close(id, adminId, optBody(o));
      return;
    case 'open':
      store.open(id, adminId);
      return;
    case 'snoozed': {
      const until = o['snoozed_until'];
      if (typeof until !== 'number') throw new RequestError(400, 'parameter_invalid', 'snoozed_until must be a Unix timestamp');
      store.snooze(id, adminId, until);
      return;
    }
    case 'assignment': {
      const type = o['type'];
      if (type !== 'admin' && type !== 'team') throw new RequestError(400, 'parameter_invalid', 'type must be admin or team');
      store.assign(id, adminId, type, idParam(o, 'assignee_id'), optBody(o));
      return;
    }
    default:
      throw new RequestError(400, 'parameter_invalid', 'message_type must be close, open, snoozed or assignment');
  }
}

/**
 * PUT /conversations/{id}: read, title and custom attributes in every version. Priority (with admin_id) only in the
 * named versions (Preview, Unstable), as in the reference; a numbered version ignores the field, as Intercom ignores
 * parameters it does not know.
 */
function update(ctx: ApiContext, id: string, body: unknown): void {
  const o = asObject(body);
  const { store } = ctx;
  if ('read' in o) {
    if (typeof o['read'] !== 'boolean') throw new RequestError(400, 'parameter_invalid', 'read must be true or false');
    store.updateConversation(id, { read: o['read'] });
  }
  if ('title' in o) {
    const title = o['title'];
    if (title !== null && typeof title !== 'string') throw new RequestError(400, 'parameter_invalid', 'title must be a string');
    store.updateConversation(id, { title });
  }
  if ('custom_attributes' in o) {
    const attributes = o['custom_attributes'];
    if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) throw new RequestError(400, 'parameter_invalid', 'custom_attributes must be an object');
    const c = store.live(id);
    for (const [key, value] of Object.entries(attributes)) {
      if (typeof value !== 'string' && typeof value !== 'number') throw new RequestError(400, 'parameter_invalid', `custom_attributes.${key} must be a string or a number`);
      c.customAttributes[key] = value;
    }
    store.updateConversation(id, {});
  }
  if ('priority' in o && (ctx.version === 'Preview' || ctx.version === 'Unstable')) {
    const priority = o['priority'];
    if (typeof priority !== 'string' || !(PRIORITY_LEVELS as readonly string[]).includes(priority)) {
      throw new RequestError(400, 'parameter_invalid', `priority must be one of ${PRIORITY_LEVELS.join(', ')}`);
    }
    store.setPriority(id, idParam(o, 'admin_id'), priority as PriorityLevel);
  }
}

function tagName(body: unknown): string {
  const o = asObject(body);
  const name = o['name'];
  if (typeof name !== 'string' || name.trim() === '') {
    const err = new RequestError(400, 'parameter_invalid', 'name is a required parameter');
    err.field = 'name';
    throw err;
  }
  return name.trim();
}

function search(ctx: ApiContext, body: unknown, serialize: SerializeContext): ApiResult {
  const page = searchConversations(ctx.store, body);
  const conversations: Record<string, unknown>[] = page.conversations.map((c) => ({ ...serializeListItem(c, serialize) }));
  const defect = conversations.length > 0 ? claimMalformed(ctx.faults) : null;
  const spoiled = conversations[Math.floor(conversations.length / 2)];
  if (defect && spoiled) {
    if (defect === 'missing_id') delete spoiled['id'];
    else spoiled['created_at'] = new Date(Number(spoiled['created_at']) * 1000).toISOString();
  }
  return {
    status: 200,
    body: {
      type: 'conversation.list',
      pages: {
        type: 'pages',
        page: page.page,
        per_page: page.perPage,
        total_pages: page.totalPages,
        // Intercom leaves `next` out on the last page.
        ...(page.nextCursor === null ? {} : { next: { page: page.page + 1, starting_after: page.nextCursor, per_page: page.perPage } }),
      },
      total_count: page.totalCount,
      conversations,
    },
  };
}

function deletedConversations(ctx: ApiContext, query: URLSearchParams): ApiResult {
  if (!atLeast216(ctx.version)) throw new RequestError(400, 'intercom_version_invalid', 'Requested resource is not available in current API version.');
  const perPage = Number(query.get('per_page') ?? 20);
  const page = Number(query.get('page') ?? 1);
  const order = query.get('order') ?? 'desc';
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > DELETED_MAX_PER_PAGE) {
    throw new RequestError(400, 'parameter_invalid', `per_page must be an integer from 1 to ${DELETED_MAX_PER_PAGE}`);
  }
  if (!Number.isInteger(page) || page < 1) throw new RequestError(400, 'parameter_invalid', 'page must be a positive integer');
  if (order !== 'asc' && order !== 'desc') throw new RequestError(400, 'parameter_invalid', 'order must be asc or desc');
  const all = ctx.store.deleted().sort((a, b) => (order === 'asc' ? 1 : -1) * ((a.deletedAt ?? 0) - (b.deletedAt ?? 0) || Number(a.id) - Number(b.id)));
  const totalPages = Math.ceil(all.length / perPage);
  return {
    status: 200,
    body: {
      type: 'conversations.list',
      total_count: all.length,
      pages: {
        type: 'pages',
        next: page < totalPages ? `${ctx.baseUrl}/conversations/deleted?per_page=${perPage}&order=${order}&page=${page + 1}` : null,
        page,
        per_page: perPage,
        total_pages: totalPages,
      },
      conversations: all
        .slice((page - 1) * perPage, page * perPage)
        .map((c) => ({ type: 'conversation', id: c.id, metrics_retained: true, deleted_at: seconds(c.deletedAt ?? 0) })),
    },
  };
}

export function routeApi(method: string, pathname: string, query: URLSearchParams, body: unknown, ctx: ApiContext): ApiResult {
  const { store } = ctx;
  const serialize: SerializeContext = { workspace: store.workspace, fiveLevelPriority: atLeast216(ctx.version) };
  const conversation = (id: string): ApiResult => ({ status: 200, body: serializeConversation(store.live(id), serialize) });

  if (method === 'GET' && pathname === '/me') {
    const me = store.admin(store.meId);
    if (!me) throw NOT_FOUND();
    return { status: 200, body: serializeMe(me) };
  }
  if (method === 'GET' && pathname === '/admins') {
    return { status: 200, body: { type: 'admin.list', admins: store.workspace.admins.map(serializeAdmin) } };
  }
  if (method === 'POST' && pathname === '/conversations/search') return search(ctx, body, serialize);
  if (method === 'GET' && pathname === '/conversations/deleted') return deletedConversations(ctx, query);
  if (method === 'GET' && pathname === '/tags') {
    return { status: 200, body: { type: 'list', data: store.tags().map((t) => ({ type: 'tag', id: t.id, name: t.name })) } };
  }
  if (method === 'GET' && pathname === '/macros') return listMacros(ctx.version, query);
  if (method === 'POST' && pathname === '/tags') {
    const tag = store.findOrCreateTag(tagName(body));
    return { status: 200, body: { type: 'tag', id: tag.id, name: tag.name } };
  }

  let m = /^\/macros\/(\d{1,20})$/.exec(pathname);
  if (m && method === 'GET') return getMacro(ctx.version, m[1] ?? '');
  m = /^\/admins\/(\d{1,12})$/.exec(pathname);
  if (m && method === 'GET') {
    const admin = store.admin(m[1] ?? '');
    if (!admin) throw new RequestError(404, 'admin_not_found', 'Admin for admin_id not found');
    return { status: 200, body: serializeAdmin(admin) };
  }
  m = /^\/conversations\/(\d{1,20})(\/reply|\/parts|\/tags)?$/.exec(pathname);
  if (m) {
    const id = m[1] ?? '';
    if (method === 'GET' && m[2] === undefined) return conversation(id);
    if (method === 'PUT' && m[2] === undefined) {
      store.live(id);
      update(ctx, id, body);
      return conversation(id);
    }
    if (method === 'POST' && m[2] === '/tags') {
      store.live(id);
      const o = asObject(body);
      return { status: 200, body: serializeTag(store.tagConversation(id, idParam(o, 'admin_id'), idParam(o, 'id'))) };
    }
    if (method === 'POST' && m[2] === '/reply') {
      store.live(id);
      reply(store, id, body);
      return conversation(id);
    }
    if (method === 'POST' && m[2] === '/parts') {
      store.live(id);
      manage(store, id, body);
      return conversation(id);
    }
  }
  m = /^\/conversations\/(\d{1,20})\/tags\/(\d{1,20})$/.exec(pathname);
  if (m && method === 'DELETE') {
    const id = m[1] ?? '';
    store.live(id);
    const tag = store.untagConversation(id, idParam(asObject(body), 'admin_id'), m[2] ?? '');
    return { status: 200, body: { type: 'tag', id: tag.id, name: tag.name } };
  }
  m = /^\/contacts\/([0-9a-f]{24})$/.exec(pathname);
  if (m && method === 'GET') {
    const contact = store.workspace.contacts.get(m[1] ?? '');
    if (!contact) throw new RequestError(404, 'not_found', 'User Not Found');
    return { status: 200, body: serializeContact(contact, store.workspace) };
  }
  m = /^\/companies\/([0-9a-f]{24})$/.exec(pathname);
  if (m && method === 'GET') {
    const company = store.workspace.companies.get(m[1] ?? '');
    if (!company) throw new RequestError(404, 'company_not_found', 'Company Not Found');
    return { status: 200, body: serializeCompany(company) };
  }
  throw NOT_FOUND();
}
