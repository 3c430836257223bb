import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { writeConfigFile } from '../support/config-file.ts';

// `sync --once` and `tickets --json` against Zendesk's real payloads: bodies from go-zendesk's fixtures (mirrors of
// Zendesk's reference examples) and node-zendesk's recordings of a live account, replayed over loopback.
const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures/zendesk');
const fixture = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as Record<string, unknown>;
const recorded = (file: string) => (fixture(`node-zendesk/${file}`) as unknown as { path: string; response: unknown }[])[0]!.response;

describe('the Zendesk connector on real payload shapes', () => {
  const tempDir = useTempDirs();
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    server = null;
  });

  /** A replay of real bodies: me.json as recorded, the export built from the go-zendesk ticket, user and org lists. */
  async function replay(me: unknown, extraTickets: unknown[] = []): Promise<string> {
    const tickets = [...(fixture('go-zendesk/GET/tickets.json').tickets as unknown[]), fixture('go-zendesk/GET/ticket.json').ticket, ...extraTickets];
    const users = fixture('go-zendesk/GET/users.json').users as { id: number }[];
    const organizations = fixture('go-zendesk/GET/organizations.json').organizations as { id: number }[];
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const send = (body: unknown) => {
        response.writeHead(200, { 'content-type': 'application/json', 'x-rate-limit': '700', 'x-rate-limit-remaining': '699' });
        response.end(JSON.stringify(body));
      };
      const ids = new Set((url.searchParams.get('ids') ?? '').split(',').map(Number));
      if (url.pathname === '/api/v2/users/me.json') return send(me);
      if (url.pathname === '/api/v2/incremental/tickets/cursor.json') {
        return send({ tickets, users, organizations, after_cursor: 'MTU3NjYxMzUzOS4wfHw0Njd8', after_url: null, before_cursor: null, before_url: null, end_of_stream: true });
      }
      if (url.pathname === '/api/v2/users/show_many.json') return send({ users: users.filter((u) => ids.has(u.id)) });
      if (url.pathname === '/api/v2/organizations/show_many.json') return send({ organizations: organizations.filter((o) => ids.has(o.id)) });
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify(recorded('organizations_test_delete_not_found_organization.json')));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  }

  function config(dir: string, baseUrl: string): string {
    return writeConfigFile(dir, { accounts: [{ id: 'real-zd', type: 'zendesk', baseUrl, auth: { type: 'apiToken', email: 'a@b.test', token: 't' } }] });
  }

  it('syncs the reference tickets and lists them per the contract', async () => {
    const dir = tempDir();
    const url = await replay(recorded('authentication_test_correct_u_token.json'));
    const sync = await runCli(['sync', '--config', config(dir, url), '--data-dir', dir, '--once']);
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
    const tickets = JSON.parse((await runCli(['tickets', '--data-dir', dir, '--json'])).stdout) as Record<string, unknown>[];
    expect(tickets.map((t) => t.sourceId)).toEqual(['2', '3']);
    expect(tickets[0]).toMatchObject({
      accountId: 'real-zd',
      sourceId: '2',
      subject: 'Mail to create fixture ticket for testing',
      status: 'solved',
      severity: null,
      createdAt: '2019-06-03T02:23:47Z',
      updatedAt: '2019-06-05T01:13:24Z',
      tags: [],
    });
  });

  it('treats the recorded "Anonymous user" answer as bad credentials (exit 2)', async () => {
    const dir = tempDir();
    const url = await replay(recorded('authentication_test_incorrect_token.json'));
    const sync = await runCli(['sync', '--config', config(dir, url), '--data-dir', dir, '--once']);
    expect(sync.code).toBe(2);
    expect(sync.stderr).toMatch(/real-zd.*anonymous user/);
  });

  it('quarantines a malformed ticket, keeps the good ones, and says so', async () => {
    const dir = tempDir();
    const broken = { ...(fixture('go-zendesk/GET/ticket.json').ticket as object), id: 99, status: 'exploded', created_at: 'yesterday' };
    const url = await replay(recorded('authentication_test_correct_u_token.json'), [broken]);
    const sync = await runCli(['sync', '--config', config(dir, url), '--data-dir', dir, '--once']);
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/real-zd: caught up at .*, 1 records quarantined/);
    const tickets = JSON.parse((await runCli(['tickets', '--data-dir', dir, '--json'])).stdout) as { sourceId: string }[];
    expect(tickets.map((t) => t.sourceId)).toEqual(['2', '3']);
  });
});
