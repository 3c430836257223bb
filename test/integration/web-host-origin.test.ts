import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process.ts';

// The browser host answers only its own origin: another local page, or a DNS-rebound name, gets nothing.
describe('the browser host', () => {
  let host: WebHostProcess;
  beforeAll(async () => {
    host = await startWebHostProcess();
  }, 60_000);
  afterAll(async () => {
    await host?.stop();
  });

  function call(path: string, headers: Record<string, string>, method = 'POST', body = '{"view":"all_open"}'): Promise<{ status: number; body: string }> {
    const url = new URL(path, host.url);
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers: { 'content-type': 'application/json', ...headers } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(method === 'POST' ? body : undefined);
    });
  }

  it('answers its own origin', async () => {
    const response = await call('/__triage/api/listTickets', { origin: host.url });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).value.view).toBe('all_open');
  });

  it.each([
    ['another origin', { origin: 'http://evil.test' }],
    ['a rebound host name', { host: 'evil.test' }],
    ['another local port', { origin: 'http://127.0.0.1:1' }],
  ])('refuses %s', async (_label, headers) => {
    expect((await call('/__triage/api/listTickets', headers)).status).toBe(403);
  });

  function openSocket(origin: string): Promise<string> {
    // Node's WebSocket (undici) takes extra headers in its options, which browsers do not allow.
    const socket = new WebSocket(`${host.url.replace('http', 'ws')}/__triage/events`, { headers: { origin } } as unknown as string[]);
    return new Promise<string>((resolve) => {
      socket.onopen = () => {
        socket.close();
        resolve('open');
      };
      socket.onerror = () => resolve('refused');
    });
  }

  it('opens the event socket to its own origin only', async () => {
    expect(await openSocket(host.url)).toBe('open');
    expect(await openSocket('http://evil.test')).toBe('refused');
  });

  it('names a bad request field and an unknown request', async () => {
    const bad = await call('/__triage/api/listTickets', {}, 'POST', '{"view":"p7"}');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/^listTickets: view: /);
    expect((await call('/__triage/api/dropDatabase', {})).status).toBe(404);
  });

  it('serves files only from the built renderer', async () => {
    expect((await call('/../../package.json', {}, 'GET')).status).toBe(404);
    expect((await call('/%2e%2e/%2e%2e/package.json', {}, 'GET')).status).toBe(404);
    const index = await call('/', {}, 'GET');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<script src="/__triage/web-bridge.js"></script>');
  });
});
