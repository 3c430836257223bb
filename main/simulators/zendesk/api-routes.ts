/** The Zendesk API routes the simulator serves (after faults and authentication have been applied). */

import { ticketAudits } from './audits.ts';
import { ticketComments } from './comments.ts';
import { incrementalTicketExport, type ApiResult } from './cursor-export.ts';
import { listCustomStatuses } from './custom-statuses.ts';
import { deletedTickets } from './deleted-tickets.ts';
import { activeMacros } from './macros.ts';
import { searchExport } from './search-export.ts';
import { anonymousUser, serializeOrganization, serializeTicket, serializeUser, type SideloadCache } from './serialize.ts';
import type { TicketStore } from './store.ts';
import { incrementalTicketEvents } from './ticket-events-export.ts';

export const NOT_FOUND: ApiResult = { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
export const UNAUTHORIZED: ApiResult = { status: 401, body: { error: "Couldn't authenticate you" } };
/** What Zendesk answers an agent asking for an admin-only endpoint. */
export const FORBIDDEN: ApiResult = {
  status: 403,
  body: { error: 'Forbidden', description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.' },
};

export interface ApiContext {
  store: TicketStore;
  cache: SideloadCache;
  baseUrl: string;
  authorized: boolean;
  /** The signed-in user's id when they are an agent rather than an admin: admin-only routes answer 403. */
  agentId: number | null;
  defaultPerPage: number;
  /** How long a changed ticket takes to be found by the search. */
  searchIndexLagMs: number;
}

const SHOW_MANY_LIMIT = 100;

function parseIds(raw: string | null): number[] | null {
  if (raw === null || raw.trim() === '') return null;
  const ids: number[] = [];
  for (const part of raw.split(',')) {
    const s = part.trim();
    if (!/^\d{1,16}$/.test(s)) return null;
    ids.push(Number(s));
  }
  return ids;
}

function showMany(raw: string | null): number[] | ApiResult {
  const ids = parseIds(raw);
  if (ids === null) return { status: 400, body: { error: 'InvalidValue', description: 'ids must be a comma-separated list of ids' } };
  if (ids.length > SHOW_MANY_LIMIT) return { status: 400, body: { error: 'InvalidValue', description: `Too many ids (maximum ${SHOW_MANY_LIMIT})` } };
  return ids;
}

export function routeApi(method: string, pathname: string, query: URLSearchParams, ctx: ApiContext): ApiResult {
  const { store, baseUrl } = ctx;
  if (method !== 'GET') return NOT_FOUND;

  // Live Zendesk answers bad or missing credentials on this one route with 200 and an anonymous user.
  if (pathname === '/api/v2/users/me.json') {
    if (!ctx.authorized) return { status: 200, body: { user: anonymousUser() } };
    const me = store.users.get(ctx.agentId ?? store.meId);
    return me ? { status: 200, body: { user: serializeUser(me, baseUrl) } } : NOT_FOUND;
  }
  if (!ctx.authorized) return UNAUTHORIZED;

  // The incremental exports are for admins only.
  if (pathname.startsWith('/api/v2/incremental/') && ctx.agentId !== null) return FORBIDDEN;
  if (pathname === '/api/v2/search/export.json') return searchExport(store, baseUrl, query, ctx.searchIndexLagMs);
  if (pathname === '/api/v2/custom_statuses.json') return listCustomStatuses(query);
  if (pathname === '/api/v2/macros/active.json') return activeMacros(baseUrl);
  if (pathname === '/api/v2/deleted_tickets.json') return deletedTickets(store, baseUrl, query);
  if (pathname === '/api/v2/incremental/tickets/cursor.json') {
    return incrementalTicketExport(store, ctx.cache, baseUrl, query, ctx.defaultPerPage);
  }
  if (pathname === '/api/v2/incremental/ticket_events.json') return incrementalTicketEvents(store, baseUrl, query);
  if (pathname === '/api/v2/users/show_many.json') {
    const ids = showMany(query.get('ids'));
    if (!Array.isArray(ids)) return ids;
    return { status: 200, body: { users: ids.flatMap((id) => { const u = store.users.get(id); return u ? [serializeUser(u, baseUrl)] : []; }) } };
  }
  if (pathname === '/api/v2/organizations/show_many.json') {
    const ids = showMany(query.get('ids'));
    if (!Array.isArray(ids)) return ids;
    return {
      status: 200,
      body: { organizations: ids.flatMap((id) => { const o = store.orgs.get(id); return o ? [serializeOrganization(o, baseUrl)] : []; }) },
    };
  }
  let m = /^\/api\/v2\/tickets\/(\d{1,16})\/comments\.json$/.exec(pathname);
  if (m) return ticketComments(store, baseUrl, Number(m[1]), query);
  m = /^\/api\/v2\/tickets\/(\d{1,16})\/audits\.json$/.exec(pathname);
  if (m) return ticketAudits(store, baseUrl, Number(m[1]), query);
  m = /^\/api\/v2\/tickets\/(\d{1,16})\.json$/.exec(pathname);
  if (m) {
    const t = store.tickets.get(Number(m[1]));
    if (!t || t.status === 'deleted') return NOT_FOUND;
    return { status: 200, body: { ticket: serializeTicket(t, baseUrl, store.users.get(t.requesterId), false) } };
  }
  m = /^\/api\/v2\/users\/(\d{1,16})\.json$/.exec(pathname);
  if (m) {
    const u = store.users.get(Number(m[1]));
    return u ? { status: 200, body: { user: serializeUser(u, baseUrl) } } : NOT_FOUND;
  }
  m = /^\/api\/v2\/organizations\/(\d{1,16})\.json$/.exec(pathname);
  if (m) {
    const o = store.orgs.get(Number(m[1]));
    return o ? { status: 200, body: { organization: serializeOrganization(o, baseUrl) } } : NOT_FOUND;
  }
  return NOT_FOUND;
}
