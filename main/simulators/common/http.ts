/** HTTP helpers every simulator uses; the vendors' headers and error bodies stay in their own http.ts. */

import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a caller of a vendor's sendJson may add. */
export interface SendOptions {
  headers?: Record<string, string>;
  /** Send half of the body, then cut the connection (the truncateNext fault). */
  truncate?: boolean;
}

export interface JsonAnswer {
  contentType: string;
  /** Headers after content-type and content-length: the vendor's own, then the route's. */
  headers: Record<string, string>;
  /** Send half of the body, then cut the connection (the truncateNext fault). */
  truncate?: boolean;
}

export function writeJson(res: ServerResponse, status: number, json: string, answer: JsonAnswer): void {
  const payload = Buffer.from(json, 'utf8');
  res.writeHead(status, { 'content-type': answer.contentType, 'content-length': String(payload.length), ...answer.headers });
  if (answer.truncate) {
    res.write(payload.subarray(0, Math.max(1, Math.floor(payload.length / 2))), () => {
      res.socket?.destroy();
    });
    return;
  }
  res.end(payload);
}

export class BodyTooLargeError extends Error {}

/** The request body as text; throws BodyTooLargeError once it passes `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number, tooLargeMessage = `request body over ${limit} bytes`): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new BodyTooLargeError(tooLargeMessage);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; an empty body is an empty object. Throws SyntaxError on malformed JSON. */
export function parseJson(text: string): unknown {
  const trimmed = text.trim();
  return trimmed === '' ? {} : (JSON.parse(trimmed) as unknown);
}

/** A JSON body of up to 1 MB (an empty one is an empty object). */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return parseJson(await readBody(req, 1_000_000, 'request body too large'));
}

export function isJsonRequest(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

/** Whether the request names this server by a loopback Host (a DNS-rebinding page names its own). */
export function isLoopbackHost(req: IncomingMessage, port: number): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}
