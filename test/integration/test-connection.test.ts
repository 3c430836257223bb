import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describeConnectionFailure, testAccountConnection } from '../../main/core/accounts/connection-test.ts';
import { HelpdeskUnreachableError } from '../../main/core/sync/helpdesk-http.ts';
import { startHelpScoutSimulator } from '../../main/simulators/helpscout/server.ts';
import { startIntercomSimulator } from '../../main/simulators/intercom/server.ts';
import { startZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import type { AccountConfig } from '../../shared/settings/account-config.ts';

const zendesk = (baseUrl: string, token = 'wrong-token'): AccountConfig => ({
  id: 'acme-zd',
  type: 'zendesk',
  baseUrl,
  planField: 'plan',
  auth: { type: 'apiToken', email: 'agent@demo.test', token },
});

// "Test connection" through the real connectors over real loopback HTTP: what a person is told for each failure.
describe('test connection', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function loopback(listener: RequestListener): Promise<string> {
    const server = createServer(listener);
    const sockets = new Set<Socket>();
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => closeServer(server, sockets));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('connects with the right credentials', async () => {
    const simulator = await startZendeskSimulator({ seed: 3, organizations: 2, tickets: 2 });
    cleanups.push(() => simulator.close());
    expect(await testAccountConnection(zendesk(simulator.url, simulator.credentials.token))).toEqual({
      ok: true,
      message: `Connected to ${new URL(simulator.url).host}: Zendesk accepted the API token of agent@demo.test.`,
    });
  });

  it("401: Zendesk's anonymous-user answer names the email and the token to check", async () => {
    const simulator = await startZendeskSimulator({ seed: 3, organizations: 2, tickets: 2 });
    cleanups.push(() => simulator.close());
    expect(await testAccountConnection(zendesk(simulator.url))).toEqual({
      ok: false,
      problem: 'credentials',
      field: 'auth.token',
      message:
        'Zendesk did not accept the API token for agent@demo.test (it answered as an anonymous user): check the email and the token ' +
        '(Admin Center > Apps and integrations > Zendesk API; the email must be the agent who uses it).',
    });
  });

  it('401 from Intercom and Help Scout names their token or app secret', async () => {
    const intercom = await startIntercomSimulator({ seed: 3, companies: 2, conversations: 2 });
    cleanups.push(() => intercom.close());
    const helpscout = await startHelpScoutSimulator({ seed: 3, organizations: 2, conversations: 2 });
    cleanups.push(() => helpscout.close());
    expect(await testAccountConnection({ id: 'ic', type: 'intercom', baseUrl: intercom.url, auth: { type: 'bearer', token: 'nope' } })).toMatchObject({
      ok: false,
      problem: 'credentials',
      field: 'auth.token',
      message: expect.stringMatching(/^Intercom did not accept the access token \(HTTP 401\)/),
    });
    expect(
      await testAccountConnection({ id: 'hs', type: 'helpscout', baseUrl: helpscout.url, auth: { type: 'clientCredentials', clientId: 'triage-desk-demo', clientSecret: 'nope' } }),
    ).toMatchObject({ ok: false, problem: 'credentials', field: 'auth.clientSecret', message: expect.stringMatching(/^Help Scout did not accept the App ID and App Secret \(HTTP 401\)/) });
  });

  it('403: the credentials work but lack the role or permission', async () => {
    const url = await loopback((_request, response) => {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end('{"error":"Forbidden"}');
    });
    expect(await testAccountConnection(zendesk(url))).toMatchObject({
      ok: false,
      problem: 'permission',
      field: null,
      message: expect.stringMatching(/^Zendesk knows the API token of agent@demo\.test but refuses access \(HTTP 403\): the user must be an agent or an admin/),
    });
  });

  it('404: a base URL where no helpdesk API answers (a wrong path, or another server)', async () => {
    const simulator = await startZendeskSimulator({ seed: 3, organizations: 2, tickets: 2 });
    cleanups.push(() => simulator.close());
    const host = new URL(simulator.url).host;
    expect(await testAccountConnection(zendesk(`${simulator.url}/wrong`))).toEqual({
      ok: false,
      problem: 'not_found',
      field: 'baseUrl',
      message: `${host} has no Zendesk API where it should be (HTTP 404): check the subdomain (or base URL).`,
    });
    const other = await loopback((_request, response) => {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<h1>Not Found</h1>');
    });
    expect(await testAccountConnection(zendesk(other))).toMatchObject({ ok: false, problem: 'not_found', field: 'baseUrl' });
  });

  it('DNS failure: a host name that does not exist', async () => {
    expect(await testAccountConnection(zendesk('https://acme-support.invalid'))).toEqual({
      ok: false,
      problem: 'dns',
      field: 'baseUrl',
      message: 'The host name acme-support.invalid does not exist (DNS knows no such name): check the subdomain (or base URL) for a typo.',
    });
  });

  it('connection refused: nothing listens on the port', async () => {
    const url = await loopback(() => undefined);
    await cleanups.pop()!();
    const port = new URL(url).port;
    expect(await testAccountConnection(zendesk(url))).toEqual({
      ok: false,
      problem: 'refused',
      field: 'baseUrl',
      message: `127.0.0.1 refused the connection on port ${port}: nothing is listening there. Check the subdomain (or base URL) and its port.`,
    });
  });

  it('timeout: a server that never answers, given up on after the test timeout', async () => {
    const url = await loopback(() => undefined);
    expect(await testAccountConnection(zendesk(url), 300)).toEqual({
      ok: false,
      problem: 'timeout',
      field: null,
      message: `${new URL(url).host} did not answer within 300 ms: check the subdomain (or base URL), your network or proxy, then try again.`,
    });
  });

  it('a server that is not the helpdesk, and one that fails on its side', async () => {
    const html = await loopback((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>corporate proxy login</html>');
    });
    expect(await testAccountConnection(zendesk(html))).toMatchObject({ ok: false, problem: 'not_helpdesk', field: 'baseUrl' });
    const failing = await loopback((_request, response) => {
      response.writeHead(503);
      response.end();
    });
    expect(await testAccountConnection(zendesk(failing))).toMatchObject({ ok: false, problem: 'server', message: 'Zendesk answered HTTP 503, a problem on its side: try again in a few minutes.' });
  });

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', /is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\).*trust the proxy's certificate/],
    ['CERT_HAS_EXPIRED', /has expired/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /is for another name/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', /did not speak TLS/],
  ])('TLS %s: says what is wrong with the certificate', (code, message) => {
    const error = new HelpdeskUnreachableError('unreachable', { kind: 'network', code });
    expect(describeConnectionFailure(error, zendesk('https://acme.zendesk.com'), 10_000)).toMatchObject({ problem: 'tls', field: 'baseUrl', message: expect.stringMatching(message) });
  });
});

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
