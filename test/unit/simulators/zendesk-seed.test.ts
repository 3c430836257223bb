import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../main/simulators/zendesk/catalog.ts';
import { createRng, mulberry32 } from '../../../main/simulators/zendesk/prng.ts';
import { DAY_MS } from '../../../main/simulators/zendesk/seed.ts';
import { serializeOrganization, serializeTicket, serializeUser } from '../../../main/simulators/zendesk/serialize.ts';
import { TicketStore } from '../../../main/simulators/zendesk/store.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CATALOG_PATH = resolve(ROOT, '../shared/fixtures/api-product/error-catalog.sample.json');

function store(seed = 1, tickets = 500, organizations = 300): TicketStore {
  return new TicketStore({ seed, organizations, tickets, agentEmail: 'agent@demo.test', now: () => NOW });
}

function snapshot(s: TicketStore): unknown {
  const base = 'http://sim';
  return {
    tickets: [...s.tickets.values()].map((t) => ({ ...serializeTicket(t, base, s.users.get(t.requesterId), true), comments: s.comments(t) })),
    users: [...s.users.values()].map((u) => serializeUser(u, base)),
    orgs: [...s.orgs.values()].map((o) => serializeOrganization(o, base)),
  };
}

describe('prng', () => {
  it('is deterministic and spreads over [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('weighted picks follow the weights', () => {
    const rng = createRng(7);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) counts[rng.weighted({ a: 9, b: 1 })]++;
    expect(counts.a / 10_000).toBeGreaterThan(0.85);
    expect(counts.a / 10_000).toBeLessThan(0.95);
  });
});

describe('zendesk seed data', () => {
  it('is deterministic: the same seed and clock give the same data, threads included', () => {
    expect(snapshot(store(3, 120, 40))).toEqual(snapshot(store(3, 120, 40)));
  });

  it('differs between seeds', () => {
    const a = [...store(1, 50, 20).tickets.values()].map((t) => t.subject);
    const b = [...store(2, 50, 20).tickets.values()].map((t) => t.subject);
    expect(a).not.toEqual(b);
  });

  it('builds a thread the same way whatever order threads are first read in', () => {
    const a = store(5, 60, 20);
    const b = store(5, 60, 20);
    const ids = [...a.tickets.keys()];
    const fromA = ids.map((id) => a.comments(a.liveTicket(id)));
    const fromB = [...ids].reverse().map((id) => b.comments(b.liveTicket(id))).reverse();
    expect(fromA).toEqual(fromB);
  });

  const s = store();
  const tickets = [...s.tickets.values()];
  const orgs = [...s.orgs.values()];

  it('has about 300 customers across the four plans, weighted towards free and starter', () => {
    expect(orgs).toHaveLength(300);
    const byPlan = { free: 0, starter: 0, growth: 0, enterprise: 0 };
    for (const o of orgs) byPlan[o.plan]++;
    expect(byPlan.free + byPlan.starter).toBeGreaterThan(byPlan.growth + byPlan.enterprise);
    expect(byPlan.growth).toBeGreaterThan(40);
    expect(byPlan.enterprise).toBeGreaterThan(15);
    expect(byPlan.enterprise).toBeLessThan(50);
    expect(new Set(orgs.map((o) => o.name)).size).toBe(300);
    expect(new Set(orgs.map((o) => o.customerId)).size).toBe(300);
  });

  it('gives every organization the customer fields the sidebar reads', () => {
    for (const o of orgs) {
      const json = serializeOrganization(o, 'http://sim');
      expect(json.organization_fields.plan).toMatch(/^(free|starter|growth|enterprise)$/);
      expect(json.organization_fields.customer_id).toMatch(/^cus_[0-9a-z]{5,6}$/);
      expect(json.organization_fields.api_key_prefix).toMatch(/^sk_live_[0-9a-f]{4}$/);
      expect(() => new Intl.DateTimeFormat('en', { timeZone: json.organization_fields.timezone })).not.toThrow();
    }
  });

  it('has 1-3 end users per customer on the company domain and about 5 agents', () => {
    const users = [...s.users.values()];
    const agents = users.filter((u) => u.role !== 'end-user');
    expect(agents.length).toBe(5);
    expect(agents.some((a) => a.email === 'agent@demo.test' && a.role === 'admin')).toBe(true);
    for (const o of orgs) {
      const members = users.filter((u) => u.organizationId === o.id);
      expect(members.length).toBeGreaterThanOrEqual(1);
      expect(members.length).toBeLessThanOrEqual(3);
      for (const m of members) expect(m.email.endsWith(`@${o.domain}`)).toBe(true);
    }
  });

  it('has 500 tickets over the last 14 days, mostly open, with every status and priority', () => {
    expect(tickets).toHaveLength(500);
    for (const t of tickets) {
      expect(t.createdAt).toBeLessThanOrEqual(NOW);
      expect(t.createdAt).toBeGreaterThan(NOW - 15 * DAY_MS);
      expect(t.updatedAt).toBeGreaterThanOrEqual(t.createdAt);
      expect(t.updatedAt).toBeLessThanOrEqual(NOW);
    }
    const statuses = new Map<string, number>();
    for (const t of tickets) statuses.set(t.status, (statuses.get(t.status) ?? 0) + 1);
    const open = ['new', 'open', 'pending'].reduce((n, k) => n + (statuses.get(k) ?? 0), 0);
    expect(open / tickets.length).toBeGreaterThan(0.5);
    for (const st of ['new', 'open', 'pending', 'hold', 'solved', 'closed']) expect(statuses.get(st) ?? 0).toBeGreaterThan(0);
    expect((statuses.get('closed') ?? 0) / tickets.length).toBeLessThan(0.12);
    const priorities = new Set(tickets.map((t) => t.priority));
    for (const pr of ['urgent', 'high', 'normal', 'low', null]) expect(priorities.has(pr as never)).toBe(true);
    for (const tag of ['api', 'auth', 'rate_limit', 'upstream', 'docs', 'billing', 'p1']) {
      expect(tickets.some((t) => t.tags.includes(tag))).toBe(true);
    }
  });

  it('quotes every message string of the API error catalog somewhere', { skip: !existsSync(CATALOG_PATH) }, () => {
    const catalog = JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as { errors: { code: string; messages: string[] }[] };
    const text = tickets.map((t) => t.description).join('\n');
    for (const e of catalog.errors) for (const m of e.messages) expect(text, `${e.code}: ${m}`).toContain(m);
    // And the templates cover every code of the catalog.
    const codes = new Set(TEMPLATES.map((t) => t.errorCode));
    for (const e of catalog.errors) expect(codes.has(e.code), e.code).toBe(true);
  });

  it('reads like tickets about the data API: endpoints, X-Api-Key, request ids, error JSON', () => {
    const text = tickets.map((t) => t.description).join('\n');
    for (const ep of ['/userinfo-by-username/', '/post-detail/', '/user-posts/', '/post-comments/']) expect(text).toContain(ep);
    expect(text).toContain('X-Api-Key');
    expect(text).toMatch(/req_[0-9a-f]{16}/);
    expect(text).toMatch(/curl -s "https:\/\/api\.example-data\.test\//);
    expect(tickets.some((t) => /5\d\d/.test(t.subject) && t.subject.includes('/userinfo-by-username/'))).toBe(true);
  });

  it('varies subjects: 500 tickets are not copies of a few lines', () => {
    const unique = new Set(tickets.map((t) => t.subject));
    expect(unique.size).toBeGreaterThan(300);
  });

  it('has HTML mail bodies, a few of them hostile, and threads with replies and internal notes', () => {
    const threads = tickets.map((t) => s.comments(t));
    const html = threads.filter((c) => c[0]?.html !== null && c[0]?.html !== undefined);
    expect(html.length).toBeGreaterThan(25);
    expect(html.some((c) => /<pre><code>/.test(c[0]?.html ?? ''))).toBe(true);
    expect(html.some((c) => /<a href="https:/.test(c[0]?.html ?? ''))).toBe(true);
    expect(html.some((c) => /<script>|onerror=/.test(c[0]?.html ?? ''))).toBe(true);
    for (const [i, t] of tickets.entries()) {
      const thread = threads[i] ?? [];
      expect(thread[0]?.body).toBe(t.description);
      expect(thread[0]?.authorId).toBe(t.requesterId);
      for (let k = 1; k < thread.length; k++) expect(thread[k]?.createdAt ?? 0).toBeGreaterThanOrEqual(thread[k - 1]?.createdAt ?? 0);
    }
    expect(threads.some((c) => c.some((x) => !x.public))).toBe(true);
    expect(threads.some((c) => c.some((x) => x.public && s.agentIds.includes(x.authorId)))).toBe(true);
    expect(threads.some((c) => c.length > 2 && c[c.length - 1]?.authorId === c[0]?.authorId)).toBe(true);
    const fresh = tickets.filter((t) => t.status === 'new');
    for (const t of fresh) expect(s.comments(t).every((c) => !s.agentIds.includes(c.authorId) || !c.public)).toBe(true);
  });

  it('generates 100,000 tickets when asked (the bench size)', () => {
    const big = new TicketStore({ seed: 9, organizations: 2000, tickets: 100_000, agentEmail: 'a@demo.test', now: () => NOW });
    expect(big.tickets.size).toBe(100_000);
    expect(big.exportAfter(0, 1000).tickets).toHaveLength(1000);
  });
});
