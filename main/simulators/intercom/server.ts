/**
 * Intercom REST API simulator (API version 2.16): a plain node:http server on 127.0.0.1 serving the endpoints
 * the Intercom connector and the outbox use, with deterministic seed data, simulated activity, fault knobs and
 * control routes. Shapes follow shared/fixtures/intercom/api.intercom.io.2.16.yaml. Writes are counted per route,
 * received and applied (`writes`, GET /__control/writes), and the knob `dropAfterWriteNext` applies a write and then
 * drops the connection without answering.
 */

import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { claimTruncate, takenByFault } from '../common/faults.ts';
import { bearerToken, readJsonBody } from '../common/http.ts';
import { startSimulatorServer, type LoggedRequest } from '../common/simulator-server.ts';
import { countWrite, createWriteCounts, type WriteCounts } from '../common/write-counts.ts';
import { createActivity } from './activity.ts';
import { routeApi } from './api-routes.ts';
import { routeControl } from './control-routes.ts';
import { claimDropAfterWrite, createFaults, type FaultKnobs } from './faults.ts';
import { errorList, type RateLimitBudget, RateLimitWindow, requestedVersion, RequestIds, sendJson, type WindowCount } from './http.ts';
import { serializeConversation } from './serialize.ts';
import { ConversationStore, RequestError, type ConversationPatch, type NewConversationInput } from './store.ts';
import type { IntercomConversation } from './types.ts';
import { writeRouteOf } from './write-routes.ts';

export type { WriteCounts } from '../common/write-counts.ts';
export type { FaultKnobs, MalformedDefect } from './faults.ts';
export type { ConversationPatch, NewConversationInput } from './store.ts';
export type { IntercomCompany, IntercomContact, IntercomConversation, IntercomConversationListItem, IntercomConversationPart, PriorityLevel } from './types.ts';
export { decodeCursor, encodeCursor, MAX_PER_PAGE } from './search.ts';
export { PART_LIMIT } from './serialize.ts';
export { RATE_LIMIT_PER_WINDOW, RATE_LIMIT_WINDOW_MS, type RateLimitBudget, type WindowCount } from './http.ts';

export interface IntercomSimulatorOptions {
  /** Deterministic seed (default 1). */
  seed?: number;
  /** Number of customer companies (default 300). */
  companies?: number;
  /** Number of seeded conversations (default 500). */
  conversations?: number;
  /** The access token clients send as `Authorization: Bearer <token>` (default demo-intercom-token). */
  token?: string;
  /** Injected clock, epoch ms (default Date.now). */
  now?: () => number;
  /** Every N ms start a conversation or add a customer reply; false = off (default false; the demo uses about 4000). */
  activityIntervalMs?: number | false;
  /** Port on 127.0.0.1 (default 0: a free port). */
  port?: number;
  /** The rate limit the headers report (default Intercom's 1,667 per 10 s); a small one tests a client's pacing. */
  rateLimit?: RateLimitBudget;
}

export interface IntercomSimulator {
  /** Base URL, e.g. http://127.0.0.1:43567 (stands for https://api.intercom.io). */
  readonly url: string;
  /** The access token that works now (it changes when rotated). */
  readonly token: string;
  close(): Promise<void>;
  /** Starts a conversation now (defaults: a random contact, a catalog template, open, unassigned); returns it as GET serves it. */
  addConversation(input?: NewConversationInput): IntercomConversation;
  /** The customer writes again: appends a part, bumps updated_at, reopens a closed or snoozed conversation. */
  addCustomerReply(conversationId: string, body?: string): void;
  /** A teammate's changes in the inbox (state, priority, assignees, tags...); each leaves its part and bumps updated_at. */
  updateConversation(conversationId: string, patch: ConversationPatch): void;
  /** Deletes the conversation: 404 on GET, gone from search, listed by GET /conversations/deleted. */
  deleteConversation(conversationId: string): void;
  /** Replaces the access token (ending an expiry, see faults.tokenExpired); returns the new one. */
  rotateToken(token?: string): string;
  /** One unit of simulated activity, what the timer does. */
  stepActivity(): void;
  /** Fault knobs, consumed per API request. */
  readonly faults: FaultKnobs;
  /** Writes received and applied, per route ("POST /conversations/{id}/reply"). */
  readonly writes: WriteCounts;
  /** The last 1000 requests (method and path with query), oldest first. */
  readonly requests: LoggedRequest[];
  /** The API requests that arrived in each window of the rate limit, oldest first. */
  requestsPerWindow(): WindowCount[];
}

export const DEFAULT_TOKEN = 'demo-intercom-token';

const SERVER_ERRORS: Readonly<Record<number, [string, string]>> = {
  500: ['server_error', 'Internal Server Error'],
  502: ['bad_gateway', 'Bad Gateway'],
  503: ['service_unavailable', 'Service Unavailable'],
  504: ['gateway_timeout', 'Gateway Timeout'],
};

function faultError(status: number): [string, string] {
  const text = STATUS_CODES[status] ?? 'Error';
  return SERVER_ERRORS[status] ?? [text.toLowerCase().replaceAll(' ', '_'), text];
}

export async function startIntercomSimulator(options: IntercomSimulatorOptions = {}): Promise<IntercomSimulator> {
  const now = options.now ?? Date.now;
  const baseToken = options.token ?? DEFAULT_TOKEN;
  let token = baseToken;
  let rotations = 0;
  const store = new ConversationStore({
    seed: options.seed ?? 1,
    companies: options.companies ?? 300,
    conversations: options.conversations ?? 500,
    now,
  });
  const faults = createFaults();
  const writes = createWriteCounts();
  const activity = createActivity(store);
  const rateLimit = new RateLimitWindow(now, options.rateLimit);
  const requestIds = new RequestIds();
  let baseUrl = '';

  const rotateToken = (next?: string): string => {
    rotations++;
    token = next ?? `${baseToken}-rotated-${rotations}`;
    faults.tokenExpired = false;
    return token;
  };
  const controlContext = { store, faults, writes, stepActivity: () => activity.step(), rotateToken };

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<void> {
    const requestId = requestIds.next();
    const writeRoute = writeRouteOf(method, url.pathname);
    if (writeRoute !== null) countWrite(writes.received, writeRoute);
    const fail = (status: number, code: string, message: string, headers: Record<string, string> = {}, field?: string): void => {
      sendJson(res, status, errorList(requestId, code, message, field), { headers, requestId });
    };
    const taken = await takenByFault(req, faults, {
      rateLimited: (retryAfterSeconds) =>
        fail(429, 'rate_limit_exceeded', `Exceeded rate limit of ${rateLimit.budget.perWindow} in ${rateLimit.budget.windowMs / 1000}_seconds`, {
          ...rateLimit.take(retryAfterSeconds),
          'retry-after': String(retryAfterSeconds),
        }),
      failed: (status) => {
        const [code, message] = faultError(status);
        fail(status, code, message, rateLimit.take());
      },
    });
    if (taken) return;

    const version = requestedVersion(req);
    if (version === null) {
      fail(400, 'intercom_version_invalid', 'The requested version could not be found', {}, 'Intercom-Version');
      return;
    }
    // Intercom sends no rate-limit headers to unauthenticated requests.
    if (bearerToken(req) !== token || faults.tokenExpired) {
      fail(401, 'unauthorized', 'Access Token Invalid');
      return;
    }
    const headers = rateLimit.take();
    let body: unknown = {};
    if (method === 'POST' || method === 'PUT' || method === 'DELETE') {
      try {
        body = await readJsonBody(req);
      } catch {
        fail(400, 'parameter_invalid', 'the request body is not valid JSON', headers);
        return;
      }
    }
    const truncate = claimTruncate(faults);
    try {
      const result = routeApi(method, url.pathname, url.searchParams, body, { store, faults, version, baseUrl });
      if (writeRoute !== null) {
        countWrite(writes.applied, writeRoute);
        if (claimDropAfterWrite(faults)) {
          req.socket.destroy();
          return;
        }
      }
      sendJson(res, result.status, result.body, { headers, requestId, truncate });
    } catch (err) {
      if (!(err instanceof RequestError)) throw err;
      sendJson(res, err.status, errorList(requestId, err.code, err.message, err.field), { headers, requestId, truncate });
    }
  }

  const server = await startSimulatorServer({
    port: options.port,
    control: {
      route: (method, pathname, body) => routeControl(method, pathname, body, controlContext),
      send: sendJson,
      refusal: ({ code, message }) => ({ error: code, message }),
    },
    handleApi,
    sendInternalError: (res, message) => sendJson(res, 500, errorList(requestIds.next(), 'server_error', message)),
    activityIntervalMs: options.activityIntervalMs,
    stepActivity: () => activity.step(),
  });
  baseUrl = server.url;

  return {
    url: baseUrl,
    get token() {
      return token;
    },
    faults,
    writes,
    requests: server.requests,
    requestsPerWindow: () => rateLimit.counts(),
    close: () => server.close(),
    addConversation(input?: NewConversationInput) {
      const c = store.addConversation(input);
      return serializeConversation(c, { workspace: store.workspace, fiveLevelPriority: true });
    },
    addCustomerReply(conversationId: string, body?: string) {
      store.addCustomerReply(conversationId, body);
    },
    updateConversation(conversationId: string, patch: ConversationPatch) {
      store.updateConversation(conversationId, patch);
    },
    deleteConversation(conversationId: string) {
      store.deleteConversation(conversationId);
    },
    rotateToken,
    stepActivity() {
      activity.step();
    },
  };
}
