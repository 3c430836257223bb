/**
 * The server every simulator runs: node:http on 127.0.0.1, a log of the requests, the control routes' plumbing
 * (loopback Host and JSON only), the activity timer and closing. The vendor answers the API requests and says
 * how its error bodies look.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isJsonRequest, isLoopbackHost, readJsonBody } from './http.ts';

export interface LoggedRequest {
  method: string;
  /** The path with its query. */
  path: string;
}

/** Why a control request was refused, in the two spellings the vendors' error codes use. */
export interface ControlRefusal {
  code: 'forbidden' | 'unsupported_media_type' | 'invalid_json';
  name: 'Forbidden' | 'UnsupportedMediaType' | 'InvalidJSON';
  message: string;
}

export interface ControlRoutes {
  /** Reads a JSON body, throwing on a malformed or too large one (default: readJsonBody, up to 1 MB). */
  readJson?: (req: IncomingMessage) => Promise<unknown>;
  route(method: string, pathname: string, body: unknown): { status: number; body: unknown };
  send(res: ServerResponse, status: number, body: unknown): void;
  /** The vendor's error body for a refused control request. */
  refusal(refusal: ControlRefusal): unknown;
}

export interface SimulatorServerOptions {
  /** Port on 127.0.0.1 (0 or undefined: a free port). */
  port: number | undefined;
  control: ControlRoutes;
  /** Answers every request outside /__control/. */
  handleApi(req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<void>;
  /** Answers a request whose handling threw before anything was sent. */
  sendInternalError(res: ServerResponse, message: string): void;
  /** Every N ms step the simulated activity; anything but a positive number is off. */
  activityIntervalMs: number | false | undefined;
  stepActivity(): void;
}

export interface SimulatorServer {
  /** Base URL, e.g. http://127.0.0.1:43567. */
  readonly url: string;
  /** Every request, the last 1000 kept, oldest first. */
  readonly requests: LoggedRequest[];
  /** Stops the activity and the server, cutting open connections; later calls return the same promise. */
  close(): Promise<void>;
}

const REQUEST_LOG_LIMIT = 1000;

async function serveControl(req: IncomingMessage, res: ServerResponse, method: string, pathname: string, port: number, control: ControlRoutes): Promise<void> {
  const refuse = (status: number, refusal: ControlRefusal): void => control.send(res, status, control.refusal(refusal));
  if (!isLoopbackHost(req, port)) {
    refuse(403, { code: 'forbidden', name: 'Forbidden', message: 'control routes answer loopback hosts only' });
    return;
  }
  let body: unknown = {};
  if (method !== 'GET') {
    // JSON only, so that a web page cannot send one without a CORS preflight (which is never granted).
    if (!isJsonRequest(req)) {
      refuse(415, { code: 'unsupported_media_type', name: 'UnsupportedMediaType', message: 'control routes take application/json' });
      return;
    }
    try {
      body = await (control.readJson ?? readJsonBody)(req);
    } catch (err) {
      refuse(400, { code: 'invalid_json', name: 'InvalidJSON', message: err instanceof Error ? err.message : 'invalid JSON' });
      return;
    }
  }
  const result = control.route(method, pathname, body);
  control.send(res, result.status, result.body);
}

export async function startSimulatorServer(options: SimulatorServerOptions): Promise<SimulatorServer> {
  const { control } = options;
  const requests: LoggedRequest[] = [];
  let port = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawPath = req.url ?? '/';
    requests.push({ method, path: rawPath });
    if (requests.length > REQUEST_LOG_LIMIT) requests.splice(0, requests.length - REQUEST_LOG_LIMIT);
    const url = new URL(rawPath, 'http://127.0.0.1');
    if (url.pathname.startsWith('/__control/')) await serveControl(req, res, method, url.pathname, port, control);
    else await options.handleApi(req, res, method, url);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) options.sendInternalError(res, err instanceof Error ? err.message : String(err));
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

  let timer: NodeJS.Timeout | null = null;
  const interval = options.activityIntervalMs;
  if (typeof interval === 'number' && interval > 0) {
    timer = setInterval(() => options.stepActivity(), interval);
    timer.unref();
  }

  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
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
  };
}
