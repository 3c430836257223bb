import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PER_PAGE, PART_LIMIT, startIntercomSimulator, type IntercomSimulator } from '../../main/simulators/intercom/server.ts';
import { haveSpec, loadOpenApi, missingKeys, type OpenApi } from '../support/intercom-simulator-openapi.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

type Json = Record<string, unknown>;
interface Page {
  type: string;
  conversations: Json[];
  total_count: number;
  pages: { type: string; page: number; per_page: number; total_pages: number; next?: { page: number; starting_after: string; per_page: number } };
}

interface Options {
  token?: string | null;
  version?: string;
}

function headers(sim: IntercomSimulator, options: Options = {}): Record<string, string> {
  const h: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const token = options.token === undefined ? sim.token : options.token;
  if (token !== null) h['authorization'] = `Bearer ${token}`;
  if (options.version !== undefined) h['intercom-version'] = options.version;
  return h;
}

async function call(sim: IntercomSimulator, method: string, path: string, body?: unknown, options: Options = {}): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${sim.url}${path}`, { method, headers: headers(sim, options), body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
}

const get = (sim: IntercomSimulator, path: string, options?: Options): ReturnType<typeof call> => call(sim, 'GET', path, undefined, options);

async function search(sim: IntercomSimulator, body: unknown, options?: Options): Promise<{ status: number; body: Page & Json }> {
  const res = await call(sim, 'POST', '/conversations/search', body, options);
  return { status: res.status, body: res.body as Page & Json };
}

/** Every page of a search, following pages.next.starting_after. */
async function searchAll(sim: IntercomSimulator, query: unknown, perPage: number, sort?: unknown): Promise<Page[]> {
  const pages: Page[] = [];
  let startingAfter: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const { status, body } = await search(sim, { query, pagination: { per_page: perPage, ...(startingAfter ? { starting_after: startingAfter } : {}) }, ...(sort ? { sort } : {}) });
    expect(status).toBe(200);
    pages.push(body);
    startingAfter = body.pages.next?.starting_after;
    if (!startingAfter) return pages;
  }
  throw new Error('search never ended');
}

async function control(sim: IntercomSimulator, method: string, path: string, body: unknown = {}): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${sim.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json };
}

const ALL = { field: 'updated_at', operator: '>', value: 0 };
const idsOf = (pages: Page[]): string[] => pages.flatMap((p) => p.conversations.map((c) => c['id'] as string));
const parts = (conversation: Json): Json[] => (conversation['conversation_parts'] as { conversation_parts: Json[] }).conversation_parts;

describe('intercom simulator over HTTP', () => {
  let sim: IntercomSimulator;
  const clock = { t: NOW };

  beforeAll(async () => {
    sim = await startIntercomSimulator({ seed: 1, now: () => clock.t });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('listens on loopback on a free port', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  describe('authentication, versions and rate-limit headers', () => {
    it('answers /me with the token admin and the workspace, with the 10-second rate-limit headers', async () => {
      const res = await get(sim, '/me', { version: '2.16' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ type: 'admin', name: 'Morgan Ellis', app: { type: 'app', id_code: expect.any(String) } });
      expect(res.headers.get('x-ratelimit-limit')).toBe('1667');
      expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeLessThan(1667);
      const reset = Number(res.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThan(clock.t / 1000);
      expect(reset).toBeLessThanOrEqual(clock.t / 1000 + 10);
    });

    it('answers a missing or wrong token with 401 error.list and no rate-limit headers', async () => {
      for (const token of [null, 'nope']) {
        for (const path of ['/me', '/admins', '/conversations/215470000000001']) {
          const res = await get(sim, path, { token });
          expect(res.status).toBe(401);
          expect(res.body).toEqual({ type: 'error.list', request_id: expect.stringMatching(/^[0-9a-f-]{36}$/), errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] });
          expect(res.headers.get('x-ratelimit-limit')).toBeNull();
        }
      }
    });

    it('serves 2.16 priorities as five levels and earlier versions as priority / not_priority', async () => {
      const query = { query: ALL, pagination: { per_page: 150 } };
      const v216 = (await search(sim, query, { version: '2.16' })).body.conversations.map((c) => c['priority']);
      const v215 = (await search(sim, query, { version: '2.15' })).body.conversations.map((c) => c['priority']);
      const fallback = (await search(sim, query)).body.conversations.map((c) => c['priority']);
      expect(new Set(v216)).toEqual(new Set(['none', 'low', 'medium', 'high', 'urgent']));
      expect(fallback).toEqual(v216);
      expect(v215).toEqual(v216.map((p) => (p === 'none' ? 'not_priority' : 'priority')));
    });

    it('rejects an unknown Intercom-Version with 400 intercom_version_invalid', async () => {
      const res = await get(sim, '/me', { version: '3.7' });
      expect(res.status).toBe(400);
      expect(res.body['errors']).toEqual([expect.objectContaining({ code: 'intercom_version_invalid' })]);
    });
  });

  describe.skipIf(!haveSpec)('shapes match the OpenAPI 2.16 description', () => {
    let spec: OpenApi;
    beforeAll(() => {
      spec = loadOpenApi();
    });

    it('GET /me and GET /admins', async () => {
      const me = (await get(sim, '/me')).body;
      expect(spec.validate('admin_with_app', me)).toEqual([]);
      expect(missingKeys(me, spec.example('/me', 'get'))).toEqual([]);
      const admins = (await get(sim, '/admins')).body;
      expect(spec.validate('admin_list', admins)).toEqual([]);
      const exampleAdmin = (spec.example('/admins', 'get')['admins'] as Json[])[0];
      for (const admin of admins['admins'] as Json[]) expect(missingKeys(admin, exampleAdmin)).toEqual([]);
    });

    it('every search page and every conversation in it', async () => {
      const example = spec.example('/conversations/search', 'post');
      const exampleItem = (example['conversations'] as Json[])[0];
      const pages = await searchAll(sim, ALL, MAX_PER_PAGE);
      for (const page of pages) {
        expect(spec.validate('conversation_list', page)).toEqual([]);
        expect(missingKeys(page, example)).toEqual([]);
        expect(missingKeys(page.pages, example['pages'])).toEqual([]);
        for (const c of page.conversations) expect(missingKeys(c, exampleItem)).toEqual([]);
      }
    });

    it('GET /conversations/{id} with its parts, for every kind of seeded conversation', async () => {
      const example = spec.example('/conversations/{conversation_id}', 'get');
      const examplePart = { ...parts(example)[0], ...parts(spec.example('/conversations/{conversation_id}/reply', 'post'))[0] };
      const ids = idsOf(await searchAll(sim, ALL, MAX_PER_PAGE));
      const seen = new Set<string>();
      for (const id of ids.filter((_, i) => i % 4 === 0)) {
        const c = (await get(sim, `/conversations/${id}`)).body;
        expect(spec.validate('conversation', c)).toEqual([]);
        expect(missingKeys(c, example)).toEqual([]);
        for (const p of parts(c)) {
          expect(missingKeys(p, examplePart)).toEqual([]);
          seen.add(p['part_type'] as string);
        }
      }
      for (const partType of ['comment', 'note', 'assignment', 'open', 'close', 'snoozed', 'timer_unsnooze', 'quick_reply', 'conversation_attribute_updated_by_admin']) {
        expect(seen).toContain(partType);
      }
    });

    it('GET /contacts/{id} and GET /companies/{id}', async () => {
      const page = (await search(sim, { query: ALL, pagination: { per_page: 50 } })).body;
      const contactExample = spec.example('/contacts/{contact_id}', 'get');
      const companyExample = spec.example('/companies/{company_id}', 'get');
      for (const c of page.conversations) {
        const contactId = (c['contacts'] as { contacts: { id: string }[] }).contacts[0]?.id ?? '';
        const contact = (await get(sim, `/contacts/${contactId}`)).body;
        expect(spec.validate('contact', contact)).toEqual([]);
        expect(missingKeys(contact, contactExample)).toEqual([]);
        const companyId = (contact['companies'] as { data: { id: string }[] }).data[0]?.id ?? '';
        const company = (await get(sim, `/companies/${companyId}`)).body;
        expect(spec.validate('company', company)).toEqual([]);
        expect(missingKeys(company, companyExample)).toEqual([]);
        expect(company).toEqual(c['company']);
      }
    });

    it('errors, and the conversations the writes return', async () => {
      expect(spec.validate('error', (await get(sim, '/me', { token: 'nope' })).body)).toEqual([]);
      expect(spec.validate('error', (await get(sim, '/conversations/1')).body)).toEqual([]);
      const id = (await search(sim, { query: { field: 'state', operator: '=', value: 'open' } })).body.conversations[0]?.['id'] as string;
      const replied = await call(sim, 'POST', `/conversations/${id}/reply`, { message_type: 'note', type: 'admin', admin_id: 7_340_001, body: '<p>internal</p>' });
      expect(spec.validate('conversation', replied.body)).toEqual([]);
      const closed = await call(sim, 'POST', `/conversations/${id}/parts`, { message_type: 'close', type: 'admin', admin_id: '7340001' });
      expect(spec.validate('conversation', closed.body)).toEqual([]);
    });

    it('the tag routes', async () => {
      const id = (await search(sim, { query: { field: 'state', operator: '=', value: 'open' } })).body.conversations[0]?.['id'] as string;
      expect(spec.validate('tag_list', (await get(sim, '/tags')).body)).toEqual([]);
      const created = (await call(sim, 'POST', '/tags', { name: 'shape-check' })).body;
      expect(spec.validate('tag_basic', created)).toEqual([]);
      const applied = (await call(sim, 'POST', `/conversations/${id}/tags`, { id: created['id'], admin_id: '7340001' })).body;
      expect(spec.validate('tag', applied)).toEqual([]);
      expect(missingKeys(applied, spec.example('/conversations/{conversation_id}/tags', 'post'))).toEqual([]);
      expect(spec.validate('tag', (await call(sim, 'DELETE', `/conversations/${id}/tags/${String(created['id'])}`, { admin_id: '7340001' })).body)).toEqual([]);
      expect(spec.validate('conversation', (await call(sim, 'PUT', `/conversations/${id}`, { read: true })).body)).toEqual([]);
    });

    it('flags a record spoiled by the malformedSearchNext fault', async () => {
      sim.faults.malformedSearchNext = { count: 1, defect: 'created_at_string' };
      const page = (await search(sim, { query: ALL, pagination: { per_page: 5 } })).body;
      expect(spec.validate('conversation_list', page)).toEqual([expect.stringMatching(/created_at: expected an integer/)]);
    });
  });

  describe('search', () => {
    it('pages through every conversation exactly once, by updated_at, with pages and next as Intercom', async () => {
      const pages = await searchAll(sim, ALL, 7);
      const all = pages.flatMap((p) => p.conversations);
      const ids = idsOf(pages);
      expect(ids).toHaveLength(500);
      expect(new Set(ids).size).toBe(500);
      expect(pages).toHaveLength(Math.ceil(500 / 7));
      pages.forEach((p, i) => {
        expect(p).toMatchObject({ type: 'conversation.list', total_count: 500, pages: { type: 'pages', page: i + 1, per_page: 7, total_pages: 72 } });
        if (i < pages.length - 1) expect(p.pages.next).toMatchObject({ page: i + 2, starting_after: expect.stringMatching(/^Wz/) });
      });
      expect(pages[pages.length - 1]?.pages.next).toBeUndefined();
      const stamps = all.map((c) => c['updated_at'] as number);
      expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    });

    it('treats > and < on dates as greater-or-equal and lower-or-equal, like Intercom', async () => {
      const all = (await searchAll(sim, ALL, MAX_PER_PAGE)).flatMap((p) => p.conversations);
      const t = all[200]?.['updated_at'] as number;
      const atT = all.filter((c) => c['updated_at'] === t).map((c) => c['id']);
      const after = idsOf(await searchAll(sim, { field: 'updated_at', operator: '>', value: t }, MAX_PER_PAGE));
      expect(after).toEqual(expect.arrayContaining(atT));
      expect(after).toHaveLength(all.filter((c) => (c['updated_at'] as number) >= t).length);
      const before = idsOf(await searchAll(sim, { field: 'updated_at', operator: '<', value: t }, MAX_PER_PAGE));
      expect(before).toEqual(expect.arrayContaining(atT));
      expect(before).toHaveLength(all.filter((c) => (c['updated_at'] as number) <= t).length);
      // The boundary conversations come back in both halves.
      expect(after.length + before.length).toBe(all.length + atT.length);
    });

    it('an incremental poll from the high-water mark re-reads the boundary, and dedupe by id and updated_at covers every change once', async () => {
      const seen = new Map<string, number>();
      const absorb = (pages: Page[]): void => {
        for (const c of pages.flatMap((p) => p.conversations)) seen.set(c['id'] as string, Math.max(seen.get(c['id'] as string) ?? 0, c['updated_at'] as number));
      };
      const first = await searchAll(sim, ALL, 25);
      absorb(first);
      const hwm = Math.max(...seen.values());
      const atHwm = [...seen].filter(([, u]) => u === hwm).map(([id]) => id);

      const idle = idsOf(await searchAll(sim, { field: 'updated_at', operator: '>', value: hwm }, 25));
      expect(idle.sort()).toEqual([...atHwm].sort());

      clock.t += 90_000;
      const changed = [...seen.keys()].slice(10, 13);
      sim.addCustomerReply(changed[0] ?? '', 'Still failing with "Rate limit exceeded".');
      sim.updateConversation(changed[1] ?? '', { priority: 'urgent' });
      sim.updateConversation(changed[2] ?? '', { state: 'closed' });
      const poll = await searchAll(sim, { field: 'updated_at', operator: '>', value: hwm }, 2);
      const polled = idsOf(poll);
      expect(new Set(polled)).toEqual(new Set([...atHwm, ...changed]));
      absorb(poll);
      expect(seen.size).toBe(500);
      for (const id of changed) expect(seen.get(id)).toBe(Math.floor(clock.t / 1000));
    });

    it('a conversation updated while a client pages moves to the end and shows up again, never missing', async () => {
      const seen: string[] = [];
      let startingAfter: string | undefined;
      let moved: string | undefined;
      for (;;) {
        const { body } = await search(sim, { query: ALL, pagination: { per_page: 50, ...(startingAfter ? { starting_after: startingAfter } : {}) } });
        seen.push(...body.conversations.map((c) => c['id'] as string));
        if (!moved) {
          moved = seen[3];
          clock.t += 1000;
          sim.addCustomerReply(moved ?? '');
        }
        startingAfter = body.pages.next?.starting_after;
        if (!startingAfter) break;
      }
      expect(new Set(seen).size).toBe(500);
      expect(seen.filter((id) => id === moved)).toHaveLength(2);
      expect(seen[seen.length - 1]).toBe(moved);
    });

    it('filters with =, !=, IN, NIN on id and state, and nested AND / OR', async () => {
      const all = (await searchAll(sim, ALL, MAX_PER_PAGE)).flatMap((p) => p.conversations);
      const count = async (query: unknown): Promise<number> => (await search(sim, { query, pagination: { per_page: 1 } })).body.total_count;
      const states = ['open', 'closed', 'snoozed'];
      for (const state of states) {
        expect(await count({ field: 'state', operator: '=', value: state })).toBe(all.filter((c) => c['state'] === state).length);
        expect(await count({ field: 'state', operator: '!=', value: state })).toBe(all.filter((c) => c['state'] !== state).length);
      }
      expect(await count({ field: 'state', operator: 'IN', value: ['open', 'snoozed'] })).toBe(all.filter((c) => c['open'] === true).length);
      expect(await count({ field: 'state', operator: 'NIN', value: ['open', 'snoozed'] })).toBe(all.filter((c) => c['open'] === false).length);
      const some = all.slice(0, 3).map((c) => c['id'] as string);
      expect(idsOf([(await search(sim, { query: { field: 'id', operator: 'IN', value: some } })).body]).sort()).toEqual([...some].sort());
      expect((await search(sim, { query: { field: 'id', operator: '=', value: some[0] } })).body.conversations.map((c) => c['id'])).toEqual([some[0]]);
      expect(await count({ field: 'id', operator: '!=', value: some[0] })).toBe(499);
      const t = all[100]?.['created_at'] as number;
      const nested = {
        operator: 'AND',
        value: [
          { field: 'created_at', operator: '>', value: String(t) },
          { operator: 'OR', value: [{ field: 'state', operator: '=', value: 'snoozed' }, { field: 'priority', operator: '=', value: 'urgent' }] },
        ],
      };
      expect(await count(nested)).toBe(all.filter((c) => (c['created_at'] as number) >= t && (c['state'] === 'snoozed' || c['priority'] === 'urgent')).length);
    });

    it('sorts on request', async () => {
      const desc = (await search(sim, { query: ALL, pagination: { per_page: 150 }, sort: { field: 'created_at', order: 'descending' } })).body.conversations;
      const created = desc.map((c) => c['created_at'] as number);
      expect([...created].sort((a, b) => b - a)).toEqual(created);
      const pages = await searchAll(sim, ALL, 40, { field: 'created_at', order: 'descending' });
      expect(new Set(idsOf(pages)).size).toBe(500);
    });

    it('rejects what Intercom rejects with 400 error.list', async () => {
      const bad = [
        {},
        { query: { field: 'state', operator: '>', value: 'open' } },
        { query: { field: 'nonsense', operator: '=', value: 1 } },
        { query: { field: 'updated_at', operator: '>', value: 'yesterday' } },
        { query: { field: 'state', operator: 'IN', value: 'open' } },
        { query: { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [ALL] }] }] } },
        { query: { operator: 'AND', value: Array.from({ length: 16 }, () => ALL) } },
        { query: ALL, pagination: { per_page: MAX_PER_PAGE + 1 } },
        { query: ALL, pagination: { per_page: 0 } },
        { query: ALL, pagination: { starting_after: 'not-a-cursor' } },
        { query: ALL, sort: { field: 'title', order: 'ascending' } },
      ];
      for (const body of bad) {
        const res = await search(sim, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body['type']).toBe('error.list');
        expect((res.body['errors'] as Json[])[0]?.['code']).toMatch(/^parameter_(invalid|not_found)$/);
      }
      const nested = { operator: 'AND', value: [{ operator: 'OR', value: [ALL, ALL] }] };
      expect((await search(sim, { query: nested })).status).toBe(200);
    });
  });

  describe('conversations, contacts, companies', () => {
    it('caps the parts of GET /conversations/{id} at the 500 most recent, oldest first', async () => {
      const long = (await search(sim, { query: { field: 'statistics.count_conversation_parts', operator: '>', value: PART_LIMIT + 1 } })).body.conversations;
      expect(long).toHaveLength(1);
      const total = (long[0]?.['statistics'] as Json)['count_conversation_parts'] as number;
      expect(total).toBeGreaterThan(PART_LIMIT);
      const c = (await get(sim, `/conversations/${String(long[0]?.['id'])}`)).body;
      const list = parts(c);
      expect(list).toHaveLength(PART_LIMIT);
      expect((c['conversation_parts'] as Json)['total_count']).toBe(PART_LIMIT);
      const times = list.map((p) => p['created_at'] as number);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      // The most recent ones: the last part is the one that set updated_at, the first is not the first ever.
      expect(times[times.length - 1]).toBe(c['updated_at']);
      expect(list[0]?.['part_type']).not.toBe('assignment');
      const ids = list.map((p) => Number(p['id']));
      expect(ids[ids.length - 1]! - ids[0]!).toBe(PART_LIMIT - 1);
    });

    it('serves the first message as source, with HTML bodies, some hostile, quoting the catalog error strings', async () => {
      const all = (await searchAll(sim, ALL, MAX_PER_PAGE)).flatMap((p) => p.conversations);
      const bodies = all.map((c) => (c['source'] as Json)['body'] as string);
      expect(bodies.every((b) => b.startsWith('<'))).toBe(true);
      expect(bodies.filter((b) => /<script|onerror=|javascript:/.test(b)).length).toBeGreaterThan(0);
      expect(bodies.some((b) => b.includes('Rate limit exceeded'))).toBe(true);
      const types = new Set(all.map((c) => (c['source'] as Json)['type']));
      expect(types).toEqual(new Set(['email', 'conversation']));
      const authorTypes = new Set(all.map((c) => ((c['source'] as Json)['author'] as Json)['type']));
      expect(authorTypes).toEqual(new Set(['user', 'lead']));
      const plans = new Set(all.map((c) => ((c['company'] as Json)['plan'] as Json)['name']));
      expect(plans).toEqual(new Set(['Free', 'Starter', 'Growth', 'Enterprise']));
    });

    it('answers unknown ids and paths with 404 error.list', async () => {
      for (const [path, code] of [
        ['/conversations/1', 'not_found'],
        ['/contacts/0123456789abcdef01234567', 'not_found'],
        ['/companies/0123456789abcdef01234567', 'company_not_found'],
        ['/nope', 'not_found'],
      ] as const) {
        const res = await get(sim, path);
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ type: 'error.list', errors: [{ code }] });
      }
    });
  });

  describe('writes', () => {
    let id = '';
    beforeAll(() => {
      id = sim.addConversation({ subject: 'Webhook retries', body: 'Our webhook endpoint gets every event twice.', priority: 'high' }).id;
    });

    it('POST /reply appends a comment or a note, bumps updated_at and returns the conversation', async () => {
      clock.t += 5000;
      const res = await call(sim, 'POST', `/conversations/${id}/reply`, { message_type: 'comment', type: 'admin', admin_id: '7340014', body: 'Thanks, looking into it.' });
      expect(res.status).toBe(200);
      const last = parts(res.body).at(-1);
      expect(last).toMatchObject({ part_type: 'comment', body: '<p>Thanks, looking into it.</p>', author: { type: 'admin', id: '7340014' }, app_package_code: 'triage-desk' });
      expect(res.body['updated_at']).toBe(Math.floor(clock.t / 1000));
      expect(res.body['waiting_since']).toBeNull();
      const note = await call(sim, 'POST', `/conversations/${id}/reply`, { message_type: 'note', type: 'admin', admin_id: 7_340_001, body: '<p>Known issue INC-42</p>' });
      expect(parts(note.body).at(-1)).toMatchObject({ part_type: 'note', body: '<p>Known issue INC-42</p>' });
      const found = (await search(sim, { query: { field: 'updated_at', operator: '>', value: Math.floor(clock.t / 1000) } })).body.conversations.map((c) => c['id']);
      expect(found).toContain(id);
    });

    it('POST /parts closes, snoozes, opens and assigns, each leaving its part', async () => {
      const steps: [unknown, Json][] = [
        [{ message_type: 'close', type: 'admin', admin_id: '7340001', body: 'Fixed in 2.4.1' }, { state: 'closed', open: false }],
        [{ message_type: 'assignment', type: 'admin', admin_id: '7340001', assignee_id: '7340027' }, { state: 'open', admin_assignee_id: 7_340_027 }],
        [{ message_type: 'snoozed', admin_id: '7340001', snoozed_until: Math.floor(clock.t / 1000) + 3600 }, { state: 'snoozed', snoozed_until: Math.floor(clock.t / 1000) + 3600 }],
        [{ message_type: 'open', admin_id: '7340001' }, { state: 'open', snoozed_until: null }],
        [{ message_type: 'assignment', type: 'team', admin_id: '7340001', assignee_id: '5017692' }, { team_assignee_id: 5_017_692 }],
        [{ message_type: 'assignment', type: 'admin', admin_id: '7340001', assignee_id: '0' }, { admin_assignee_id: 0 }],
      ];
      const partTypes: string[] = [];
      for (const [body, expected] of steps) {
        clock.t += 1000;
        const res = await call(sim, 'POST', `/conversations/${id}/parts`, body);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body).toMatchObject({ ...expected, updated_at: Math.floor(clock.t / 1000) });
        partTypes.push(parts(res.body).at(-1)?.['part_type'] as string);
      }
      expect(partTypes).toEqual(['close', 'assign_and_reopen', 'snoozed', 'unsnoozed', 'assignment', 'assignment']);
    });

    it('a customer reply reopens a closed conversation with an open part', async () => {
      await call(sim, 'POST', `/conversations/${id}/parts`, { message_type: 'close', type: 'admin', admin_id: '7340001' });
      sim.addCustomerReply(id, 'It is back.');
      const c = (await get(sim, `/conversations/${id}`)).body;
      expect(c).toMatchObject({ state: 'open', read: false, waiting_since: Math.floor(clock.t / 1000) });
      expect(parts(c).at(-1)).toMatchObject({ part_type: 'open', body: '<p>It is back.</p>', author: { type: expect.stringMatching(/^(user|lead)$/) } });
    });

    it('rejects bad writes with Intercom errors', async () => {
      const cases: [string, unknown, number, string][] = [
        ['reply', { message_type: 'comment', type: 'admin', admin_id: '7340001' }, 400, 'parameter_invalid'],
        ['reply', { message_type: 'shout', type: 'admin', admin_id: '7340001', body: 'x' }, 400, 'parameter_invalid'],
        ['reply', { message_type: 'comment', type: 'admin', admin_id: '999', body: 'x' }, 404, 'admin_not_found'],
        ['reply', { message_type: 'comment', type: 'admin', body: 'x' }, 400, 'parameter_not_found'],
        ['parts', { message_type: 'snoozed', admin_id: '7340001', snoozed_until: 1 }, 400, 'parameter_invalid'],
        ['parts', { message_type: 'assignment', type: 'admin', admin_id: '7340001', assignee_id: '42' }, 404, 'assignee_not_found'],
        ['parts', { message_type: 'archive', admin_id: '7340001' }, 400, 'parameter_invalid'],
      ];
      for (const [route, body, status, code] of cases) {
        const res = await call(sim, 'POST', `/conversations/${id}/${route}`, body);
        expect(res.status, JSON.stringify(body)).toBe(status);
        expect((res.body['errors'] as Json[])[0]?.['code']).toBe(code);
      }
      const missing = await call(sim, 'POST', '/conversations/42/reply', { message_type: 'comment', type: 'admin', admin_id: '7340001', body: 'x' });
      expect(missing.status).toBe(404);
      const broken = await fetch(`${sim.url}/conversations/${id}/reply`, { method: 'POST', headers: headers(sim), body: '{"message_type":' });
      expect(broken.status).toBe(400);
    });

    it('tags by id: GET /tags lists the workspace, POST /tags finds or creates by name, conversations take and drop them', async () => {
      const listed = (await get(sim, '/tags')).body;
      expect(listed['type']).toBe('list');
      const names = (listed['data'] as Json[]).map((t) => t['name']);
      expect(names.length).toBeGreaterThan(0);
      const existing = (listed['data'] as Json[])[0] as Json;
      const found = await call(sim, 'POST', '/tags', { name: String(existing['name']).toUpperCase() });
      expect(found.body).toMatchObject({ type: 'tag', id: existing['id'], name: existing['name'] });
      const created = (await call(sim, 'POST', '/tags', { name: 'needs-eng' })).body;
      expect((await call(sim, 'POST', '/tags', { name: 'needs-eng' })).body['id']).toBe(created['id']);
      expect(((await get(sim, '/tags')).body['data'] as Json[]).map((t) => t['name'])).toContain('needs-eng');

      clock.t += 1000;
      const applied = await call(sim, 'POST', `/conversations/${id}/tags`, { id: created['id'], admin_id: '7340001' });
      expect(applied.body).toMatchObject({ type: 'tag', id: created['id'], name: 'needs-eng', applied_at: Math.floor(clock.t / 1000), applied_by: { type: 'admin', id: '7340001' } });
      const tagged = (await get(sim, `/conversations/${id}`)).body;
      expect((tagged['tags'] as { tags: Json[] }).tags.map((t) => t['name'])).toContain('needs-eng');
      expect(tagged['updated_at']).toBe(Math.floor(clock.t / 1000));

      const removed = await call(sim, 'DELETE', `/conversations/${id}/tags/${String(created['id'])}`, { admin_id: '7340001' });
      expect(removed.body).toMatchObject({ type: 'tag', id: created['id'] });
      expect(((await get(sim, `/conversations/${id}`)).body['tags'] as { tags: Json[] }).tags.map((t) => t['name'])).not.toContain('needs-eng');
      // The workspace keeps a tag no conversation carries.
      expect(((await get(sim, '/tags')).body['data'] as Json[]).map((t) => t['name'])).toContain('needs-eng');

      expect((await call(sim, 'POST', `/conversations/${id}/tags`, { id: '999', admin_id: '7340001' })).status).toBe(404);
      expect((await call(sim, 'POST', `/conversations/${id}/tags`, { id: created['id'] })).status).toBe(400);
      expect((await call(sim, 'POST', '/tags', {})).status).toBe(400);
    });

    it('PUT /conversations/{id} sets the priority in the Preview version only; 2.16 ignores the field', async () => {
      const before = (await get(sim, `/conversations/${id}`)).body['priority'];
      const ignored = await call(sim, 'PUT', `/conversations/${id}`, { priority: 'urgent', admin_id: '7340001', title: 'Webhook retries twice' });
      expect(ignored.body).toMatchObject({ priority: before, title: 'Webhook retries twice' });
      clock.t += 1000;
      const set = await call(sim, 'PUT', `/conversations/${id}`, { priority: 'urgent', admin_id: '7340001' }, { version: 'Preview' });
      expect(set.body).toMatchObject({ priority: 'urgent', updated_at: Math.floor(clock.t / 1000) });
      expect(parts(set.body).at(-1)).toMatchObject({
        part_type: 'conversation_attribute_updated_by_admin',
        event_details: { attribute: { name: 'priority' }, value: { name: 'urgent', previous: before } },
      });
      expect((await call(sim, 'PUT', `/conversations/${id}`, { priority: 'severe', admin_id: '7340001' }, { version: 'Preview' })).status).toBe(400);
      expect((await call(sim, 'PUT', `/conversations/${id}`, { priority: 'low' }, { version: 'Preview' })).status).toBe(400);
    });

    it('a contact can reply through the API too', async () => {
      const c = (await get(sim, `/conversations/${id}`)).body;
      const contactId = (c['contacts'] as { contacts: { id: string }[] }).contacts[0]?.id;
      const res = await call(sim, 'POST', `/conversations/${id}/reply`, { message_type: 'comment', type: 'user', intercom_user_id: contactId, body: 'Any news?' });
      expect(parts(res.body).at(-1)).toMatchObject({ part_type: 'comment', author: { id: contactId } });
    });

    it('deleted conversations leave search and GET, and are listed by GET /conversations/deleted from 2.16', async () => {
      clock.t += 1000;
      sim.deleteConversation(id);
      expect((await get(sim, `/conversations/${id}`)).status).toBe(404);
      expect((await search(sim, { query: { field: 'id', operator: '=', value: id } })).body.total_count).toBe(0);
      const deleted = await get(sim, '/conversations/deleted');
      expect(deleted.body).toMatchObject({ type: 'conversations.list', total_count: 1, conversations: [{ type: 'conversation', id, deleted_at: Math.floor(clock.t / 1000) }] });
      expect((await get(sim, '/conversations/deleted', { version: '2.15' })).body['errors']).toEqual([expect.objectContaining({ code: 'intercom_version_invalid' })]);
    });
  });

  describe('control routes', () => {
    it('take JSON only and answer loopback hosts only', async () => {
      const form = await fetch(`${sim.url}/__control/conversations`, { method: 'POST', body: 'subject=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(form.status).toBe(415);
      const port = new URL(sim.url).port;
      const status = await new Promise<number>((resolveStatus, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/__control/info', method: 'GET', headers: { host: `evil.test:${port}` } }, (res) => {
          res.resume();
          resolveStatus(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(403);
    });

    it('add, reply to, change and delete conversations; validate input; report info', async () => {
      const added = await control(sim, 'POST', '/__control/conversations', { subject: 'Invoice for October', body: 'Please resend the invoice.', priority: 'low', channel: 'email', tags: ['billing'] });
      expect(added.status).toBe(201);
      const c = added.body['conversation'] as Json;
      expect(c).toMatchObject({ state: 'open', priority: 'low', admin_assignee_id: 0, source: { type: 'email', subject: 'Invoice for October', body: '<p>Please resend the invoice.</p>' } });
      expect((c['tags'] as { tags: Json[] }).tags.map((t) => t['name'])).toEqual(['billing']);
      const id = c['id'] as string;
      const replied = await control(sim, 'POST', `/__control/conversations/${id}/replies`, { body: 'Any news?' });
      expect(replied.status).toBe(201);
      expect(replied.body['part']).toMatchObject({ part_type: 'comment', body: '<p>Any news?</p>' });
      const patched = await control(sim, 'PATCH', `/__control/conversations/${id}`, { priority: 'urgent', adminAssigneeId: 7_340_001, state: 'snoozed' });
      expect(patched.body['conversation']).toMatchObject({ priority: 'urgent', admin_assignee_id: 7_340_001, state: 'snoozed' });
      const types = parts(patched.body['conversation'] as Json).map((p) => p['part_type']);
      expect(types.slice(-3)).toEqual(['conversation_attribute_updated_by_admin', 'assignment', 'snoozed']);
      expect((await control(sim, 'DELETE', `/__control/conversations/${id}`)).body).toEqual({ id, deleted: true });
      expect((await control(sim, 'POST', '/__control/conversations', { priority: 'p1' })).status).toBe(422);
      expect((await control(sim, 'POST', '/__control/conversations/999/replies', {})).status).toBe(404);
      expect((await control(sim, 'POST', '/__control/faults', { failNext: { count: 1, status: 200 } })).status).toBe(422);
      expect((await control(sim, 'POST', '/__control/faults', { tokenExpired: false })).status).toBe(422);
      expect((await control(sim, 'POST', '/__control/activity/step')).status).toBe(200);
      const info = await control(sim, 'GET', '/__control/info');
      expect(info.body).toMatchObject({ companies: 300, admins: 5, me_id: '7340001' });
    });
  });
});

describe('intercom simulator faults', () => {
  let sim: IntercomSimulator;
  beforeAll(async () => {
    sim = await startIntercomSimulator({ seed: 2, conversations: 60, companies: 20, now: () => NOW });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('failNext answers the next N API requests with the 5xx as error.list, then recovers', async () => {
    sim.faults.failNext = { count: 2, status: 503 };
    const first = await get(sim, '/me');
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ type: 'error.list', errors: [{ code: 'service_unavailable' }] });
    expect((await search(sim, { query: ALL })).status).toBe(503);
    expect((await get(sim, '/me')).status).toBe(200);
  });

  it('rateLimitNext answers 429 rate_limit_exceeded with Retry-After and an exhausted window', async () => {
    const set = await control(sim, 'POST', '/__control/faults', { rateLimitNext: { count: 1, retryAfterSeconds: 7 } });
    expect(set.status).toBe(200);
    const limited = await get(sim, '/me');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBe(Math.ceil(NOW / 1000) + 7);
    expect(limited.body).toMatchObject({ type: 'error.list', errors: [{ code: 'rate_limit_exceeded', message: 'Exceeded rate limit of 1667 in 10_seconds' }] });
    expect((await get(sim, '/me')).status).toBe(200);
  });

  it('faults do not touch control routes', async () => {
    await control(sim, 'POST', '/__control/faults', { failNext: { count: 1, status: 500 } });
    expect((await control(sim, 'GET', '/__control/faults')).status).toBe(200);
    expect((await get(sim, '/me')).status).toBe(500);
  });

  it('truncateNext sends half a body and cuts the connection', async () => {
    sim.faults.truncateNext = 1;
    const res = await fetch(`${sim.url}/conversations/search`, { method: 'POST', headers: headers(sim), body: JSON.stringify({ query: ALL }) });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect((await get(sim, '/me')).status).toBe(200);
  });

  it('dropNext destroys the socket without an answer', async () => {
    sim.faults.dropNext = 1;
    await expect(fetch(`${sim.url}/me`, { headers: headers(sim) })).rejects.toThrow();
    expect((await get(sim, '/me')).status).toBe(200);
  });

  it('dropAfterWriteNext applies a write, then drops the connection; writes are counted per route, received and applied', async () => {
    const id = sim.addConversation({ subject: 'Dropped', body: 'x' }).id;
    const before = structuredClone(sim.writes);
    expect((await control(sim, 'POST', '/__control/faults', { dropAfterWriteNext: 1 })).status).toBe(200);
    // A read is no write: the knob waits for one.
    expect((await search(sim, { query: ALL })).status).toBe(200);
    const reply = { message_type: 'note', type: 'admin', admin_id: '7340001', body: '<p>applied, unanswered</p>' };
    await expect(fetch(`${sim.url}/conversations/${id}/reply`, { method: 'POST', headers: headers(sim), body: JSON.stringify(reply) })).rejects.toThrow();
    expect(parts((await get(sim, `/conversations/${id}`)).body).at(-1)).toMatchObject({ body: '<p>applied, unanswered</p>' });
    sim.faults.failNext = { count: 1, status: 503 };
    expect((await call(sim, 'POST', `/conversations/${id}/reply`, reply)).status).toBe(503);
    expect((await call(sim, 'POST', `/conversations/${id}/reply`, reply)).status).toBe(200);

    const route = 'POST /conversations/{id}/reply';
    const counts = (await control(sim, 'GET', '/__control/writes')).body as unknown as typeof sim.writes;
    expect(counts).toEqual(sim.writes);
    expect((counts.received[route] ?? 0) - (before.received[route] ?? 0)).toBe(3);
    expect((counts.applied[route] ?? 0) - (before.applied[route] ?? 0)).toBe(2);
    expect(Object.keys(counts.received).filter((r) => r.includes('search'))).toEqual([]);
  });

  it('delayMs holds responses back', async () => {
    sim.faults.delayMs = 60_000;
    const abort = new AbortController();
    let settled = false;
    const pending = fetch(`${sim.url}/me?delayed=1`, { headers: headers(sim), signal: abort.signal }).then(
      () => (settled = true),
      () => undefined,
    );
    while (!sim.requests.some((r) => r.path.includes('delayed=1'))) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 100));
    expect(settled).toBe(false);
    abort.abort();
    await pending;
    sim.faults.delayMs = 0;
    expect((await get(sim, '/me')).status).toBe(200);
  });

  it('malformedSearchNext spoils one conversation of the next non-empty search page only', async () => {
    const clean = (await search(sim, { query: ALL, pagination: { per_page: 9 } })).body;
    await control(sim, 'POST', '/__control/faults', { malformedSearchNext: { count: 1 } });
    expect((await search(sim, { query: { field: 'id', operator: '=', value: '1' } })).body.total_count).toBe(0);
    const spoiled = (await search(sim, { query: ALL, pagination: { per_page: 9 } })).body;
    expect(spoiled.conversations.filter((c) => !('id' in c))).toHaveLength(1);
    expect(spoiled.conversations.filter((c) => 'id' in c)).toHaveLength(8);
    // The cursor still points past the real record, so paging goes on as before.
    expect(spoiled.pages.next?.starting_after).toBe(clean.pages.next?.starting_after);
    const again = (await search(sim, { query: ALL, pagination: { per_page: 9 } })).body;
    expect(again).toEqual(clean);

    sim.faults.malformedSearchNext = { count: 1, defect: 'created_at_string' };
    const strings = (await search(sim, { query: ALL, pagination: { per_page: 9 } })).body.conversations.filter((c) => typeof c['created_at'] === 'string');
    expect(strings).toHaveLength(1);
    expect(strings[0]?.['created_at']).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('an expired token answers 401 everywhere until the token is rotated', async () => {
    const old = sim.token;
    await control(sim, 'POST', '/__control/faults', { tokenExpired: true });
    for (const path of ['/me', '/admins', '/conversations/215470000000001']) {
      const res = await get(sim, path);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ type: 'error.list', errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] });
    }
    expect((await search(sim, { query: ALL })).status).toBe(401);
    const rotated = await control(sim, 'POST', '/__control/token', {});
    expect(rotated.status).toBe(200);
    const token = rotated.body['token'] as string;
    expect(token).not.toBe(old);
    expect(sim.token).toBe(token);
    expect((await get(sim, '/me')).status).toBe(200);
    expect((await get(sim, '/me', { token: old })).status).toBe(401);
    expect(sim.rotateToken('chosen-token-123')).toBe('chosen-token-123');
    expect((await get(sim, '/me', { token: 'chosen-token-123' })).status).toBe(200);
  });
});

describe('intercom simulator activity timer', () => {
  it('starts conversations and adds customer replies on its own', async () => {
    const sim = await startIntercomSimulator({ seed: 3, conversations: 20, companies: 5, activityIntervalMs: 10 });
    try {
      const since = Math.floor(Date.now() / 1000);
      let changed: Json[] = [];
      for (let i = 0; i < 400 && changed.length < 4; i++) {
        await new Promise((r) => setTimeout(r, 10));
        changed = (await search(sim, { query: { field: 'updated_at', operator: '>', value: since }, pagination: { per_page: 150 } })).body.conversations;
      }
      expect(changed.length).toBeGreaterThanOrEqual(4);
      expect(changed.some((c) => Number(c['id']) > 215_470_000_000_020)).toBe(true);
      expect(changed.some((c) => Number(c['id']) <= 215_470_000_000_020)).toBe(true);
    } finally {
      await sim.close();
    }
  });
});
