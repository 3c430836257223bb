import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = resolve(ROOT, '../shared/fixtures/zendesk');
const haveFixtures = existsSync(FIXTURES);
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

const AUTH = `Basic ${Buffer.from('agent@demo.test/token:demo-token').toString('base64')}`;
const BAD_AUTH = `Basic ${Buffer.from('agent@demo.test/token:wrong').toString('base64')}`;

type Json = Record<string, unknown>;

function fixture(path: string): unknown {
  return JSON.parse(readFileSync(resolve(FIXTURES, path), 'utf8'));
}

/** A node-zendesk nock recording: its response (gunzipped when recorded as hex) and headers. */
function recording(path: string): { status: number; response: Json; headers: Map<string, string> } {
  const [first] = fixture(path) as { status: number; response: unknown; rawHeaders?: string[] }[];
  if (!first) throw new Error(`empty recording ${path}`);
  const response = Array.isArray(first.response)
    ? (JSON.parse(gunzipSync(Buffer.from((first.response as string[]).join(''), 'hex')).toString('utf8')) as Json)
    : (first.response as Json);
  const headers = new Map<string, string>();
  const raw = first.rawHeaders ?? [];
  for (let i = 0; i + 1 < raw.length; i += 2) headers.set((raw[i] ?? '').toLowerCase(), raw[i + 1] ?? '');
  return { status: first.status, response, headers };
}

function keysOf(o: unknown): string[] {
  return Object.keys(o as Json).sort();
}

async function get(sim: ZendeskSimulator, path: string, auth: string | null = AUTH): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${sim.url}${path}`, { headers: auth ? { authorization: auth } : {} });
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
}

async function control(sim: ZendeskSimulator, method: string, path: string, body: unknown = {}): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${sim.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json };
}

interface ExportPage {
  tickets: Json[];
  users?: Json[];
  organizations?: Json[];
  after_cursor: string;
  after_url: string;
  before_cursor: string | null;
  before_url: string | null;
  end_of_stream: boolean;
}

async function exportAll(sim: ZendeskSimulator, first: string): Promise<{ pages: ExportPage[]; cursor: string }> {
  const pages: ExportPage[] = [];
  let path = first;
  for (let guard = 0; guard < 10_000; guard++) {
    const { status, body } = await get(sim, path);
    expect(status).toBe(200);
    const page = body as unknown as ExportPage;
    pages.push(page);
    if (page.end_of_stream) return { pages, cursor: page.after_cursor };
    path = new URL(page.after_url).pathname + new URL(page.after_url).search;
  }
  throw new Error('export never ended');
}

describe('zendesk simulator over HTTP', () => {
  let sim: ZendeskSimulator;
  const clock = { t: NOW };

  beforeAll(async () => {
    sim = await startZendeskSimulator({ seed: 1, now: () => clock.t });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('listens on loopback on a free port', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  describe('authentication', () => {
    it('answers /users/me.json with the admin agent for good credentials', async () => {
      const { status, body } = await get(sim, '/api/v2/users/me.json');
      expect(status).toBe(200);
      expect(body['user']).toMatchObject({ email: 'agent@demo.test', role: 'admin' });
      expect(typeof (body['user'] as Json)['id']).toBe('number');
    });

    it('answers bad or missing credentials on /users/me.json with 200 and an anonymous user, like live Zendesk', async () => {
      for (const auth of [BAD_AUTH, null, `Basic ${Buffer.from('agent@demo.test:demo-token').toString('base64')}`]) {
        const { status, body } = await get(sim, '/api/v2/users/me.json', auth);
        expect(status).toBe(200);
        expect(body['user']).toMatchObject({ id: null, name: 'Anonymous user', role: 'end-user' });
      }
    });

    it('answers an unknown or revoked OAuth token with 401 invalid_token, me.json included, as live Zendesk does', async () => {
      const pair = sim.oauth.issue();
      expect((await get(sim, '/api/v2/users/me.json', `Bearer ${pair.access_token}`)).status).toBe(200);
      sim.oauth.revokeAll();
      for (const auth of ['Bearer nope', `Bearer ${pair.access_token}`]) {
        const { status, body } = await get(sim, '/api/v2/users/me.json', auth);
        expect(status).toBe(401);
        expect(body).toEqual({ error: 'invalid_token', error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.' });
      }
    });

    it('answers 401 on every other endpoint for bad credentials', async () => {
      for (const path of ['/api/v2/incremental/tickets/cursor.json?start_time=0', '/api/v2/users/show_many.json?ids=1', '/api/v2/tickets/40001/comments.json']) {
        const { status, body } = await get(sim, path, BAD_AUTH);
        expect(status).toBe(401);
        expect(body).toEqual({ error: "Couldn't authenticate you" });
      }
    });
  });

  describe.skipIf(!haveFixtures)('shapes match the real payloads in ../shared/fixtures/zendesk', () => {
    it('tickets carry every key of a real ticket', async () => {
      const real = (fixture('go-zendesk/GET/ticket.json') as { ticket: Json }).ticket;
      const { body } = await get(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=5');
      const page = body as unknown as ExportPage;
      for (const t of page.tickets) {
        expect(keysOf(t)).toEqual(expect.arrayContaining(keysOf(real)));
        expect(keysOf(t.via)).toEqual(keysOf(real['via']));
        expect(t['created_at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(t['updated_at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(typeof t['generated_timestamp']).toBe('number');
        expect(t['url']).toBe(`${sim.url}/api/v2/tickets/${String(t['id'])}.json`);
      }
      const single = await get(sim, `/api/v2/tickets/${String(page.tickets[0]?.['id'])}.json`);
      expect(keysOf(single.body['ticket'])).toEqual(expect.arrayContaining(keysOf(real)));
    });

    it('users and organizations carry every key of the real ones', async () => {
      const realUser = (fixture('go-zendesk/GET/user.json') as { user: Json }).user;
      const realOrg = recording('node-zendesk/organizations_test_show_single.json').response['organization'];
      const { body } = await get(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=20&include=users,organizations');
      const page = body as unknown as ExportPage;
      expect(page.users?.length).toBeGreaterThan(0);
      expect(page.organizations?.length).toBeGreaterThan(0);
      for (const u of page.users ?? []) expect(keysOf(u)).toEqual(expect.arrayContaining(keysOf(realUser)));
      for (const o of page.organizations ?? []) expect(keysOf(o)).toEqual(keysOf(realOrg));
    });

    it('comments carry every key of the real ones, with meta and links like the live pagination', async () => {
      const real = fixture('go-zendesk/GET/ticket_comments.json') as { comments: Json[]; meta: Json };
      const live = recording('node-zendesk/pagination_test_execute.json').response;
      const { body } = await get(sim, '/api/v2/tickets/40001/comments.json');
      const comments = body['comments'] as Json[];
      expect(comments.length).toBeGreaterThan(0);
      for (const c of comments) expect(keysOf(c)).toEqual(expect.arrayContaining(keysOf(real.comments[0])));
      expect(keysOf(body['meta'])).toEqual(keysOf(live['meta']));
      expect(keysOf(body['links'])).toEqual(keysOf(live['links']));
    });

    it('sends the rate-limit headers of the live recordings, and the real 404 body', async () => {
      const live = recording('node-zendesk/organizations_test_delete_not_found_organization.json');
      const res = await get(sim, '/api/v2/organizations/4819136400.json');
      expect(res.status).toBe(live.status);
      expect(res.body).toEqual(live.response);
      for (const h of ['x-rate-limit', 'x-rate-limit-remaining', 'rate-limit', 'rate-limit-remaining', 'rate-limit-reset']) {
        expect(live.headers.has(h)).toBe(true);
        expect(res.headers.get(h)).toMatch(/^\d+$/);
      }
      for (const h of ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']) expect(res.headers.get(h)).toMatch(/^\d+$/);
      expect(res.headers.get('content-type')).toBe(live.headers.get('content-type'));
    });

    it('answers bad credentials on me.json exactly as the live recording names the user', async () => {
      const live = recording('node-zendesk/authentication_test_incorrect_token.json');
      const res = await get(sim, '/api/v2/users/me.json', BAD_AUTH);
      expect(res.status).toBe(live.status);
      expect(res.body['user']).toMatchObject(live.response['user'] as Json);
    });
  });

  describe('incremental cursor export', () => {
    it('pages through every ticket exactly once, side-loading users and organizations', async () => {
      const { pages, cursor } = await exportAll(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=37&include=users,organizations');
      const ids = pages.flatMap((p) => p.tickets.map((t) => t['id'] as number));
      expect(ids).toHaveLength(500);
      expect(new Set(ids).size).toBe(500);
      expect(pages.length).toBe(Math.ceil(500 / 37));
      const stamps = pages.flatMap((p) => p.tickets.map((t) => t['generated_timestamp'] as number));
      expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
      expect(cursor).toBeTruthy();
      for (const p of pages) {
        const userIds = new Set((p.users ?? []).map((u) => u['id']));
        const orgIds = new Set((p.organizations ?? []).map((o) => o['id']));
        for (const t of p.tickets) {
          expect(userIds.has(t['requester_id'])).toBe(true);
          if (t['assignee_id'] !== null) expect(userIds.has(t['assignee_id'])).toBe(true);
          expect(orgIds.has(t['organization_id'])).toBe(true);
        }
        expect(p.after_url).toContain('include=users%2Corganizations');
      }
    });

    it('uses the default page size of 100 and caps per_page at 1000', async () => {
      const a = await get(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0');
      expect((a.body['tickets'] as Json[]).length).toBe(100);
      expect(a.body['end_of_stream']).toBe(false);
      const b = await get(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=5000');
      expect((b.body['tickets'] as Json[]).length).toBe(500);
      expect(b.body['end_of_stream']).toBe(true);
    });

    it('filters by start_time on generated_timestamp', async () => {
      const all = await get(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1000');
      const tickets = all.body['tickets'] as Json[];
      const mid = tickets[250]?.['generated_timestamp'] as number;
      const { pages } = await exportAll(sim, `/api/v2/incremental/tickets/cursor.json?start_time=${mid}&per_page=100`);
      const got = pages.flatMap((p) => p.tickets);
      expect(got.length).toBe(tickets.filter((t) => (t['generated_timestamp'] as number) >= mid).length);
      for (const t of got) expect(t['generated_timestamp']).toBeGreaterThanOrEqual(mid);
    });

    it('returns an empty page with a reusable cursor when nothing changed, then the changed ticket once', async () => {
      const { cursor } = await exportAll(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1000');
      const idle = await get(sim, `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(cursor)}`);
      expect(idle.status).toBe(200);
      expect(idle.body).toMatchObject({ tickets: [], end_of_stream: true, after_cursor: cursor, before_cursor: null });

      const all = await get(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1000');
      const target = (all.body['tickets'] as Json[]).find((t) => t['status'] === 'pending')?.['id'] as number;
      clock.t += 60_000;
      sim.addCustomerReply(target, 'Still seeing "Upstream timeout" on our side.');
      const after = await get(sim, `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(cursor)}`);
      const changed = after.body['tickets'] as Json[];
      expect(changed.map((t) => [t['id'], t['status']])).toEqual([[target, 'open']]);
      expect(changed[0]?.['updated_at']).toBe(new Date(clock.t).toISOString().replace('.000Z', 'Z'));
      expect(after.body['end_of_stream']).toBe(true);
      const next = after.body['after_cursor'] as string;
      expect(next).not.toBe(cursor);
      const again = await get(sim, `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(next)}`);
      expect(again.body['tickets']).toEqual([]);

      const comments = await get(sim, `/api/v2/tickets/${target}/comments.json`);
      const list = comments.body['comments'] as Json[];
      expect(list[list.length - 1]).toMatchObject({ body: 'Still seeing "Upstream timeout" on our side.', public: true });
    });

    it('shows a deleted ticket with status deleted, and 404 for it elsewhere', async () => {
      const { cursor } = await exportAll(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1000');
      sim.deleteTicket(40_020);
      const after = await get(sim, `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(cursor)}`);
      expect((after.body['tickets'] as Json[]).map((t) => [t['id'], t['status']])).toEqual([[40_020, 'deleted']]);
      expect((await get(sim, '/api/v2/tickets/40020.json')).status).toBe(404);
      expect((await get(sim, '/api/v2/tickets/40020/comments.json')).status).toBe(404);
    });

    it('moves an updated ticket to the end of the stream', async () => {
      const { cursor } = await exportAll(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1000');
      sim.updateTicket(40_030, { status: 'solved' });
      sim.updateTicket(40_031, { priority: 'urgent' });
      const after = await get(sim, `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(cursor)}`);
      expect((after.body['tickets'] as Json[]).map((t) => [t['id'], t['status'] === 'solved' || t['priority'] === 'urgent'])).toEqual([
        [40_030, true],
        [40_031, true],
      ]);
    });

    it('rejects a bad cursor, a future start_time and a request with neither with 400', async () => {
      const bad = await get(sim, '/api/v2/incremental/tickets/cursor.json?cursor=bm90LWEtY3Vyc29y');
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: 'InvalidValue' });
      const future = await get(sim, `/api/v2/incremental/tickets/cursor.json?start_time=${Math.floor(clock.t / 1000) + 3600}`);
      expect(future.status).toBe(400);
      expect(String(future.body['description'])).toMatch(/too recent/i);
      const neither = await get(sim, '/api/v2/incremental/tickets/cursor.json');
      expect(neither.status).toBe(400);
    });

    it('lists a ticket added through the control route', async () => {
      const { cursor } = await exportAll(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1000');
      const added = await control(sim, 'POST', '/__control/tickets', { subject: 'Monthly credits exhausted on day 3', priority: 'high', tags: ['billing'] });
      expect(added.status).toBe(201);
      const ticket = added.body['ticket'] as Json;
      expect(ticket).toMatchObject({ subject: 'Monthly credits exhausted on day 3', priority: 'high', status: 'new', tags: ['billing'] });
      const reply = await control(sim, 'POST', `/__control/tickets/${String(ticket['id'])}/replies`, { body: 'Any news?' });
      expect(reply.status).toBe(201);
      const after = await get(sim, `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(cursor)}`);
      expect((after.body['tickets'] as Json[]).map((t) => t['id'])).toEqual([ticket['id']]);
    });
  });

  describe('other endpoints', () => {
    it('show_many returns the users and organizations asked for, skipping unknown ids', async () => {
      const page = (await get(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=3')).body as unknown as ExportPage;
      const userIds = page.tickets.map((t) => t['requester_id']);
      const orgIds = page.tickets.map((t) => t['organization_id']);
      const users = await get(sim, `/api/v2/users/show_many.json?ids=${userIds.join(',')},12345`);
      expect(new Set((users.body['users'] as Json[]).map((u) => u['id']))).toEqual(new Set(userIds));
      const orgs = await get(sim, `/api/v2/organizations/show_many.json?ids=${orgIds.join(',')}`);
      const list = orgs.body['organizations'] as Json[];
      expect(new Set(list.map((o) => o['id']))).toEqual(new Set(orgIds));
      expect(list[0]?.['organization_fields']).toMatchObject({ plan: expect.stringMatching(/^(free|starter|growth|enterprise)$/) });
      expect((await get(sim, '/api/v2/users/show_many.json?ids=abc')).status).toBe(400);
    });

    it('pages comments with page[size] and page[after], public and private ones', async () => {
      const id = sim.addTicket({ description: 'first' }).id;
      for (let i = 0; i < 4; i++) sim.addCustomerReply(id, `reply ${i}`);
      const first = await get(sim, `/api/v2/tickets/${id}/comments.json?page[size]=2`);
      expect((first.body['comments'] as Json[]).map((c) => c['body'])).toEqual(['first', 'reply 0']);
      expect(first.body['meta']).toMatchObject({ has_more: true });
      const next = (first.body['links'] as Json)['next'] as string;
      const second = await get(sim, new URL(next).pathname + new URL(next).search);
      expect((second.body['comments'] as Json[]).map((c) => c['body'])).toEqual(['reply 1', 'reply 2']);
      const third = await get(sim, `/api/v2/tickets/${id}/comments.json?page%5Bsize%5D=2&page%5Bafter%5D=${encodeURIComponent(String((second.body['meta'] as Json)['after_cursor']))}`);
      expect((third.body['comments'] as Json[]).map((c) => c['body'])).toEqual(['reply 3']);
      expect(third.body['meta']).toMatchObject({ has_more: false });
      expect((third.body['links'] as Json)['next']).toBeNull();
      const desc = await get(sim, `/api/v2/tickets/${id}/comments.json?sort=-created_at&page[size]=1`);
      expect((desc.body['comments'] as Json[])[0]?.['body']).toBe('reply 3');

      const all = await exportAll(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1000');
      const seeded = all.pages.flatMap((p) => p.tickets).filter((t) => t['status'] === 'hold').slice(0, 5);
      let sawNote = false;
      for (const t of seeded) {
        const c = await get(sim, `/api/v2/tickets/${String(t['id'])}/comments.json`);
        const list = c.body['comments'] as Json[];
        expect(list[0]?.['plain_body']).toBe(t['description']);
        expect(String(list[0]?.['html_body'])).toMatch(/^<div/);
        if (list.some((x) => x['public'] === false)) sawNote = true;
      }
      expect(sawNote).toBe(true);
    });

    it('answers unknown paths and ids with the JSON 404', async () => {
      for (const path of ['/api/v2/nope.json', '/api/v2/tickets/1.json', '/api/v2/users/1.json', '/somewhere']) {
        const res = await get(sim, path);
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ error: 'RecordNotFound', description: 'Not found' });
      }
    });

    it('logs requests', () => {
      expect(sim.requests.some((r) => r.method === 'GET' && r.path.startsWith('/api/v2/users/me.json'))).toBe(true);
    });
  });

  describe('control routes', () => {
    it('take JSON only and answer loopback hosts only', async () => {
      const form = await fetch(`${sim.url}/__control/tickets`, { method: 'POST', body: 'subject=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(form.status).toBe(415);
      const port = new URL(sim.url).port;
      const status = await new Promise<number>((resolveStatus, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/__control/faults', method: 'GET', headers: { host: `evil.test:${port}` } }, (res) => {
          res.resume();
          resolveStatus(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(403);
    });

    it('validate input', async () => {
      expect((await control(sim, 'POST', '/__control/tickets', { priority: 'p0' })).status).toBe(422);
      expect((await control(sim, 'POST', '/__control/tickets/999999/replies', {})).status).toBe(404);
      expect((await control(sim, 'POST', '/__control/faults', { failNext: { count: 1, status: 200 } })).status).toBe(422);
    });

    it('update and delete tickets, and step the activity', async () => {
      const id = sim.addTicket().id;
      const upd = await control(sim, 'PATCH', `/__control/tickets/${id}`, { status: 'pending', priority: 'low' });
      expect(upd.body['ticket']).toMatchObject({ status: 'pending', priority: 'low' });
      const del = await control(sim, 'DELETE', `/__control/tickets/${id}`);
      expect(del.body['ticket']).toMatchObject({ status: 'deleted' });
      expect((await control(sim, 'POST', '/__control/activity/step')).status).toBe(200);
    });
  });
});

describe('zendesk simulator faults', () => {
  let sim: ZendeskSimulator;
  beforeAll(async () => {
    sim = await startZendeskSimulator({ seed: 2, tickets: 40, organizations: 10, now: () => NOW });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('failNext answers the next N API requests with the status, then recovers', async () => {
    sim.faults.failNext = { count: 2, status: 503 };
    expect((await get(sim, '/api/v2/users/me.json')).status).toBe(503);
    const second = await get(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0');
    expect(second.status).toBe(503);
    expect(second.headers.get('x-rate-limit-remaining')).toMatch(/^\d+$/);
    expect((await get(sim, '/api/v2/users/me.json')).status).toBe(200);
  });

  it('rateLimitNext answers 429 with Retry-After', async () => {
    const set = await control(sim, 'POST', '/__control/faults', { rateLimitNext: { count: 1, retryAfterSeconds: 13 } });
    expect(set.status).toBe(200);
    const limited = await get(sim, '/api/v2/users/me.json');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('13');
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(limited.body).toMatchObject({ error: 'APIRateLimitExceeded' });
    expect((await get(sim, '/api/v2/users/me.json')).status).toBe(200);
  });

  it('faults do not touch control routes', async () => {
    await control(sim, 'POST', '/__control/faults', { failNext: { count: 1, status: 500 } });
    expect((await control(sim, 'GET', '/__control/faults').catch(() => ({ status: 0, body: {} }))).status).not.toBe(500);
    expect((await get(sim, '/api/v2/users/me.json')).status).toBe(500);
  });

  it('truncateNext sends half a body and cuts the connection', async () => {
    await control(sim, 'POST', '/__control/faults', { truncateNext: 1 });
    const res = await fetch(`${sim.url}/api/v2/incremental/tickets/cursor.json?start_time=0`, { headers: { authorization: AUTH } });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect((await get(sim, '/api/v2/users/me.json')).status).toBe(200);
  });

  it('dropNext destroys the socket without an answer', async () => {
    sim.faults.dropNext = 1;
    await expect(fetch(`${sim.url}/api/v2/users/me.json`, { headers: { authorization: AUTH } })).rejects.toThrow();
    expect((await get(sim, '/api/v2/users/me.json')).status).toBe(200);
  });

  it('delayMs holds responses back', async () => {
    sim.faults.delayMs = 60_000;
    const abort = new AbortController();
    let settled = false;
    const pending = fetch(`${sim.url}/api/v2/users/me.json?delayed=1`, { headers: { authorization: AUTH }, signal: abort.signal }).then(
      () => (settled = true),
      () => undefined,
    );
    while (!sim.requests.some((r) => r.path.includes('delayed=1'))) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 100));
    expect(settled).toBe(false);
    abort.abort();
    await pending;
    sim.faults.delayMs = 0;
    expect((await get(sim, '/api/v2/users/me.json')).status).toBe(200);
  });
});

describe('zendesk simulator activity timer', () => {
  it('adds tickets and customer replies on its own', async () => {
    const sim = await startZendeskSimulator({ seed: 3, tickets: 20, organizations: 5, activityIntervalMs: 10 });
    try {
      const start = await get(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1000');
      const cursor = start.body['after_cursor'] as string;
      let changed: Json[] = [];
      for (let i = 0; i < 400 && changed.length < 4; i++) {
        await new Promise((r) => setTimeout(r, 10));
        changed = (await get(sim, `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(cursor)}&per_page=1000`)).body['tickets'] as Json[];
      }
      expect(changed.length).toBeGreaterThanOrEqual(4);
      expect(changed.some((t) => (t['id'] as number) > 40_020)).toBe(true);
      expect(changed.some((t) => (t['id'] as number) <= 40_020)).toBe(true);
    } finally {
      await sim.close();
    }
  });
});
