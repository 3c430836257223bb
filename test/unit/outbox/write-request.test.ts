import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AmbiguousWriteError, sendWrite } from '../../../main/core/outbox/write-request.ts';
import { HelpdeskHttpError, HelpdeskUnreachableError, REAL_HTTP } from '../../../main/core/sync/helpdesk-http.ts';

const retry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 2_000 };

describe('a write sent once', () => {
  let server: Server | null = null;
  afterEach(async () => {
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    server = null;
  });

  /** A loopback helpdesk answering each request with the next handler; counts what it received. */
  async function helpdesk(...handlers: ((request: IncomingMessage, response: ServerResponse) => void)[]): Promise<{ url: string; received: string[] }> {
    const received: string[] = [];
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(body);
        (handlers.shift() ?? ((_, res) => res.writeHead(500).end()))(request, response);
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/v2/tickets/1.json`, received };
  }
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => (_: IncomingMessage, response: ServerResponse) =>
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

  it('answers 2xx and 409 with their bodies, after one request', async () => {
    const { url, received } = await helpdesk(json(200, { ticket: { id: 1 } }), json(409, { error: 'conflict' }));
    expect(await sendWrite({ method: 'PUT', url, headers: {}, body: { ticket: { status: 'open' } } }, retry)).toEqual({ status: 200, body: { ticket: { id: 1 } } });
    expect(await sendWrite({ method: 'PUT', url, headers: {}, body: {} }, retry)).toEqual({ status: 409, body: { error: 'conflict' } });
    expect(received).toEqual(['{"ticket":{"status":"open"}}', '{}']);
  });

  it('throws the refusal of a 4xx with its body, without trying again', async () => {
    const { url, received } = await helpdesk(json(422, { error: 'RecordInvalid' }));
    const error = await sendWrite({ method: 'PUT', url, headers: {}, body: {} }, retry).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelpdeskHttpError);
    expect((error as HelpdeskHttpError).status).toBe(422);
    expect(received).toHaveLength(1);
  });

  it('never sends again by itself when the write may have been applied: a 5xx, a dropped connection, a timeout', async () => {
    const dropAfterReading = (request: IncomingMessage) => request.socket.destroy();
    const never = () => undefined;
    const { url, received } = await helpdesk(json(500, {}), dropAfterReading, never);
    for (let i = 0; i < 3; i++) {
      const error = await sendWrite({ method: 'POST', url, headers: {}, body: { n: i } }, { ...retry, timeoutMs: 300 }).catch((e: unknown) => e);
      expect(error, `request ${i}`).toBeInstanceOf(AmbiguousWriteError);
    }
    expect(received).toEqual(['{"n":0}', '{"n":1}', '{"n":2}']);
  });

  it('waits out a 429 Retry-After before sending again, then answers', async () => {
    const { url, received } = await helpdesk(json(429, {}, { 'retry-after': '7' }), json(201, { ok: true }));
    const slept: number[] = [];
    const answer = await sendWrite({ method: 'POST', url, headers: {}, body: {} }, retry, { ...REAL_HTTP, sleep: async (ms) => void slept.push(ms) });
    expect(answer).toEqual({ status: 201, body: { ok: true } });
    expect(slept).toEqual([7000]);
    expect(received).toHaveLength(2);
  });

  it('tries again when nothing was sent (connection refused), then says the helpdesk is unreachable', async () => {
    const { url } = await helpdesk();
    await new Promise((resolve) => server!.close(resolve));
    server = null;
    const slept: number[] = [];
    const error = await sendWrite({ method: 'POST', url, headers: {}, body: {} }, retry, { ...REAL_HTTP, sleep: async (ms) => void slept.push(ms) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelpdeskUnreachableError);
    expect((error as Error).message).toMatch(/unreachable after 3 attempts: ECONNREFUSED/);
    expect(slept).toHaveLength(2);
  });
});
