import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHelpScoutSimulator, type HelpScoutSimulator } from '../../main/simulators/helpscout/server.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  body: Json;
  headers: Headers;
}

/** The keys of a conversation in the official PHP client's payload and Help Scout's Get Conversation example. */
const CONVERSATION_KEYS = [
  'id', 'number', 'threads', 'type', 'folderId', 'status', 'state', 'subject', 'preview', 'mailboxId', 'createdBy', 'createdAt',
  'closedBy', 'closedByUser', 'userUpdatedAt', 'customerWaitingSince', 'source', 'tags', 'cc', 'bcc', 'primaryCustomer', 'customFields', '_links',
];
/** The keys of a thread in Help Scout's List Threads example (body on messages, action on line items). */
const THREAD_KEYS = ['id', 'type', 'status', 'state', 'source', 'customer', 'createdBy', 'savedReplyId', 'to', 'cc', 'bcc', 'createdAt', '_embedded', '_links'];

async function issueToken(sim: HelpScoutSimulator): Promise<string> {
  const res = await fetch(`${sim.url}/v2/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function call(sim: HelpScoutSimulator, token: string | null, path: string, init: { method?: string; body?: unknown } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${sim.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Json), headers: res.headers };
}

async function control(sim: HelpScoutSimulator, method: string, path: string, body: unknown = {}): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${sim.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json };
}

function conversationsOf(body: Json): Json[] {
  return ((body['_embedded'] as Json | undefined)?.['conversations'] as Json[] | undefined) ?? [];
}

function pageOf(body: Json): { size: number; totalElements: number; totalPages: number; number: number } {
  return body['page'] as { size: number; totalElements: number; totalPages: number; number: number };
}

function link(body: Json, rel: string): string | undefined {
  const href = ((body['_links'] as Json)[rel] as { href: string } | undefined)?.href;
  return href === undefined ? undefined : href.slice(href.indexOf('/v2/'));
}

/** Follows `next` from a first path, as a naive client does; returns the ids in the order seen. */
async function followNext(sim: HelpScoutSimulator, token: string, first: string, between?: (page: number) => void): Promise<{ ids: number[]; pages: Json[] }> {
  const ids: number[] = [];
  const pages: Json[] = [];
  let path: string | undefined = first;
  for (let n = 1; path !== undefined && n < 1000; n++) {
    const { status, body } = await call(sim, token, path);
    expect(status).toBe(200);
    pages.push(body);
    for (const c of conversationsOf(body)) ids.push(c['id'] as number);
    between?.(n);
    path = link(body, 'next');
  }
  return { ids, pages };
}

function expectVndError(body: Json, path?: string): void {
  expect(typeof body['logRef']).toBe('string');
  expect(typeof body['message']).toBe('string');
  if (path !== undefined) {
    const errors = (body['_embedded'] as { errors: Json[] }).errors;
    expect(errors.map((e) => e['path'])).toContain(path);
    for (const e of errors) expect(e).toMatchObject({ message: expect.any(String), _links: { about: { href: expect.any(String) } } });
  }
}

describe('help scout simulator over HTTP', () => {
  let sim: HelpScoutSimulator;
  let token: string;
  const clock = { t: NOW };

  beforeAll(async () => {
    sim = await startHelpScoutSimulator({ seed: 1, now: () => clock.t });
    token = await issueToken(sim);
  });
  afterAll(async () => {
    await sim.close();
  });
  // A fresh rate-limit minute for every test: each one stays well within Help Scout's 200 requests.
  beforeEach(() => {
    clock.t += 60_000;
  });

  it('listens on loopback on a free port', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  describe('authentication', () => {
    it('issues 48-hour bearer tokens for client credentials sent as a form, JSON or query parameters', async () => {
      const form = await fetch(`${sim.url}/v2/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=${sim.clientId}&client_secret=${sim.clientSecret}`,
      });
      expect(form.status).toBe(200);
      const body = (await form.json()) as Json;
      expect(body).toEqual({ token_type: 'bearer', access_token: expect.stringMatching(/^[0-9a-f]{32}$/), expires_in: 172_800 });
      const json = await fetch(`${sim.url}/v2/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret }),
      });
      expect(json.status).toBe(200);
      const query = await fetch(`${sim.url}/v2/oauth2/token?grant_type=client_credentials&client_id=${sim.clientId}&client_secret=${sim.clientSecret}`, { method: 'POST' });
      expect(query.status).toBe(200);
      const me = await call(sim, body['access_token'] as string, '/v2/users/me');
      expect(me.status).toBe(200);
    });

    it('answers wrong credentials with 401 invalid_client, and a missing grant type with 400', async () => {
      const wrong = await fetch(`${sim.url}/v2/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: 'nope' }),
      });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({ error: 'invalid_client', error_description: 'Invalid client authentication' });
      const noGrant = await fetch(`${sim.url}/v2/oauth2/token`, { method: 'POST', body: new URLSearchParams({ client_id: sim.clientId }) });
      expect(noGrant.status).toBe(400);
      expect(await noGrant.json()).toMatchObject({ error: 'invalid_request' });
    });

    it('answers 401 without a token or with an unknown one', async () => {
      const none = await call(sim, null, '/v2/conversations');
      expect(none.status).toBe(401);
      expect(none.body).toMatchObject({ error: 'unauthorized' });
      const unknown = await call(sim, 'f'.repeat(32), '/v2/conversations');
      expect(unknown.status).toBe(401);
      expect(unknown.body).toMatchObject({ error: 'invalid_token' });
      expect(unknown.headers.get('www-authenticate')).toMatch(/^Bearer /);
    });

    it('answers /v2/users/me with the OAuth app owner', async () => {
      const { status, body, headers } = await call(sim, token, '/v2/users/me');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toMatch(/^application\/hal\+json/);
      expect(body).toMatchObject({ email: 'agent@demo.test', role: 'owner', type: 'user', firstName: 'Morgan', timezone: 'Europe/London' });
      expect(body['createdAt']).toMatch(ISO_SECONDS);
      expect(link(body, 'self')).toBe(`/v2/users/${String(body['id'])}`);
    });
  });

  describe('listing conversations', () => {
    it('lists active conversations only by default, newest first, 25 a page', async () => {
      const { body } = await call(sim, token, '/v2/conversations');
      const list = conversationsOf(body);
      expect(list).toHaveLength(25);
      for (const c of list) expect(c['status']).toBe('active');
      const created = list.map((c) => c['createdAt'] as string);
      expect(created).toEqual([...created].sort().reverse());
      const info = await control(sim, 'GET', '/__control/info');
      expect(pageOf(body).totalElements).toBeLessThan(info.body['conversations'] as number);
    });

    it('includes pending and closed with status=all, but spam only with status=spam', async () => {
      const all = await followNext(sim, token, '/v2/conversations?status=all');
      const statuses = new Set<string>();
      for (const page of all.pages) for (const c of conversationsOf(page)) statuses.add(c['status'] as string);
      expect([...statuses].sort()).toEqual(['active', 'closed', 'pending']);
      expect(new Set(all.ids).size).toBe(all.ids.length);
      const spam = await followNext(sim, token, '/v2/conversations?status=spam');
      expect(spam.ids.length).toBeGreaterThan(0);
      for (const id of spam.ids) expect(all.ids).not.toContain(id);
      const open = await call(sim, token, '/v2/conversations?status=open');
      const active = await call(sim, token, '/v2/conversations?status=active');
      const pending = await call(sim, token, '/v2/conversations?status=pending');
      expect(pageOf(open.body).totalElements).toBe(pageOf(active.body).totalElements + pageOf(pending.body).totalElements);
      expect(pageOf(all.pages[0] ?? {}).totalElements).toBe(all.ids.length);
    });

    it('answers HAL pages: links carry the query, next is absent on the last page, _embedded on an empty one', async () => {
      const first = await call(sim, token, '/v2/conversations?status=closed&sortOrder=asc');
      const page = pageOf(first.body);
      expect(page).toEqual({ size: 25, totalElements: expect.any(Number), totalPages: Math.ceil(page.totalElements / 25), number: 1 });
      expect(link(first.body, 'self')).toBe('/v2/conversations?status=closed&sortOrder=asc&page=1');
      expect(link(first.body, 'next')).toBe('/v2/conversations?status=closed&sortOrder=asc&page=2');
      expect(link(first.body, 'last')).toBe(`/v2/conversations?status=closed&sortOrder=asc&page=${page.totalPages}`);
      expect(link(first.body, 'previous')).toBeUndefined();
      expect((first.body['_links'] as Json)['page']).toMatchObject({ href: expect.stringMatching(/\/v2\/conversations\?status=closed&sortOrder=asc\{&page\}$/), templated: true });
      const last = await call(sim, token, `/v2/conversations?status=closed&sortOrder=asc&page=${page.totalPages}`);
      expect(link(last.body, 'next')).toBeUndefined();
      expect(link(last.body, 'previous')).toBe(`/v2/conversations?status=closed&sortOrder=asc&page=${page.totalPages - 1}`);
      const beyond = await call(sim, token, `/v2/conversations?status=closed&page=${page.totalPages + 1}`);
      expect(beyond.status).toBe(200);
      expect(beyond.body['_embedded']).toBeUndefined();
      expect(pageOf(beyond.body).number).toBe(page.totalPages + 1);
    });

    it('serves conversations with the documented fields, and threads newest first with embed=threads', async () => {
      const { body } = await call(sim, token, '/v2/conversations?status=all&embed=threads&sortField=number&sortOrder=asc');
      for (const c of conversationsOf(body)) {
        expect(Object.keys(c)).toEqual(expect.arrayContaining([...CONVERSATION_KEYS, '_embedded']));
        expect(c['createdAt']).toMatch(ISO_SECONDS);
        expect(c['userUpdatedAt']).toMatch(ISO_SECONDS);
        expect(c['customerWaitingSince']).toMatchObject({ time: expect.stringMatching(ISO_SECONDS), friendly: expect.stringMatching(/ago$/), latestReplyFrom: expect.stringMatching(/^(customer|user)$/) });
        expect(c['primaryCustomer']).toMatchObject({ id: expect.any(Number), type: 'customer', email: expect.stringContaining('@') });
        for (const tag of c['tags'] as Json[]) expect(tag).toEqual({ id: expect.any(Number), color: expect.stringMatching(/^#/), tag: expect.any(String) });
        expect(c['status'] === 'closed').toBe('closedAt' in c);
        if (c['status'] !== 'closed') expect(c).toMatchObject({ closedBy: 0, closedByUser: { id: 0, first: 'unknown' } });
        expect('assignee' in c).toBe('assignee' in (c['_links'] as Json));
        const threads = (c['_embedded'] as { threads: Json[] }).threads;
        expect(threads.length).toBeGreaterThanOrEqual(c['threads'] as number);
        const times = threads.map((t) => t['createdAt'] as string);
        expect(times).toEqual([...times].sort().reverse());
        for (const t of threads) {
          expect(Object.keys(t)).toEqual(expect.arrayContaining(THREAD_KEYS));
          if (t['type'] === 'lineitem') expect(t['action']).toMatchObject({ type: 'default', text: expect.any(String) });
          else expect(typeof t['body']).toBe('string');
          expect((t['createdBy'] as Json)['type']).toBe(t['source'] && (t['source'] as Json)['via'] === 'user' ? 'user' : 'customer');
        }
      }
    });

    it('filters by tag (any case), mailbox and number; rejects bad parameters with a vnd.error', async () => {
      const p1 = await followNext(sim, token, '/v2/conversations?status=all&tag=p1');
      expect(p1.ids.length).toBeGreaterThan(0);
      for (const page of p1.pages) {
        for (const c of conversationsOf(page)) expect((c['tags'] as Json[]).some((t) => (t['tag'] as string).toLowerCase() === 'p1')).toBe(true);
      }
      const mailboxes = await call(sim, token, '/v2/mailboxes');
      const billing = ((mailboxes.body['_embedded'] as { mailboxes: Json[] }).mailboxes).find((m) => m['name'] === 'Billing');
      const inBilling = await call(sim, token, `/v2/conversations?status=all&mailbox=${String(billing?.['id'])}`);
      for (const c of conversationsOf(inBilling.body)) expect(c['mailboxId']).toBe(billing?.['id']);
      const one = conversationsOf(inBilling.body)[0] ?? {};
      const byNumber = await call(sim, token, `/v2/conversations?status=all&number=${String(one['number'])}`);
      expect(conversationsOf(byNumber.body).map((c) => c['id'])).toEqual([one['id']]);
      for (const [query, path] of [
        ['status=open,closed', 'status'],
        ['sortField=updatedAt', 'sortField'],
        ['sortOrder=up', 'sortOrder'],
        ['modifiedSince=2026-11-01', 'modifiedSince'],
        ['modifiedSince=2026-11-01T00:00:00.000Z', 'modifiedSince'],
        ['page=0', 'page'],
        ['embed=customers', 'embed'],
      ] as const) {
        const bad = await call(sim, token, `/v2/conversations?${query}`);
        expect(bad.status, query).toBe(400);
        expect(bad.headers.get('content-type')).toMatch(/^application\/vnd\.error\+json/);
        expectVndError(bad.body, path);
      }
    });
  });

  describe('single resources', () => {
    it('serves a conversation by id, its threads paged 50 at a time, and 404 for unknown ids', async () => {
      const list = await call(sim, token, '/v2/conversations?status=closed');
      const id = conversationsOf(list.body)[0]?.['id'] as number;
      const one = await call(sim, token, `/v2/conversations/${id}?embed=threads`);
      expect(one.status).toBe(200);
      expect(one.body['id']).toBe(id);
      expect(((one.body['_embedded'] as { threads: Json[] }).threads)[0]).toMatchObject({ type: 'lineitem', status: 'closed' });
      const plain = await call(sim, token, `/v2/conversations/${id}`);
      expect(plain.body['_embedded']).toBeUndefined();
      const threads = await call(sim, token, `/v2/conversations/${id}/threads`);
      expect(pageOf(threads.body)).toMatchObject({ size: 50, number: 1 });
      expect((threads.body['_embedded'] as { threads: Json[] }).threads.map((t) => t['id'])).toEqual((one.body['_embedded'] as { threads: Json[] }).threads.map((t) => t['id']));
      const missing = await call(sim, token, '/v2/conversations/1');
      expect(missing.status).toBe(404);
      expectVndError(missing.body);
      expect((await call(sim, token, '/v2/nothing-here')).status).toBe(404);
    });

    it('serves customers with emails and organization, and organizations with the plan as a property on request', async () => {
      const list = await call(sim, token, '/v2/conversations');
      const customerId = (conversationsOf(list.body)[0]?.['primaryCustomer'] as Json)['id'] as number;
      const customer = await call(sim, token, `/v2/customers/${customerId}`);
      expect(customer.status).toBe(200);
      expect(customer.body).toMatchObject({ id: customerId, firstName: expect.any(String), organization: expect.any(String), organizationId: expect.any(Number) });
      const emails = (customer.body['_embedded'] as { emails: Json[] }).emails;
      expect(emails[0]).toMatchObject({ value: expect.stringContaining('@'), type: 'work' });
      const orgId = customer.body['organizationId'] as number;
      const bare = await call(sim, token, `/v2/organizations/${orgId}`);
      expect(bare.body).toMatchObject({ id: orgId, name: customer.body['organization'] });
      expect(bare.body['properties']).toBeUndefined();
      const full = await call(sim, token, `/v2/organizations/${orgId}?includeProperties=true&includeCounts=true`);
      const properties = full.body['properties'] as Json[];
      expect(properties.find((p) => p['slug'] === 'plan')).toMatchObject({ type: 'dropdown', value: expect.stringMatching(/^(Free|Starter|Growth|Enterprise)$/) });
      expect(properties.find((p) => p['slug'] === 'customer-id')).toMatchObject({ value: expect.stringMatching(/^cus_/) });
      expect(full.body['customerCount']).toBeGreaterThan(0);
      expect((await call(sim, token, '/v2/customers/1')).status).toBe(404);
    });

    it('lists mailboxes and users as HAL pages', async () => {
      const mailboxes = await call(sim, token, '/v2/mailboxes');
      expect(((mailboxes.body['_embedded'] as { mailboxes: Json[] }).mailboxes).map((m) => m['name'])).toEqual(['API Support', 'Billing']);
      expect(pageOf(mailboxes.body)).toEqual({ size: 50, totalElements: 2, totalPages: 1, number: 1 });
      const users = await call(sim, token, '/v2/users');
      expect(pageOf(users.body).totalElements).toBe(5);
    });
  });

  describe('writes', () => {
    async function someConversation(status: string): Promise<Json> {
      const { body } = await call(sim, token, `/v2/conversations?status=${status}`);
      const c = conversationsOf(body)[3];
      if (!c) throw new Error(`no ${status} conversation`);
      return c;
    }

    it('replies with 201 and Resource-ID; the reply reactivates a pending conversation and counts double', async () => {
      const c = await someConversation('pending');
      const before = await call(sim, token, '/v2/users/me');
      const remaining = Number(before.headers.get('x-ratelimit-remaining-minute'));
      const res = await fetch(`${sim.url}/v2/conversations/${String(c['id'])}/reply`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ customer: { id: (c['primaryCustomer'] as Json)['id'] }, text: 'We shipped a fix for "Rate limit exceeded".' }),
      });
      expect(res.status).toBe(201);
      expect(await res.text()).toBe('');
      expect(Number(res.headers.get('x-ratelimit-remaining-minute'))).toBe(remaining - 2);
      const threadId = Number(res.headers.get('resource-id'));
      expect(res.headers.get('location')).toBe(`${sim.url}/v2/conversations/${String(c['id'])}/threads/${threadId}`);
      const after = await call(sim, token, `/v2/conversations/${String(c['id'])}?embed=threads`);
      expect(Number(after.headers.get('x-ratelimit-remaining-minute'))).toBe(remaining - 3);
      expect(after.body['status']).toBe('active');
      const newest = (after.body['_embedded'] as { threads: Json[] }).threads[0];
      expect(newest).toMatchObject({ id: threadId, type: 'message', createdBy: { type: 'user', email: 'agent@demo.test' } });
      expect(newest?.['body']).toContain('We shipped a fix for &quot;Rate limit exceeded&quot;.');
      expect(after.body['customerWaitingSince']).toMatchObject({ latestReplyFrom: 'user' });
    });

    it('adds notes without changing the status; a reply may set one', async () => {
      const c = await someConversation('pending');
      const note = await call(sim, token, `/v2/conversations/${String(c['id'])}/notes`, { method: 'POST', body: { text: 'Escalated to L2.' } });
      expect(note.status).toBe(201);
      expect(note.headers.get('resource-id')).toMatch(/^\d+$/);
      expect((await call(sim, token, `/v2/conversations/${String(c['id'])}`)).body['status']).toBe('pending');
      const closing = await call(sim, token, `/v2/conversations/${String(c['id'])}/reply`, { method: 'POST', body: { customer: { id: 1 }, text: 'x' } });
      expect(closing.status).toBe(400);
      expectVndError(closing.body, 'customer.id');
      const customerId = (c['primaryCustomer'] as Json)['id'];
      const closed = await call(sim, token, `/v2/conversations/${String(c['id'])}/reply`, { method: 'POST', body: { customer: { id: customerId }, text: 'Done.', status: 'closed' } });
      expect(closed.status).toBe(201);
      expect((await call(sim, token, `/v2/conversations/${String(c['id'])}`)).body).toMatchObject({ status: 'closed', closedByUser: { email: 'agent@demo.test' } });
    });

    it('changes status, assignee and subject with one JSON Patch operation each (204)', async () => {
      const c = await someConversation('active');
      const path = `/v2/conversations/${String(c['id'])}`;
      const closed = await call(sim, token, path, { method: 'PATCH', body: { op: 'replace', path: '/status', value: 'closed' } });
      expect(closed.status).toBe(204);
      const after = await call(sim, token, `${path}?embed=threads`);
      expect(after.body).toMatchObject({ status: 'closed', closedAt: expect.stringMatching(ISO_SECONDS), closedByUser: { email: 'agent@demo.test' } });
      expect((after.body['_embedded'] as { threads: Json[] }).threads[0]).toMatchObject({ type: 'lineitem', status: 'closed', action: { text: 'Marked as Closed' } });
      expect((await call(sim, token, path, { method: 'PATCH', body: { op: 'remove', path: '/assignTo' } })).status).toBe(204);
      expect((await call(sim, token, path)).body['assignee']).toBeUndefined();
      expect((await call(sim, token, path, { method: 'PATCH', body: { op: 'replace', path: '/subject', value: 'Renamed' } })).status).toBe(204);
      expect((await call(sim, token, path)).body['subject']).toBe('Renamed');
      const badValue = await call(sim, token, path, { method: 'PATCH', body: { op: 'replace', path: '/status', value: 'solved' } });
      expect(badValue.status).toBe(400);
      expectVndError(badValue.body, 'value');
      const badOp = await call(sim, token, path, { method: 'PATCH', body: { op: 'add', path: '/status', value: 'active' } });
      expectVndError(badOp.body, 'op');
      const badPath = await call(sim, token, path, { method: 'PATCH', body: { op: 'replace', path: '/priority', value: 'high' } });
      expectVndError(badPath.body, 'path');
    });

    it('replaces the whole tag set with PUT tags, keeping the case given', async () => {
      const c = await someConversation('active');
      const path = `/v2/conversations/${String(c['id'])}`;
      expect((await call(sim, token, `${path}/tags`, { method: 'PUT', body: { tags: ['P2', 'upstream'] } })).status).toBe(204);
      expect(((await call(sim, token, path)).body['tags'] as Json[]).map((t) => t['tag'])).toEqual(['P2', 'upstream']);
      expectVndError((await call(sim, token, `${path}/tags`, { method: 'PUT', body: { tags: 'P2' } })).body, 'tags');
    });

    it('rejects empty text, a missing customer, a bad status, malformed JSON and unknown conversations', async () => {
      const c = await someConversation('active');
      const path = `/v2/conversations/${String(c['id'])}/reply`;
      const customer = { id: (c['primaryCustomer'] as Json)['id'] };
      expectVndError((await call(sim, token, path, { method: 'POST', body: { customer, text: '' } })).body, 'text');
      expectVndError((await call(sim, token, path, { method: 'POST', body: { text: 'hi' } })).body, 'customer');
      const badStatus = await call(sim, token, path, { method: 'POST', body: { customer, text: 'hi', status: 'solved' } });
      expectVndError(badStatus.body, 'status');
      expect(((badStatus.body['_embedded'] as { errors: Json[] }).errors)[0]).toMatchObject({ rejectedValue: 'solved', source: 'JSON' });
      const malformedJson = await call(sim, token, path, { method: 'POST', body: '{"text":' });
      expect(malformedJson.status).toBe(400);
      expect((await call(sim, token, '/v2/conversations/1/notes', { method: 'POST', body: { text: 'x' } })).status).toBe(404);
      expect((await call(sim, token, '/v2/conversations', { method: 'DELETE' })).status).toBe(405);
    });
  });

  describe('faults', () => {
    it('rateLimitNext answers 429 with Retry-After and X-RateLimit-Retry-After, then recovers', async () => {
      const set = await control(sim, 'POST', '/__control/faults', { rateLimitNext: { count: 1, retryAfterSeconds: 13 } });
      expect(set.status).toBe(200);
      const limited = await call(sim, token, '/v2/conversations');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('13');
      expect(limited.headers.get('x-ratelimit-retry-after')).toBe('13');
      expect(limited.headers.get('x-ratelimit-remaining-minute')).toBe('0');
      expect(limited.body).toEqual({ message: 'API rate limit exceeded' });
      expect((await call(sim, token, '/v2/conversations')).status).toBe(200);
    });

    it('failNext answers the next N API requests with a 5xx vnd.error, then recovers; not the token endpoint', async () => {
      sim.faults.failNext = { count: 2, status: 503 };
      const fresh = await issueToken(sim);
      const first = await call(sim, fresh, '/v2/users/me');
      expect(first.status).toBe(503);
      expect(first.body).toMatchObject({ message: 'Service unavailable', logRef: expect.any(String) });
      expect((await call(sim, token, '/v2/conversations')).status).toBe(503);
      expect((await call(sim, token, '/v2/conversations')).status).toBe(200);
    });

    it('truncateNext sends half a body and cuts the connection', async () => {
      await control(sim, 'POST', '/__control/faults', { truncateNext: 1 });
      const res = await fetch(`${sim.url}/v2/conversations`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow();
      expect((await call(sim, token, '/v2/conversations')).status).toBe(200);
    });

    it('dropNext destroys the socket without an answer', async () => {
      sim.faults.dropNext = 1;
      await expect(fetch(`${sim.url}/v2/conversations`, { headers: { authorization: `Bearer ${token}` } })).rejects.toThrow();
      expect((await call(sim, token, '/v2/conversations')).status).toBe(200);
    });

    it('delayMs holds responses back', async () => {
      sim.faults.delayMs = 60_000;
      const abort = new AbortController();
      let settled = false;
      const pending = fetch(`${sim.url}/v2/users/me?delayed=1`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal }).then(
        () => (settled = true),
        () => undefined,
      );
      while (!sim.requests.some((r) => r.path.includes('delayed=1'))) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 100));
      expect(settled).toBe(false);
      abort.abort();
      await pending;
      sim.faults.delayMs = 0;
      expect((await call(sim, token, '/v2/users/me')).status).toBe(200);
    });

    it('malformedNext puts one malformed conversation in the next list page', async () => {
      await control(sim, 'POST', '/__control/faults', { malformedNext: 1 });
      const bad = conversationsOf((await call(sim, token, '/v2/conversations?status=all')).body);
      const broken = bad.filter((c) => c['status'] === null);
      expect(broken).toHaveLength(1);
      expect(broken[0]).toMatchObject({ id: expect.any(Number), createdAt: 'yesterday', tags: 'P1', primaryCustomer: 'unknown' });
      expect(bad.filter((c) => typeof c['status'] === 'string')).toHaveLength(24);
      const clean = conversationsOf((await call(sim, token, '/v2/conversations?status=all')).body);
      expect(clean.every((c) => typeof c['status'] === 'string')).toBe(true);
    });

    it('dropAfterWriteNext applies a write, then drops the connection; /__control/writes counts it', async () => {
      const added = await control(sim, 'POST', '/__control/conversations', { text: 'Rate limits on the sandbox?' });
      const id = (added.body['conversation'] as Json)['id'] as number;
      const counts = async (): Promise<Json> => (await control(sim, 'GET', '/__control/writes')).body;
      const noteCount = (body: Json, kind: 'received' | 'applied') => ((body[kind] as Record<string, number>)['POST /v2/conversations/{id}/notes'] ?? 0);
      const before = await counts();
      await control(sim, 'POST', '/__control/faults', { dropAfterWriteNext: 1 });
      const sending = fetch(`${sim.url}/v2/conversations/${id}/notes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Dropped after applying.' }),
      });
      await expect(sending).rejects.toThrow();
      const threads = ((await call(sim, token, `/v2/conversations/${id}?embed=threads`)).body['_embedded'] as { threads: Json[] }).threads;
      expect(threads.filter((t) => t['type'] === 'note')).toHaveLength(1);
      const after = await counts();
      expect([noteCount(after, 'received') - noteCount(before, 'received'), noteCount(after, 'applied') - noteCount(before, 'applied')]).toEqual([1, 1]);
      expect(sim.faults.dropAfterWriteNext).toBe(0);
    });

    it('expireTokens expires the current token now: 401 invalid_token until the client asks for a new one', async () => {
      const set = await control(sim, 'POST', '/__control/faults', { expireTokens: true });
      expect(set.body['expiredTokens']).toBeGreaterThanOrEqual(1);
      const expired = await call(sim, token, '/v2/conversations');
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ error: 'invalid_token', error_description: expect.stringContaining('expired') });
      token = await issueToken(sim);
      expect((await call(sim, token, '/v2/conversations')).status).toBe(200);
    });

    it('faults touch neither control routes nor the token endpoint', async () => {
      await control(sim, 'POST', '/__control/faults', { failNext: { count: 1, status: 500 } });
      expect((await control(sim, 'GET', '/__control/faults')).status).toBe(200);
      await issueToken(sim);
      expect((await call(sim, token, '/v2/users/me')).status).toBe(500);
    });
  });

  describe('control routes', () => {
    it('add conversations and customer replies, update, mark spam and delete', async () => {
      const added = await control(sim, 'POST', '/__control/conversations', { subject: 'Webhook retries', text: 'Our webhook gets retried forever.', tags: ['p3'] });
      expect(added.status).toBe(201);
      const conversation = added.body['conversation'] as Json;
      const id = conversation['id'] as number;
      expect(conversation).toMatchObject({ subject: 'Webhook retries', status: 'active', tags: [{ tag: 'p3' }] });
      const newest = conversationsOf((await call(sim, token, '/v2/conversations')).body)[0];
      expect(newest?.['id']).toBe(id);

      const reply = await control(sim, 'POST', `/__control/conversations/${id}/replies`, { text: 'Still happening.' });
      expect(reply.status).toBe(201);
      expect(reply.body['thread']).toMatchObject({ type: 'customer', createdBy: { type: 'customer' } });

      expect((await control(sim, 'PATCH', `/__control/conversations/${id}`, { status: 'pending', assigneeId: null })).body['conversation']).toMatchObject({ status: 'pending' });
      expect((await control(sim, 'POST', `/__control/conversations/${id}/spam`)).body['conversation']).toMatchObject({ status: 'spam' });
      expect((await followNext(sim, token, '/v2/conversations?status=all')).ids).not.toContain(id);
      expect((await followNext(sim, token, '/v2/conversations?status=spam')).ids).toContain(id);
      expect((await control(sim, 'DELETE', `/__control/conversations/${id}`)).status).toBe(200);
      expect((await call(sim, token, `/v2/conversations/${id}`)).status).toBe(404);
      expect((await control(sim, 'POST', `/__control/conversations/${id}/replies`, {})).status).toBe(404);
      expect((await control(sim, 'POST', '/__control/conversations', { status: 'solved' })).status).toBe(422);
      const info = await control(sim, 'GET', '/__control/info');
      expect(info.body).toMatchObject({ organizations: 300, users: 5, clientId: sim.clientId, tokenLifetimeSeconds: 172_800, rateLimitPerMinute: 200 });
      expect(JSON.stringify(info.body)).not.toContain(sim.clientSecret);
    });

    it('take JSON only and answer loopback hosts only', async () => {
      const form = await fetch(`${sim.url}/__control/faults`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
      expect(form.status).toBe(415);
      const port = new URL(sim.url).port;
      const status = await new Promise<number>((resolvePromise, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/__control/info', headers: { host: `evil.test:${port}` } }, (res) => {
          res.resume();
          resolvePromise(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(403);
    });

    it('logs requests', () => {
      expect(sim.requests.some((r) => r.method === 'GET' && r.path.startsWith('/v2/conversations'))).toBe(true);
    });
  });
});

describe('help scout simulator with its clock moving', () => {
  it('expires tokens after 48 hours of the injected clock', async () => {
    const clock = { t: NOW };
    const sim = await startHelpScoutSimulator({ seed: 2, conversations: 30, organizations: 10, now: () => clock.t });
    try {
      const token = await issueToken(sim);
      clock.t += 172_799_000;
      expect((await call(sim, token, '/v2/users/me')).status).toBe(200);
      clock.t += 1_000;
      const expired = await call(sim, token, '/v2/users/me');
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ error: 'invalid_token' });
      expect((await call(sim, await issueToken(sim), '/v2/users/me')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('enforces the per-minute limit with writes counting double, and answers 429 with the wait', async () => {
    const clock = { t: NOW + 15_000 };
    const sim = await startHelpScoutSimulator({ seed: 2, conversations: 30, organizations: 10, now: () => clock.t, rateLimitPerMinute: 4 });
    try {
      const token = await issueToken(sim);
      const list = await call(sim, token, '/v2/conversations?status=all');
      expect(list.headers.get('x-ratelimit-limit-minute')).toBe('4');
      expect(list.headers.get('x-ratelimit-remaining-minute')).toBe('3');
      const id = conversationsOf(list.body)[0]?.['id'] as number;
      const note = await call(sim, token, `/v2/conversations/${id}/notes`, { method: 'POST', body: { text: 'n' } });
      expect(note.headers.get('x-ratelimit-remaining-minute')).toBe('1');
      const refused = await call(sim, token, `/v2/conversations/${id}/notes`, { method: 'POST', body: { text: 'n' } });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('45');
      expect(refused.headers.get('x-ratelimit-retry-after')).toBe('45');
      expect((await call(sim, token, '/v2/users/me')).status).toBe(200);
      expect((await call(sim, token, '/v2/users/me')).status).toBe(429);
      clock.t += 45_000;
      expect((await call(sim, token, '/v2/users/me')).headers.get('x-ratelimit-remaining-minute')).toBe('3');
    } finally {
      await sim.close();
    }
  });

  it('shifts rows under offset paging: a conversation modified mid-sync makes a naive client miss one and see one twice', async () => {
    const clock = { t: NOW };
    const sim = await startHelpScoutSimulator({ seed: 4, now: () => clock.t, rateLimitPerMinute: 10_000 });
    try {
      const token = await issueToken(sim);
      const since = new Date(NOW - 4 * 86_400_000).toISOString().replace('.000Z', 'Z');
      const first = `/v2/conversations?status=all&modifiedSince=${since}&sortField=modifiedAt&sortOrder=asc`;
      const before = await followNext(sim, token, first);
      expect(pageOf(before.pages[0] ?? {}).totalPages).toBeGreaterThan(2);
      expect(new Set(before.ids).size).toBe(before.ids.length);

      // The same sync again, while a customer writes on a conversation the client has already seen on page 1.
      let touched = 0;
      const naive = await followNext(sim, token, first, (page) => {
        if (page !== 1) return;
        touched = before.ids[2] ?? 0;
        clock.t += 1_000;
        sim.addCustomerReply(touched);
      });
      const seen = new Set(naive.ids);
      const missed = before.ids.filter((id) => !seen.has(id));
      const twice = naive.ids.filter((id, i) => naive.ids.indexOf(id) !== i);
      expect(missed).toEqual([before.ids[25]]);
      expect(twice).toEqual([touched]);
      expect(naive.ids[naive.ids.length - 1]).toBe(touched);

      // A client that notices the duplicate and pages the same window again finds everything.
      const again = await followNext(sim, token, first);
      expect(new Set(again.ids)).toEqual(new Set(before.ids));
    } finally {
      await sim.close();
    }
  });

  it('shifts rows the other way under createdAt desc: a new conversation mid-paging repeats a row', async () => {
    const clock = { t: NOW };
    const sim = await startHelpScoutSimulator({ seed: 4, conversations: 80, organizations: 20, now: () => clock.t });
    try {
      const token = await issueToken(sim);
      const naive = await followNext(sim, token, '/v2/conversations?status=all', (page) => {
        if (page === 1) sim.addConversation();
      });
      const twice = naive.ids.filter((id, i) => naive.ids.indexOf(id) !== i);
      expect(twice).toHaveLength(1);
    } finally {
      await sim.close();
    }
  });

  it('adds conversations and customer replies on its own with the activity timer', async () => {
    const sim = await startHelpScoutSimulator({ seed: 3, conversations: 20, organizations: 5, activityIntervalMs: 10, rateLimitPerMinute: 100_000 });
    try {
      const info = async (): Promise<number> => (await control(sim, 'GET', '/__control/info')).body['conversations'] as number;
      for (let i = 0; i < 400 && (await info()) < 23; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await info()).toBeGreaterThanOrEqual(23);
    } finally {
      await sim.close();
    }
  });
});

describe('help scout simulator command line', () => {
  it('starts on the given port, prints the URL and the OAuth app, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [resolve(ROOT, 'main/simulators/helpscout/main.ts'), '--port', '0', '--activity-ms', '0', '--conversations', '10', '--organizations', '4'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const url = await new Promise<string>((resolvePromise, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m?.[1]) resolvePromise(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${String(code)}: ${out}`)));
      });
      expect(out).toContain('client_id triage-desk-demo');
      const res = await fetch(`${url}/v2/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'triage-desk-demo', client_secret: 'demo-secret' }) });
      expect(res.status).toBe(200);
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('rejects a bad option with exit code 2', async () => {
    const child = spawn(process.execPath, [resolve(ROOT, 'main/simulators/helpscout/main.ts'), '--port', 'abc'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(2);
  });
});
