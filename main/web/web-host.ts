import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { TRIAGE_REQUEST_NAMES, type TriageRequestName } from '../../shared/contract/triage-contract.ts';
import type { CoreConnection } from '../core/worker/core-client.ts';
import { rendererCsp } from '../../shared/security/renderer-csp.ts';

export interface WebHostOptions {
  core: CoreConnection;
  /** The built renderer (vite's output). */
  rendererDir: string;
  /** The built web bridge script that implements window.triage over HTTP and WebSocket. */
  bridgeFile: string;
  port?: number;
}

export interface WebHost {
  readonly url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
const MAX_REQUEST_BYTES = 1_000_000;
export const BRIDGE_PATH = '/__triage/web-bridge.js';

/**
 * The browser host: serves the built renderer on 127.0.0.1 and binds the same contract as the Electron
 * preload: `POST /__triage/api/<request>` for requests, a WebSocket on `/__triage/events` for pushes.
 * Only this origin may call it (Host and Origin are checked), so another local page cannot drive it.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true });
  let origin = '';

  const trusted = (request: IncomingMessage): boolean => {
    const host = request.headers.host;
    const allowedHosts = [new URL(origin).host, `localhost:${new URL(origin).port}`];
    if (!host || !allowedHosts.includes(host)) return false;
    const requestOrigin = request.headers.origin;
    return requestOrigin === undefined || requestOrigin === origin || requestOrigin === `http://${allowedHosts[1]}`;
  };

  server.on('request', (request, response) => {
    if (!trusted(request)) return sendText(response, 403, 'forbidden: this host answers only its own origin');
    const path = new URL(request.url ?? '/', origin).pathname;
    if (path.startsWith('/__triage/api/')) return void handleApi(path.slice('/__triage/api/'.length), request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'method not allowed');
    if (path === BRIDGE_PATH) return void sendFile(response, options.bridgeFile);
    return void serveRenderer(path, response);
  });

  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', origin).pathname;
    if (path !== '/__triage/events' || !trusted(request)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws));
  });

  const unsubscribe = options.core.onPush((name, payload) => {
    const message = JSON.stringify({ name, payload });
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(message);
  });
  sockets.on('connection', (ws: WebSocket) => ws.on('error', () => ws.terminate()));

  async function handleApi(name: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return sendText(response, 405, 'use POST');
    if (!(TRIAGE_REQUEST_NAMES as readonly string[]).includes(name)) return sendJson(response, 404, { error: `unknown request "${name}"` });
    let payload: unknown;
    try {
      payload = JSON.parse((await readBody(request)) || '{}');
    } catch (error) {
      return sendJson(response, 400, { error: `request body: ${(error as Error).message}` });
    }
    try {
      sendJson(response, 200, { value: await options.core.request(name as TriageRequestName, payload) });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      sendJson(response, failure.name === 'TriageContractError' ? 400 : 500, { error: failure.message });
    }
  }

  async function serveRenderer(path: string, response: ServerResponse): Promise<void> {
    const relative = normalize(decodeURIComponent(path === '/' ? '/index.html' : path)).replace(/^([/\\])+/, '');
    const file = join(options.rendererDir, relative);
    if (!file.startsWith(options.rendererDir + sep)) return sendText(response, 404, 'not found');
    if (relative === 'index.html') {
      let html: string;
      try {
        html = await readFile(file, 'utf8');
      } catch {
        return sendText(response, 500, `the renderer is not built (${file} is missing): run "npm run build"`);
      }
      // A classic script runs before the renderer's deferred module: window.triage exists when the app starts.
      html = html.replace('<head>', `<head><script src="${BRIDGE_PATH}"></script>`);
      return sendBody(response, 200, 'text/html; charset=utf-8', html);
    }
    return sendFile(response, file);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    async close() {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new Error(`larger than ${MAX_REQUEST_BYTES} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function sendFile(response: ServerResponse, file: string): Promise<void> {
  try {
    const body = await readFile(file);
    sendBody(response, 200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', body);
  } catch {
    sendText(response, 404, 'not found');
  }
}

function sendBody(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-security-policy': rendererCsp(),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  sendBody(response, status, 'application/json', JSON.stringify(value));
}

function sendText(response: ServerResponse, status: number, text: string): void {
  sendBody(response, status, 'text/plain; charset=utf-8', text);
}
