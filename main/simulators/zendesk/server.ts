/**
 * Zendesk Support API simulator: a plain node:http server on 127.0.0.1 serving the endpoints the Zendesk
 * connector uses, with deterministic seed data, simulated activity, fault knobs and control routes.
 * The demo workspace and the tests run it; see README-like notes in each module.
 *
 * API routes (Basic auth with an API token; faults and rate-limit headers apply to all):
 *   GET /api/v2/users/me.json, /users/{id}.json, /users/show_many.json, /organizations/{id}.json,
 *       /organizations/show_many.json, /tickets/{id}.json
 *   GET /api/v2/incremental/tickets/cursor.json      cursor export of tickets (cursor-export.ts)
 *   GET /api/v2/tickets/{id}/comments.json           a ticket's comments, cursor-paginated (comments.ts)
 *   GET /api/v2/tickets/{id}/audits.json             a ticket's history, cursor-paginated (audits.ts)
 *   GET /api/v2/incremental/ticket_events.json       time-based export of every audit (ticket-events-export.ts)
 *   GET /api/v2/search/export.json                   Export Search Results for tickets (search-export.ts)
 *   GET /api/v2/custom_statuses.json                 the custom ticket statuses (custom-statuses.ts)
 *   GET /api/v2/deleted_tickets.json                 deleted tickets, cursor-paginated (deleted-tickets.ts)
 *   GET /api/v2/macros/active.json                   the team's shared macros (macros.ts)
 *   PUT /api/v2/tickets/{id}.json                    an agent's reply or note and field changes (ticket-update.ts)
 * Writes are counted per route, received and applied (`writes`, GET /__control/writes), and the knob
 * `dropAfterWriteNext` applies a write and then drops the connection without answering.
 * The incremental exports are admin-only: the agent's token (agentCredentials) gets 403 there.
 * OAuth (oauth.ts): GET /oauth/authorizations/new and POST /oauth/tokens; the API routes take the Bearer tokens issued
 * there (the admin's, like the main API token) alongside API-token Basic auth, and answer 401 invalid_token to an
 * expired or revoked one.
 * Control routes for tests and the demo: see control-routes.ts.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { claimTruncate, takenByFault } from '../common/faults.ts';
import { BodyTooLargeError, bearerToken, readJsonBody } from '../common/http.ts';
import { startSimulatorServer, type LoggedRequest } from '../common/simulator-server.ts';
import { countWrite, createWriteCounts, type WriteCounts } from '../common/write-counts.ts';
import { createActivity } from './activity.ts';
import { routeApi, UNAUTHORIZED } from './api-routes.ts';
import { routeControl } from './control-routes.ts';
import { MAX_PER_PAGE } from './cursor-export.ts';
import { claimDropAfterWrite, createFaults, faultsApplyTo, type FaultKnobs } from './faults.ts';
import { errorBody, isAuthorized, RateLimitWindow, sendJson } from './http.ts';
import { ZendeskOAuth, type OAuthSettings } from './oauth.ts';
import { handleOAuth, INVALID_TOKEN } from './oauth-routes.ts';
import { serializeAudit, serializeTicket, SideloadCache } from './serialize.ts';
import { SimulatorInputError, TicketStore, type NewTicketInput, type TicketPatch } from './store.ts';
import { updateTicket, writeRouteOf } from './ticket-update.ts';
import type { SimTicket, ZendeskAudit } from './types.ts';

export type { FaultKnobs } from './faults.ts';
export type { NewTicketInput, TicketPatch } from './store.ts';
export type { WriteCounts } from '../common/write-counts.ts';
export type { SimTicket, ZendeskAudit, ZendeskAuditEvent, ZendeskComment, ZendeskOrganization, ZendeskTicket, ZendeskTicketEvent, ZendeskUser } from './types.ts';
export { decodeCursor, encodeCursor } from './cursor-export.ts';

export interface ZendeskSimulatorOptions {
  /** Deterministic seed (default 1). */
  seed?: number;
  /** Number of customer organizations (default 300). */
  organizations?: number;
  /** Number of seeded tickets (default 500). */
  tickets?: number;
  /** The agent's API-token credentials (default agent@demo.test / demo-token). */
  credentials?: { email: string; token: string };
  /**
   * The API token of a second signed-in user whose role is agent, not admin (default demo-agent-token): the
   * incremental exports answer it 403, as Zendesk's admin-only exports do. Its email is the first agent's.
   */
  agentToken?: string;
  /** The OAuth client and token lifetimes (default client triage-desk, Zendesk's 30-minute and 30-day lifetimes). */
  oauth?: Partial<OAuthSettings>;
  /** Injected clock, epoch ms (default Date.now). */
  now?: () => number;
  /** Every N ms add a ticket or a customer reply; false = off (default false; the demo uses about 4000). */
  activityIntervalMs?: number | false;
  /** Default per_page of the cursor export (default 100; clients may ask for up to 1000 with ?per_page). */
  pageSize?: number;
  /** Port on 127.0.0.1 (default 0: a free port). */
  port?: number;
  /** The budget the rate-limit headers report (default 700 a minute, Zendesk Enterprise's). */
  rateLimitPerMinute?: number;
}

export interface ZendeskSimulator {
  /** Base URL, e.g. http://127.0.0.1:43567 (the connector's baseUrl). */
  readonly url: string;
  readonly credentials: { email: string; token: string };
  /** An agent's (not an admin's) API-token credentials: see `agentToken`. */
  readonly agentCredentials: { email: string; token: string };
  /** The OAuth server: its settings (changeable), issue() a signed-in pair, revokeAll(), the refreshes granted. */
  readonly oauth: ZendeskOAuth;
  close(): Promise<void>;
  /** Files a ticket now (defaults: a random customer, a catalog template, status new); returns it as the API serves it. */
  addTicket(input?: NewTicketInput): SimTicket;
  /** Appends a public customer comment, bumps updated_at and moves the ticket to the end of the export. */
  addCustomerReply(ticketId: number, body?: string): void;
  /**
   * Changes fields (status, priority, assignee, tags...) and moves the ticket to the end of the export. An audit
   * records one Change per changed field, made by `patch.authorId` (default the agent; -1 for an automation).
   */
  updateTicket(ticketId: number, patch: TicketPatch): void;
  /** Deletes the ticket: it shows in the export with status "deleted" and is gone from the other routes. */
  deleteTicket(ticketId: number): void;
  /** The ticket's audits as audits.json serves them, oldest first (deleted tickets' too); throws for unknown ids. */
  audits(ticketId: number): ZendeskAudit[];
  /** One unit of simulated activity, what the timer does. */
  stepActivity(): void;
  /** Fault knobs, consumed per API request. */
  readonly faults: FaultKnobs;
  /** The last 1000 requests (method and path with query), oldest first. */
  readonly requests: LoggedRequest[];
  /** Writes received and applied, per route ("PUT /api/v2/tickets/{id}.json"). */
  readonly writes: WriteCounts;
}

export const DEFAULT_CREDENTIALS = { email: 'agent@demo.test', token: 'demo-token' } as const;

export async function startZendeskSimulator(options: ZendeskSimulatorOptions = {}): Promise<ZendeskSimulator> {
  const now = options.now ?? Date.now;
  const credentials = { ...(options.credentials ?? DEFAULT_CREDENTIALS) };
  const defaultPerPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(options.pageSize ?? 100)));
  const store = new TicketStore({
    seed: options.seed ?? 1,
    organizations: options.organizations ?? 300,
    tickets: options.tickets ?? 500,
    agentEmail: credentials.email,
    now,
  });
  const agentUser = [...store.users.values()].find((user) => user.role === 'agent');
  if (!agentUser) throw new Error('the seeded team has no agent');
  const agentId = agentUser.id;
  const agentCredentials = { email: agentUser.email, token: options.agentToken ?? 'demo-agent-token' };
  const faults = createFaults();
  const activity = createActivity(store);
  const rateLimit = new RateLimitWindow(now, options.rateLimitPerMinute);
  const sideloads = new SideloadCache();
  const oauth = new ZendeskOAuth(now, options.oauth);
  const writes = createWriteCounts();
  let baseUrl = '';

  const controlContext = { store, faults, oauth, writes, stepActivity: () => activity.step(), get baseUrl() { return baseUrl; } };

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<void> {
    if (url.pathname.startsWith('/oauth/')) return handleOAuth(req, res, method, url, oauth);
    if (!url.pathname.startsWith('/api/')) {
      sendJson(res, 404, { error: 'RecordNotFound', description: 'Not found' }, { headers: rateLimit.take() });
      return;
    }
    const writeRoute = writeRouteOf(method, url.pathname);
    if (writeRoute !== null) countWrite(writes.received, writeRoute);
    const faulty = faultsApplyTo(faults, url.pathname);
    const taken = faulty && await takenByFault(req, faults, {
      rateLimited: (retryAfterSeconds) =>
        sendJson(
          res,
          429,
          { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' },
          { headers: { ...rateLimit.take(true), 'retry-after': String(retryAfterSeconds) } },
        ),
      failed: (status) => sendJson(res, status, errorBody(status), { headers: rateLimit.take() }),
    });
    if (taken) return;
    const bearer = bearerToken(req);
    if (bearer !== null && oauth.checkAccessToken(bearer) !== 'valid') {
      sendJson(res, INVALID_TOKEN.status, INVALID_TOKEN.body, { headers: rateLimit.take() });
      return;
    }
    const truncate = faulty && claimTruncate(faults);
    const agent = isAuthorized(req, agentCredentials);
    const authorized = agent || bearer !== null || isAuthorized(req, credentials);
    if (writeRoute !== null) {
      await handleWrite(req, res, url, writeRoute, { authorized, authorId: agent ? agentId : store.meId, truncate });
      return;
    }
    const result = routeApi(method, url.pathname, url.searchParams, {
      store,
      cache: sideloads,
      baseUrl,
      authorized,
      agentId: agent ? agentId : null,
      defaultPerPage,
      searchIndexLagMs: faults.searchIndexLagMs,
    });
    // The Date header is the simulator's clock, which a client may take as the helpdesk's time.
    sendJson(res, result.status, result.body, { headers: { ...rateLimit.take(), date: new Date(now()).toUTCString() }, truncate });
  }

  /** A write by the signed-in user (the agent's token writes as the agent, any other credentials as `meId`). */
  async function handleWrite(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    route: string,
    request: { authorized: boolean; authorId: number; truncate: boolean },
  ): Promise<void> {
    const headers = { ...rateLimit.take(), date: new Date(now()).toUTCString() };
    if (!request.authorized) {
      sendJson(res, UNAUTHORIZED.status, UNAUTHORIZED.body, { headers });
      return;
    }
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch (error) {
      const tooLarge = error instanceof BodyTooLargeError;
      sendJson(res, tooLarge ? 413 : 400, { error: tooLarge ? 'RequestTooLarge' : 'InvalidJSON', description: tooLarge ? 'Request body too large' : 'The body is not valid JSON' }, { headers });
      return;
    }
    const result = updateTicket(store, baseUrl, url.pathname, body, request.authorId);
    if (result.status < 300) {
      countWrite(writes.applied, route);
      if (claimDropAfterWrite(faults)) {
        req.socket.destroy();
        return;
      }
    }
    sendJson(res, result.status, result.body, { headers, truncate: request.truncate });
  }

  const server = await startSimulatorServer({
    port: options.port,
    control: {
      route: (method, pathname, body) => routeControl(method, pathname, body, controlContext),
      send: sendJson,
      refusal: ({ name, message }) => ({ error: name, description: message }),
    },
    handleApi,
    sendInternalError: (res, message) => sendJson(res, 500, { error: 'InternalServerError', description: message }),
    activityIntervalMs: options.activityIntervalMs,
    stepActivity: () => activity.step(),
  });
  baseUrl = server.url;

  return {
    url: baseUrl,
    credentials,
    agentCredentials,
    faults,
    oauth,
    requests: server.requests,
    writes,
    close: () => server.close(),
    addTicket(input?: NewTicketInput) {
      const t = store.addTicket(input);
      return serializeTicket(t, baseUrl, store.users.get(t.requesterId), true);
    },
    addCustomerReply(ticketId: number, body?: string) {
      store.addCustomerReply(ticketId, body);
    },
    updateTicket(ticketId: number, patch: TicketPatch) {
      store.updateTicket(ticketId, patch);
    },
    deleteTicket(ticketId: number) {
      store.deleteTicket(ticketId);
    },
    audits(ticketId: number) {
      const t = store.tickets.get(ticketId);
      if (!t) throw new SimulatorInputError(404, `ticket ${ticketId} not found`);
      const comments = store.comments(t);
      return store.audits(t).map((a) => serializeAudit(a, comments, store.users.get(a.authorId)));
    },
    stepActivity() {
      activity.step();
    },
  };
}
