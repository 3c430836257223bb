import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZendeskSimulator, type ZendeskAudit, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = resolve(ROOT, '../shared/fixtures/zendesk');
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const AUTH = `Basic ${Buffer.from('agent@demo.test/token:demo-token').toString('base64')}`;

type Json = Record<string, unknown>;

interface EventsPage {
  ticket_events: Json[];
  count: number;
  end_time: number;
  end_of_stream: boolean;
  next_page: string;
}

async function get(sim: ZendeskSimulator, path: string, auth: string | null = AUTH): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${sim.url}${path}`, { headers: auth ? { authorization: auth } : {} });
  return { status: res.status, body: (await res.json()) as Json };
}

function keysOf(o: unknown): string[] {
  return Object.keys(o as Json).sort();
}

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

/** Pages the ticket events export like a client: from end_time, or a second later when a page ends where it began. */
async function allEvents(sim: ZendeskSimulator, query: string): Promise<EventsPage[]> {
  const pages: EventsPage[] = [];
  let start = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const { status, body } = await get(sim, `/api/v2/incremental/ticket_events.json?start_time=${start}${query}`);
    expect(status).toBe(200);
    const page = body as unknown as EventsPage;
    pages.push(page);
    expect(new URL(page.next_page).searchParams.get('start_time')).toBe(String(page.end_time));
    if (page.end_of_stream) return pages;
    start = page.end_time > start ? page.end_time : start + 1;
  }
  throw new Error('the export never ended');
}

/** Every ticket id the simulator has, deleted ones included (from the cursor export). */
async function allTicketIds(sim: ZendeskSimulator): Promise<number[]> {
  const { body } = await get(sim, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1000');
  expect(body['end_of_stream']).toBe(true);
  return (body['tickets'] as Json[]).map((t) => t['id'] as number);
}

function fixture(path: string): unknown {
  return JSON.parse(readFileSync(resolve(FIXTURES, path), 'utf8'));
}

describe('zendesk simulator: ticket history over HTTP', () => {
  let sim: ZendeskSimulator;
  const clock = { t: NOW };

  beforeAll(async () => {
    sim = await startZendeskSimulator({ seed: 1, now: () => clock.t });
  });
  afterAll(async () => {
    await sim.close();
  });

  describe('GET /api/v2/tickets/{id}/audits.json', () => {
    it.skipIf(!existsSync(FIXTURES))('is shaped like the go-zendesk ticket_audits fixture, with cursor meta and links', async () => {
      const real = (fixture('go-zendesk/GET/ticket_audits.json') as { audits: Json[] }).audits[0] as Json;
      const [realComment, realChange] = real['events'] as [Json, Json];
      const ticketId = (await allTicketIds(sim)).find((id) => sim.audits(id).some((a) => a.via.source.rel === 'trigger'));
      if (ticketId === undefined) throw new Error('no ticket with a trigger');
      const { status, body } = await get(sim, `/api/v2/tickets/${ticketId}/audits.json`);
      expect(status).toBe(200);
      expect(keysOf(body)).toEqual(['audits', 'links', 'meta']);
      expect(keysOf(body['meta'])).toEqual(['after_cursor', 'before_cursor', 'has_more']);
      expect(keysOf(body['links'])).toEqual(['next', 'prev']);
      const audits = body['audits'] as Json[];
      expect(audits.length).toBeGreaterThan(1);
      for (const a of audits) {
        expect(keysOf(a)).toEqual(keysOf(real));
        expect(keysOf(a['metadata'])).toEqual(keysOf(real['metadata']));
        expect(keysOf(a['via'])).toEqual(['channel', 'source']);
        expect(a['created_at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(a['ticket_id']).toBe(ticketId);
        for (const e of a['events'] as Json[]) {
          if (e['type'] === 'Comment') {
            expect(keysOf(e)).toEqual(expect.arrayContaining(keysOf(realComment)));
            expect(keysOf(e)).toEqual(expect.arrayContaining(['author_id', 'plain_body', 'audit_id']));
            expect(e['audit_id']).toBe(a['id']);
          } else if (e['type'] === 'Change') {
            const expected = keysOf(realChange).filter((k) => k !== 'via' || 'via' in e);
            expect(keysOf(e)).toEqual(expected);
          } else {
            expect(e['type']).toBe('Create');
            expect(keysOf(e)).toEqual(['field_name', 'id', 'type', 'value']);
          }
          if (e['type'] !== 'Comment') expect(e['value'] === null || typeof e['value'] === 'string' || Array.isArray(e['value'])).toBe(true);
        }
      }
      const rule = audits.find((a) => ((a['via'] as Json)['source'] as Json)['rel'] === 'trigger');
      expect((rule?.['via'] as Json)['channel']).toBe('rule');
      expect(rule?.['author_id']).toBe(-1);
      const ruleChange = (rule?.['events'] as Json[])[0];
      expect(keysOf(ruleChange?.['via'])).toEqual(keysOf(realChange['via']));
      expect(keysOf((ruleChange?.['via'] as Json)['source'])).toEqual(keysOf((realChange['via'] as Json)['source']));
      expect(((ruleChange?.['via'] as Json)['source'] as Json)['rel']).toBe('trigger');
    });

    it('agrees with comments.json and with the ticket', async () => {
      const ids = await allTicketIds(sim);
      for (const id of ids.slice(0, 60)) {
        const [audits, comments, ticket] = await Promise.all([
          get(sim, `/api/v2/tickets/${id}/audits.json`),
          get(sim, `/api/v2/tickets/${id}/comments.json`),
          get(sim, `/api/v2/tickets/${id}.json`),
        ]);
        const events = (audits.body['audits'] as Json[]).flatMap((a) => (a['events'] as Json[]).filter((e) => e['type'] === 'Comment').map((e): Json => ({ ...e, at: a['created_at'] })));
        expect(events.map((e) => [e['id'], e['body'], e['html_body'], e['public'], e['author_id'], e['audit_id'], e['at']])).toEqual(
          (comments.body['comments'] as Json[]).map((c) => [c['id'], c['body'], c['html_body'], c['public'], c['author_id'], c['audit_id'], c['created_at']]),
        );
        const t = ticket.body['ticket'] as Json;
        const state: Json = {};
        for (const a of audits.body['audits'] as Json[]) {
          for (const e of a['events'] as Json[]) if (e['type'] === 'Create' || e['type'] === 'Change') state[e['field_name'] as string] = e['value'];
        }
        expect([state['status'], state['priority'] ?? null, state['tags'] ?? [], state['assignee_id'] ?? null, state['group_id']]).toEqual([
          t['status'],
          t['priority'],
          t['tags'],
          t['assignee_id'] === null ? null : String(t['assignee_id']),
          String(t['group_id']),
        ]);
      }
    });

    it('pages with page[size] and page[after], and answers 404 for unknown and deleted tickets', async () => {
      const id = sim.addTicket({ description: 'first' }).id;
      for (let i = 0; i < 4; i++) sim.addCustomerReply(id, `reply ${i}`);
      sim.updateTicket(id, { priority: 'urgent' });
      const want = sim.audits(id).map((a) => a.id);
      expect(want).toHaveLength(6);
      const got: number[] = [];
      let path: string | null = `/api/v2/tickets/${id}/audits.json?page[size]=4`;
      while (path) {
        const { status, body } = await get(sim, path);
        expect(status).toBe(200);
        got.push(...(body['audits'] as Json[]).map((a) => a['id'] as number));
        const next = (body['links'] as Json)['next'] as string | null;
        expect((body['meta'] as Json)['has_more']).toBe(next !== null);
        path = next === null ? null : pathOf(next);
      }
      expect(got).toEqual(want);
      expect((await get(sim, `/api/v2/tickets/${id}/audits.json?page[size]=0`)).status).toBe(400);
      expect((await get(sim, '/api/v2/tickets/999999/audits.json')).status).toBe(404);
      sim.deleteTicket(id);
      expect((await get(sim, `/api/v2/tickets/${id}/audits.json`)).status).toBe(404);
      expect(sim.audits(id).at(-1)?.events).toEqual([expect.objectContaining({ type: 'Change', field_name: 'status', value: 'deleted', previous_value: 'new' })]);
    });

    it('records a customer reply on a solved ticket as a comment plus a status change back to open', async () => {
      const ids = await allTicketIds(sim);
      const solved = ids.find((id) => sim.audits(id).some((a) => a.events.some((e) => e.type === 'Change' && e.field_name === 'status' && e.value === 'solved')) && !sim.audits(id).some((a) => a.via.channel === 'rule' && a.events.some((e) => e.type === 'Change' && e.value === 'closed')));
      if (solved === undefined) throw new Error('no solved ticket');
      clock.t += 60_000;
      const res = await fetch(`${sim.url}/__control/tickets/${solved}/replies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: 'It is back.' }) });
      expect(res.status).toBe(201);
      const reply = ((await res.json()) as Json)['comment'] as Json;
      const { body } = await get(sim, `/api/v2/tickets/${solved}/audits.json`);
      const last = (body['audits'] as Json[]).at(-1) as unknown as ZendeskAudit;
      expect(last.id).toBe(reply['audit_id']);
      expect(last.created_at).toBe(new Date(clock.t).toISOString().replace('.000Z', 'Z'));
      expect(last.events.map((e) => (e.type === 'Comment' ? ['Comment', e.body, e.public] : [e.type, e.field_name, e.type === 'Change' ? e.previous_value : null, e.value]))).toEqual([
        ['Comment', 'It is back.', true],
        ['Change', 'status', 'solved', 'open'],
      ]);
    });

    it('records one Change per field changed through the control route, by the agent or as an automation', async () => {
      const id = sim.addTicket({ priority: 'low', tags: ['billing'] }).id;
      const me = ((await get(sim, '/api/v2/users/me.json')).body['user'] as Json)['id'];
      const patch = async (body: Json): Promise<number> =>
        (await fetch(`${sim.url}/__control/tickets/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
      expect(await patch({ status: 'open', priority: 'high', tags: ['billing', 'refund'] })).toBe(200);
      expect(await patch({ status: 'closed', authorId: -1 })).toBe(200);
      expect(await patch({ status: 'open', authorId: 12 })).toBe(422);
      const [, agent, automation] = sim.audits(id);
      expect(agent?.author_id).toBe(me);
      expect(agent?.events.map((e) => (e.type === 'Change' ? [e.field_name, e.previous_value, e.value] : e.type))).toEqual([
        ['status', 'new', 'open'],
        ['priority', 'low', 'high'],
        ['tags', ['billing'], ['billing', 'refund']],
      ]);
      expect(automation).toMatchObject({ author_id: -1, via: { channel: 'rule', source: { rel: 'automation' } } });
      expect(sim.audits(id)).toHaveLength(3);
    });
  });

  describe('GET /api/v2/incremental/ticket_events.json', () => {
    it('covers every audit exactly once after dedupe, in time order, even through a burst of one second', async () => {
      // A burst: 80 updates within one second, more than a page of 25.
      clock.t = Math.floor(clock.t / 1000) * 1000 + 3_600_000;
      const ids = await allTicketIds(sim);
      const live = ids.filter((id) => sim.audits(id).every((a) => !a.events.some((e) => e.type === 'Change' && (e.value === 'deleted' || e.value === 'closed'))));
      for (let i = 0; i < 80; i++) {
        clock.t += 5;
        sim.updateTicket(live[i % 20] ?? 0, { priority: i % 2 === 0 ? 'low' : 'high' });
      }
      clock.t += 60_000;

      const pages = await allEvents(sim, '&per_page=25');
      const seen = new Map<number, Json>();
      for (const page of pages) {
        expect(page.count).toBe(page.ticket_events.length);
        const stamps = page.ticket_events.map((e) => e['timestamp'] as number);
        expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
        if (page.count > 0) expect(page.end_time).toBe(stamps.at(-1));
        expect(page.end_of_stream).toBe(page.count < 25);
        for (const e of page.ticket_events) seen.set(e['id'] as number, e);
      }
      expect(pages.some((p) => p.count > 25)).toBe(true);
      const want = (await allTicketIds(sim)).flatMap((id) => sim.audits(id).map((a) => a.id));
      expect(seen.size).toBe(want.length);
      expect(new Set(seen.keys())).toEqual(new Set(want));
    });

    it('shapes items and child events like the export: fields as keys, tags with added and removed', async () => {
      const id = sim.addTicket({ priority: 'normal', tags: ['api'] }).id;
      clock.t += 1000;
      sim.updateTicket(id, { status: 'pending', tags: ['api', 'waiting'] });
      const audit = sim.audits(id).at(-1);
      const start = Math.floor(clock.t / 1000);
      const { body } = await get(sim, `/api/v2/incremental/ticket_events.json?start_time=${start}`);
      expect(keysOf(body)).toEqual(['count', 'end_of_stream', 'end_time', 'next_page', 'ticket_events']);
      expect(body['next_page']).toBe(`${sim.url}/api/v2/incremental/ticket_events.json?start_time=${start}`);
      const item = (body['ticket_events'] as Json[]).find((e) => e['id'] === audit?.id);
      expect(item).toMatchObject({
        ticket_id: id,
        timestamp: start,
        created_at: new Date(start * 1000).toISOString().replace('.000Z', 'Z'),
        updater_id: audit?.author_id,
        via: 'Web form',
        merged_ticket_ids: [],
        event_type: 'Audit',
      });
      expect(keysOf(item)).toEqual(['child_events', 'created_at', 'event_type', 'id', 'merged_ticket_ids', 'system', 'ticket_id', 'timestamp', 'updater_id', 'via']);
      expect(item?.['child_events']).toEqual([
        { id: expect.any(Number), via: 'Web form', via_reference_id: null, event_type: 'Change', status: 'pending', previous_value: 'new' },
        { id: expect.any(Number), via: 'Web form', via_reference_id: null, event_type: 'Change', tags: ['api', 'waiting'], added_tags: ['waiting'], removed_tags: [], previous_value: ['api'] },
      ]);

      const all = await allEvents(sim, '');
      const items = all.flatMap((p) => p.ticket_events);
      const creation = items.find((e) => e['ticket_id'] === id && (e['child_events'] as Json[]).some((c) => c['event_type'] === 'Create'));
      expect((creation?.['child_events'] as Json[]).filter((c) => 'tags' in c || 'status' in c)).toEqual([
        { id: expect.any(Number), via: expect.any(String), via_reference_id: null, event_type: 'Create', status: 'new' },
        { id: expect.any(Number), via: expect.any(String), via_reference_id: null, event_type: 'Create', tags: ['api'], added_tags: ['api'], removed_tags: [] },
      ]);
      const rule = items.find((e) => e['via'] === 'Rule');
      expect(rule?.['updater_id']).toBe(-1);
      for (const c of rule?.['child_events'] as Json[]) expect(c).toMatchObject({ via: 'Rule', via_reference_id: expect.any(Number) });
    });

    it('carries comments only with include=comment_events', async () => {
      const without = (await allEvents(sim, '')).flatMap((p) => p.ticket_events);
      expect(without.flatMap((e) => e['child_events'] as Json[]).some((c) => c['event_type'] === 'Comment')).toBe(false);
      const pages = await allEvents(sim, '&include=comment_events');
      expect(pages[0]?.next_page).toContain('include=comment_events');
      const withComments = pages.flatMap((p) => p.ticket_events);
      const comments = withComments.flatMap((e) => (e['child_events'] as Json[]).filter((c) => c['event_type'] === 'Comment').map((c) => ({ c, e })));
      expect(comments.length).toBeGreaterThan(without.length / 2);
      for (const { c, e } of comments.slice(0, 200)) {
        expect(c).toMatchObject({ event_type: 'Comment', type: 'Comment', via_reference_id: null, comment_present: true, comment_public: c['public'], audit_id: e['id'], attachments: [] });
        expect(typeof c['body']).toBe('string');
        expect(c['plain_body']).toBe(c['body']);
        expect(String(c['html_body'])).toMatch(/^</);
      }
      const ticketId = 40_005;
      const thread = ((await get(sim, `/api/v2/tickets/${ticketId}/comments.json`)).body['comments'] as Json[]).map((c) => [c['id'], c['body'], c['public'], c['author_id']]);
      const exported = [...new Map(comments.filter(({ e }) => e['ticket_id'] === ticketId).map(({ c }) => [c['id'], c])).values()].map((c) => [c['id'], c['body'], c['public'], c['author_id']]);
      expect(exported).toEqual(thread);
    });

    it('keeps deleted tickets in the stream, ending with their deletion', async () => {
      const id = sim.addTicket().id;
      clock.t += 1000;
      sim.deleteTicket(id);
      const items = (await allEvents(sim, '')).flatMap((p) => p.ticket_events).filter((e) => e['ticket_id'] === id);
      const last = items.at(-1)?.['child_events'] as Json[];
      expect(last).toEqual([{ id: expect.any(Number), via: 'Web form', via_reference_id: null, event_type: 'Change', status: 'deleted', previous_value: 'new' }]);
    });

    it('answers 422 for a missing, negative, malformed or future start_time, and a bad per_page', async () => {
      const future = Math.floor(clock.t / 1000) + 3600;
      for (const query of ['', 'start_time=-5', 'start_time=abc', 'start_time=1.5', `start_time=${future}`, 'start_time=0&per_page=0', 'start_time=0&per_page=x']) {
        const { status, body } = await get(sim, `/api/v2/incremental/ticket_events.json?${query}`);
        expect(status, query).toBe(422);
        expect(body).toMatchObject({ error: 'InvalidValue', description: expect.any(String) });
      }
      expect(String((await get(sim, `/api/v2/incremental/ticket_events.json?start_time=${future}`)).body['description'])).toMatch(/too recent/i);
    });

    it('caps per_page at 1000 and answers an empty page at the end of the stream', async () => {
      const { body } = await get(sim, '/api/v2/incremental/ticket_events.json?start_time=0&per_page=5000');
      expect(body['count']).toBeGreaterThanOrEqual(1000);
      expect(body['end_of_stream']).toBe(false);
      clock.t += 1000;
      const now = Math.floor(clock.t / 1000);
      const empty = await get(sim, `/api/v2/incremental/ticket_events.json?start_time=${now}`);
      expect(empty.body).toMatchObject({ ticket_events: [], count: 0, end_time: now, end_of_stream: true });
    });

    it('applies authentication, faults and rate-limit headers like every API route', async () => {
      const bad = `Basic ${Buffer.from('agent@demo.test/token:wrong').toString('base64')}`;
      expect((await get(sim, '/api/v2/incremental/ticket_events.json?start_time=0', bad)).status).toBe(401);
      expect((await get(sim, '/api/v2/tickets/40001/audits.json', null)).status).toBe(401);
      sim.faults.failNext = { count: 1, status: 503 };
      const res = await fetch(`${sim.url}/api/v2/incremental/ticket_events.json?start_time=0`, { headers: { authorization: AUTH } });
      expect(res.status).toBe(503);
      expect(res.headers.get('x-rate-limit-remaining')).toMatch(/^\d+$/);
      expect((await get(sim, '/api/v2/incremental/ticket_events.json?start_time=0&per_page=1')).status).toBe(200);
    });
  });
});
