/**
 * Intercom REST API simulator (API version 2.16): a plain node:http server on 127.0.0.1 serving the endpoints
 * the Intercom connector and the outbox use, with deterministic seed data, simulated activity, fault knobs and
 * control routes. Shapes follow shared/fixtures/intercom/api.intercom.io.2.16.yaml.
 */

import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createActivity } from './activity.ts';
import { routeApi } from './api-routes.ts';
import { routeControl } from './control-routes.ts';
import { claimFault, claimTruncate } from '../common/faults.ts';
import { createFaults, type FaultKnobs } from './faults.ts';
import { bearerToken, errorList, RATE_LIMIT_PER_WINDOW, RateLimitWindow, readJsonBody, requestedVersion, RequestIds, sendJson } from './http.ts';
import { serializeConversation } from './serialize.ts';
import { ConversationStore, RequestError, type ConversationPatch, type NewConversationInput } from './store.ts';
import type { IntercomConversation } from './types.ts';

export type { FaultKnobs, MalformedDefect } from './faults.ts';
export type { ConversationPatch, NewConversationInput } from './store.ts';
export type { IntercomCompany, IntercomContact, IntercomConversation, IntercomConversationListItem, IntercomConversationPart, PriorityLevel } from './types.ts';
export { decodeCursor, encodeCursor, MAX_PER_PAGE } from './search.ts';
export { PART_LIMIT } from './serialize.ts';
export { RATE_LIMIT_PER_WINDOW, RATE_LIMIT_WINDOW_MS } from './http.ts';

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
  /** The last 1000 requests (method and path with query), oldest first. */
  readonly requests: { method: string; path: string }[];
}

const REQUEST_LOG_LIMIT = 1000;
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
  const activity = createActivity(store);
  const rateLimit = new RateLimitWindow(now);
  const requestIds = new RequestIds();
  const requests: { method: string; path: string }[] = [];
  let baseUrl = '';
  let port = 0;

  const rotateToken = (next?: string): string => {
    rotations++;
    token = next ?? `${baseToken}-rotated-${rotations}`;
    faults.tokenExpired = false;
    return token;
  };
  const controlContext = { store, faults, stepActivity: () => activity.step(), rotateToken };

  async function handleControl(req: IncomingMessage, res: ServerResponse, method: string, pathname: string): Promise<void> {
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      sendJson(res, 403, { error: 'forbidden', message: 'control routes answer loopback hosts only' });
      return;
    }
    let body: unknown = {};
    if (method !== 'GET') {
      if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        sendJson(res, 415, { error: 'unsupported_media_type', message: 'control routes take application/json' });
        return;
      }
      try {
        body = await readJsonBody(req);
      } catch (err) {
        sendJson(res, 400, { error: 'invalid_json', message: err instanceof Error ? err.message : 'invalid JSON' });
        return;
      }
    }
    const result = routeControl(method, pathname, body, controlContext);
    sendJson(res, result.status, result.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawPath = req.url ?? '/';
    requests.push({ method, path: rawPath });
    if (requests.length > REQUEST_LOG_LIMIT) requests.splice(0, requests.length - REQUEST_LOG_LIMIT);
    const url = new URL(rawPath, 'http://127.0.0.1');
    if (url.pathname.startsWith('/__control/')) {
      await handleControl(req, res, method, url.pathname);
      return;
    }

    const requestId = requestIds.next();
    const fail = (status: number, code: string, message: string, headers: Record<string, string> = {}, field?: string): void => {
      sendJson(res, status, errorList(requestId, code, message, field), { headers, requestId });
    };
    if (faults.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, faults.delayMs).unref());
      if (req.socket.destroyed) return;
    }
    const fault = claimFault(faults);
    if (fault.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'rateLimit') {
      const limited = rateLimit.take(fault.retryAfterSeconds);
      fail(429, 'rate_limit_exceeded', `Exceeded rate limit of ${RATE_LIMIT_PER_WINDOW} in 10_seconds`, {
        ...limited,
        'retry-after': String(fault.retryAfterSeconds),
      });
      return;
    }
    if (fault.kind === 'fail') {
      const [code, message] = faultError(fault.status);
      fail(fault.status, code, message, rateLimit.take());
      return;
    }

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
    if (method === 'POST' || method === 'PUT') {
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
      sendJson(res, result.status, result.body, { headers, requestId, truncate });
    } catch (err) {
      if (!(err instanceof RequestError)) throw err;
      sendJson(res, err.status, errorList(requestId, err.code, err.message, err.field), { headers, requestId, truncate });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorList(requestIds.next(), 'server_error', err instanceof Error ? err.message : String(err)));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  let timer: NodeJS.Timeout | null = null;
  const interval = options.activityIntervalMs;
  if (typeof interval === 'number' && interval > 0) {
    timer = setInterval(() => activity.step(), interval);
    timer.unref();
  }

  let closed: Promise<void> | null = null;
  return {
    url: baseUrl,
    get token() {
      return token;
    },
    faults,
    requests,
    close() {
      if (closed) return closed;
      if (timer) clearInterval(timer);
      closed = new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
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
