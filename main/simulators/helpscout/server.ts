/**
 * Help Scout Mailbox API 2.0 simulator: a plain node:http server on 127.0.0.1 serving what a Help Scout connector
 * uses (OAuth client credentials, conversations and threads, customers, organizations, users, mailboxes, replies,
 * notes, status and tag changes), with deterministic seed data, simulated activity, fault knobs and control routes.
 *
 * Help Scout publishes no machine-readable spec: the shapes follow its documentation examples and the official PHP
 * client's fixtures. Where the docs are silent the simulator makes a choice and says so:
 * - `status` defaults to active only; `status=all` is active, pending and closed, never spam (ask `status=spam`);
 *   `status=open` is active and pending. A conversation marked as spam therefore drops out of a status=all sync.
 * - Deleted conversations leave every list and their ids answer 404: nothing announces a deletion.
 * - `modifiedSince` takes only `yyyy-MM-ddTHH:mm:ssZ` and means modified strictly after; the conversation object has
 *   no modifiedAt field (as documented), so a client keeps its own high-water mark.
 * - Lists are paged by offset over the live state, 25 conversations (50 of anything else) a page: a conversation
 *   changed while a client pages moves (to the end, under sortField=modifiedAt&sortOrder=asc) and shifts the rows
 *   after it, so a client that just follows `next` misses one row and sees another twice.
 * - The customer's plan lives in an organization property (`plan`: Free, Starter, Growth, Enterprise), next to
 *   `customer-id`, `api-key-prefix` and `timezone`; GET /v2/organizations/{id} shows properties only with
 *   includeProperties=true. Customers link to their organization by organizationId.
 * - Severity is a tag, p1 to p4, in whatever case the agent typed ("P1", "p2"); there is no priority field.
 * - Tokens last `tokenLifetimeSeconds` of the injected clock; an expired one answers 401 invalid_token.
 * - Rate limit: 200 a minute by default, writes count 2, 12 writes per 5 s; 429 carries Retry-After and
 *   X-RateLimit-Retry-After.
 * - A conversation nobody closed has closedBy 0 and an "unknown" closedByUser, and no closedAt.
 * - A conversation list with embed=threads truncates chat threads; GET /v2/conversations/{id} does not.
 * - Writes are counted per route, received and applied (`writes`, GET /__control/writes), and the knob
 *   `dropAfterWriteNext` applies a write and then drops the connection without answering.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { claimTruncate, takenByFault } from '../common/faults.ts';
import { bearerToken, BodyTooLargeError, isJsonRequest, parseJson } from '../common/http.ts';
import { startSimulatorServer, type LoggedRequest } from '../common/simulator-server.ts';
import { routeApi } from './api-routes.ts';
import { DEFAULT_TOKEN_LIFETIME_SECONDS, TokenStore, tokenRequest } from './auth.ts';
import { routeControl } from './control-routes.ts';
import { claimDropAfterWrite, createFaults, type FaultKnobs } from './faults.ts';
import {
  faultMessage,
  PLAIN_JSON,
  RATE_LIMIT_PER_MINUTE,
  RATE_LIMITED_BODY,
  RateLimiter,
  rateLimitedHeaders,
  readBody,
  sendEmpty,
  sendJson,
  vndError,
} from './http.ts';
import { conversationJson } from './serialize.ts';
import { ConversationStore, type ConversationPatch, type NewConversationInput } from './store.ts';
import type { HelpScoutConversation } from './types.ts';
import { countWrite, createWriteCounts, type WriteCounts, writeRouteOf } from './write-counts.ts';

export type { FaultKnobs } from './faults.ts';
export type { ConversationPatch, NewConversationInput } from './store.ts';
export type {
  HelpScoutConversation,
  HelpScoutCustomer,
  HelpScoutMailbox,
  HelpScoutOrganization,
  HelpScoutThread,
  HelpScoutUser,
} from './types.ts';
export type { WriteCounts } from './write-counts.ts';

export interface HelpScoutSimulatorOptions {
  /** Deterministic seed (default 1). */
  seed?: number;
  /** Number of mailboxes, 1 to 4: API Support, Billing, Enterprise, Partners (default 2). */
  mailboxes?: number;
  /** Number of customer organizations (default 300). */
  organizations?: number;
  /** Number of seeded conversations (default 500). */
  conversations?: number;
  /** The OAuth app's credentials (default triage-desk-demo / demo-secret). */
  clientId?: string;
  clientSecret?: string;
  /** The email of the user the app belongs to, the one /v2/users/me answers (default agent@demo.test). */
  meEmail?: string;
  /** Injected clock, epoch ms (default Date.now). */
  now?: () => number;
  /** Every N ms add a conversation or a customer reply; false = off (default false). */
  activityIntervalMs?: number | false;
  /** Access token lifetime in seconds of the injected clock (default 172800, Help Scout's 48 hours). */
  tokenLifetimeSeconds?: number;
  /** The account's requests per minute (default 200). */
  rateLimitPerMinute?: number;
  /** Port on 127.0.0.1 (default 0: a free port). */
  port?: number;
}

export interface HelpScoutSimulator {
  /** Base URL, e.g. http://127.0.0.1:43567 (API at /v2/..., token at /v2/oauth2/token). */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  close(): Promise<void>;
  /** A customer writes in now (defaults: a random customer, a catalog template, status active); returns it as the API serves it. */
  addConversation(input?: NewConversationInput): HelpScoutConversation;
  /** The customer writes again: a customer thread, the conversation reactivated and moved to the end of modifiedAt order. */
  addCustomerReply(conversationId: number, text?: string): void;
  /** Changes fields as an agent would (status and assignee changes leave line items). */
  updateConversation(conversationId: number, patch: ConversationPatch): void;
  markSpam(conversationId: number): void;
  /** Deletes the conversation: gone from every list, its id answers 404. */
  deleteConversation(conversationId: number): void;
  /** One unit of simulated activity, what the timer does. */
  stepActivity(): void;
  /** Expires every token issued so far, now (the "token expired mid-sync" fault); returns how many were valid. */
  expireTokens(): number;
  /** Fault knobs, consumed per API request. */
  readonly faults: FaultKnobs;
  /** Writes received and applied, per route ("POST /v2/conversations/{id}/reply"). */
  readonly writes: WriteCounts;
  /** The last 1000 requests (method and path with query), oldest first. */
  readonly requests: LoggedRequest[];
}

export const DEFAULT_CLIENT = { clientId: 'triage-desk-demo', clientSecret: 'demo-secret' } as const;
const TOKEN_PATH = '/v2/oauth2/token';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The token request's parameters: query string, then a form-encoded or JSON body. */
async function tokenParams(req: IncomingMessage, url: URL): Promise<Map<string, string>> {
  const params = new Map(url.searchParams);
  const text = await readBody(req);
  if (isJsonRequest(req)) {
    const body = parseJson(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string') params.set(k, v);
    }
  } else {
    for (const [k, v] of new URLSearchParams(text)) params.set(k, v);
  }
  return params;
}

export async function startHelpScoutSimulator(options: HelpScoutSimulatorOptions = {}): Promise<HelpScoutSimulator> {
  const now = options.now ?? Date.now;
  const clientId = options.clientId ?? DEFAULT_CLIENT.clientId;
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT.clientSecret;
  const store = new ConversationStore({
    seed: options.seed ?? 1,
    organizations: options.organizations ?? 300,
    conversations: options.conversations ?? 500,
    mailboxes: options.mailboxes ?? 2,
    meEmail: options.meEmail ?? 'agent@demo.test',
    now,
  });
  const tokens = new TokenStore(now, options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS);
  const faults = createFaults();
  const writes = createWriteCounts();
  const limiter = new RateLimiter(now, options.rateLimitPerMinute ?? RATE_LIMIT_PER_MINUTE);
  let baseUrl = '';

  const controlContext = {
    store,
    faults,
    writes,
    clientId,
    tokenLifetimeSeconds: tokens.lifetimeSeconds,
    rateLimitPerMinute: limiter.perMinute,
    stepActivity: () => store.stepActivity(),
    expireTokens: () => tokens.expireAll(),
    get baseUrl() {
      return baseUrl;
    },
  };

  async function handleToken(req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<void> {
    if (method !== 'POST') {
      sendJson(res, 405, vndError('Method not allowed'));
      return;
    }
    let params: Map<string, string>;
    try {
      params = await tokenParams(req, url);
    } catch {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'Malformed request body' }, { contentType: PLAIN_JSON });
      return;
    }
    const answer = tokenRequest(params, { clientId, clientSecret }, tokens);
    sendJson(res, answer.status, answer.body, { contentType: PLAIN_JSON });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<void> {
    if (url.pathname === TOKEN_PATH) return handleToken(req, res, method, url);
    if (!url.pathname.startsWith('/v2/')) {
      sendJson(res, 404, vndError('Resource not found'));
      return;
    }
    const writeRoute = writeRouteOf(method, url.pathname);
    if (writeRoute !== null) countWrite(writes.received, writeRoute);

    const taken = await takenByFault(req, faults, {
      rateLimited: (retryAfterSeconds) => sendJson(res, 429, RATE_LIMITED_BODY, { headers: rateLimitedHeaders(limiter.headers(), retryAfterSeconds) }),
      failed: (status) => sendJson(res, status, vndError(faultMessage(status)), { headers: limiter.headers() }),
    });
    if (taken) return;

    const token = bearerToken(req);
    const check = tokens.check(token);
    if (check !== 'valid') {
      // Help Scout answers as its OAuth resource server does, not in vnd.error.
      const body =
        token === null
          ? { error: 'unauthorized', error_description: 'Full authentication is required to access this resource' }
          : { error: 'invalid_token', error_description: check === 'expired' ? 'Access token expired' : 'Invalid access token' };
      sendJson(res, 401, body, { contentType: PLAIN_JSON, headers: { 'www-authenticate': `Bearer realm="api", error="${body.error}", error_description="${body.error_description}"` } });
      return;
    }

    const decision = limiter.take(WRITE_METHODS.has(method));
    if (!decision.allowed) {
      sendJson(res, 429, RATE_LIMITED_BODY, { headers: decision.headers });
      return;
    }

    let body: unknown = undefined;
    if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      try {
        const text = await readBody(req);
        if (text.trim() !== '' && !isJsonRequest(req)) {
          sendJson(res, 415, vndError('Content type not supported, use application/json'), { headers: decision.headers });
          return;
        }
        body = parseJson(text);
      } catch (err) {
        const status = err instanceof BodyTooLargeError ? 413 : 400;
        sendJson(res, status, vndError(status === 413 ? 'Request entity too large' : 'Malformed JSON'), { headers: decision.headers });
        return;
      }
    }

    const result = routeApi(method, url.pathname, url.searchParams, body, { store, baseUrl, faults, userId: store.meId });
    if (writeRoute !== null && result.status < 300) {
      countWrite(writes.applied, writeRoute);
      if (claimDropAfterWrite(faults)) {
        req.socket.destroy();
        return;
      }
    }
    const headers = { ...decision.headers, ...result.headers };
    if (result.body === undefined) sendEmpty(res, result.status, headers);
    else sendJson(res, result.status, result.body, { headers, truncate: claimTruncate(faults) });
  }

  const server = await startSimulatorServer({
    port: options.port,
    control: {
      readJson: async (req) => parseJson(await readBody(req)),
      route: (method, pathname, body) => routeControl(method, pathname, body, controlContext),
      send: (res, status, body) => sendJson(res, status, body, { contentType: PLAIN_JSON }),
      // Control routes answer in the Zendesk simulator's shape, not in vnd.error.
      refusal: ({ name, message }) => ({ error: name, description: message }),
    },
    handleApi,
    sendInternalError: (res, message) => sendJson(res, 500, vndError(message)),
    activityIntervalMs: options.activityIntervalMs,
    stepActivity: () => store.stepActivity(),
  });
  baseUrl = server.url;

  return {
    url: baseUrl,
    clientId,
    clientSecret,
    faults,
    writes,
    requests: server.requests,
    close: () => server.close(),
    addConversation(input?: NewConversationInput) {
      return conversationJson({ store, baseUrl }, store.addConversation(input), { embedThreads: true });
    },
    addCustomerReply(conversationId: number, text?: string) {
      store.addCustomerReply(conversationId, text);
    },
    updateConversation(conversationId: number, patch: ConversationPatch) {
      store.updateConversation(conversationId, patch);
    },
    markSpam(conversationId: number) {
      store.markSpam(conversationId);
    },
    deleteConversation(conversationId: number) {
      store.deleteConversation(conversationId);
    },
    stepActivity() {
      store.stepActivity();
    },
    expireTokens() {
      return tokens.expireAll();
    },
  };
}
