import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../main/simulators/helpscout/content.ts';
import { conversationJson, customerJson, organizationJson, organizationProperties } from '../../../main/simulators/helpscout/serialize.ts';
import { ConversationStore } from '../../../main/simulators/helpscout/store.ts';
import type { ConversationRecord } from '../../../main/simulators/helpscout/types.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CATALOG_PATH = resolve(ROOT, '../shared/fixtures/api-product/error-catalog.sample.json');

function store(seed = 1, conversations = 500, organizations = 300, mailboxes = 2): ConversationStore {
  return new ConversationStore({ seed, organizations, conversations, mailboxes, meEmail: 'agent@demo.test', now: () => NOW });
}

function snapshot(s: ConversationStore): unknown {
  const ctx = { store: s, baseUrl: 'http://sim' };
  return {
    conversations: [...s.conversations.values()].map((c) => conversationJson(ctx, c, { embedThreads: true })),
    customers: [...s.customers.values()].map((c) => customerJson(ctx, c)),
    organizations: [...s.organizations.values()].map((o) => organizationJson(ctx, o, { includeCounts: true, includeProperties: true })),
  };
}

describe('help scout seed data', () => {
  const s = store();
  const conversations = [...s.conversations.values()];

  it('is deterministic: the same seed and clock give the same data, threads included', () => {
    expect(snapshot(store(3, 120, 40))).toEqual(snapshot(store(3, 120, 40)));
  });

  it('differs between seeds', () => {
    const subjects = (x: ConversationStore): string[] => [...x.conversations.values()].map((c) => c.subject);
    expect(subjects(store(1, 50, 20))).not.toEqual(subjects(store(2, 50, 20)));
  });

  it('has 300 customer organizations on all four plans, the plan in an organization property', () => {
    expect(s.organizations.size).toBe(300);
    const plans = new Map<string, number>();
    for (const o of s.organizations.values()) plans.set(o.plan, (plans.get(o.plan) ?? 0) + 1);
    expect([...plans.keys()].sort()).toEqual(['enterprise', 'free', 'growth', 'starter']);
    for (const count of plans.values()) expect(count).toBeGreaterThan(15);
    const org = [...s.organizations.values()][0];
    if (!org) throw new Error('no organization');
    const plan = organizationProperties(org).find((p) => p.slug === 'plan');
    expect(plan?.value).toMatch(/^(Free|Starter|Growth|Enterprise)$/);
    expect(plan?.options?.map((o) => o.label)).toEqual(['Free', 'Starter', 'Growth', 'Enterprise']);
    const customers = [...s.customers.values()].filter((c) => c.organizationId === org.id);
    expect(customers.length).toBeGreaterThan(0);
    for (const c of customers) expect(customerJson({ store: s, baseUrl: '' }, c)).toMatchObject({ organizationId: org.id, organization: org.name });
  });

  it('has 500 conversations, active, pending and closed, and a few spam', () => {
    expect(conversations).toHaveLength(500);
    const byStatus = new Map<string, number>();
    for (const c of conversations) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
    expect(byStatus.get('active')).toBeGreaterThan(150);
    expect(byStatus.get('pending')).toBeGreaterThan(50);
    expect(byStatus.get('closed')).toBeGreaterThan(100);
    expect(byStatus.get('spam')).toBeGreaterThanOrEqual(1);
    expect(byStatus.get('spam')).toBeLessThan(25);
  });

  it('ids and numbers grow with creation time; every date is in the past, threads in order', () => {
    const sorted = [...conversations].sort((a, b) => a.id - b.id);
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1] as ConversationRecord;
      const b = sorted[i] as ConversationRecord;
      expect(b.createdAt).toBeGreaterThanOrEqual(a.createdAt);
      expect(b.number).toBe(a.number + 1);
    }
    for (const c of conversations) {
      expect(c.createdAt).toBeGreaterThan(NOW - 15 * DAY_MS);
      expect(c.modifiedAt).toBeLessThanOrEqual(NOW);
      expect(c.threads.length).toBeGreaterThan(0);
      expect(c.threads[0]?.createdAt).toBe(c.createdAt);
      for (let i = 1; i < c.threads.length; i++) expect(c.threads[i]?.createdAt).toBeGreaterThanOrEqual(c.threads[i - 1]?.createdAt ?? 0);
      expect(c.modifiedAt).toBe(c.threads[c.threads.length - 1]?.createdAt);
      expect(c.closedAt !== null).toBe(c.status === 'closed');
    }
    const threadIds = conversations.flatMap((c) => c.threads.map((t) => t.id));
    expect(new Set(threadIds).size).toBe(threadIds.length);
  });

  it('writes threads of every kind: customer messages, agent replies, notes and line items for status changes', () => {
    const types = new Set(conversations.flatMap((c) => c.threads.map((t) => t.type)));
    for (const type of ['customer', 'message', 'note', 'lineitem', 'chat', 'phone']) expect(types.has(type as never), type).toBe(true);
    for (const c of conversations.filter((x) => x.status === 'closed')) {
      expect(c.threads.some((t) => t.type === 'lineitem' && t.status === 'closed' && t.actionText === 'Marked as Closed')).toBe(true);
    }
    for (const c of conversations.filter((x) => x.status === 'spam')) {
      expect(c.threads.some((t) => t.type === 'lineitem' && t.status === 'spam')).toBe(true);
      expect(c.tags).toEqual([]);
    }
    expect(conversations.some((c) => c.threads.some((t) => t.type === 'lineitem' && t.actionText?.startsWith('Assigned to ')))).toBe(true);
  });

  it('tags most conversations with a severity p1-p4, in mixed case', () => {
    const severities = conversations.flatMap((c) => c.tags.filter((t) => /^p[1-4]$/i.test(t)));
    const tagged = conversations.filter((c) => c.tags.some((t) => /^p[1-4]$/i.test(t)));
    expect(tagged.length / conversations.length).toBeGreaterThan(0.6);
    for (const c of tagged) expect(c.tags.filter((t) => /^p[1-4]$/i.test(t))).toHaveLength(1);
    expect(severities.some((t) => t === t.toUpperCase())).toBe(true);
    expect(severities.some((t) => t === t.toLowerCase())).toBe(true);
    expect(new Set(severities.map((t) => t.toLowerCase()))).toEqual(new Set(['p1', 'p2', 'p3', 'p4']));
  });

  it('includes hostile HTML bodies a renderer must not run', () => {
    const bodies = conversations.flatMap((c) => c.threads.map((t) => t.body));
    expect(bodies.filter((b) => /<script|onerror=|javascript:/i.test(b)).length).toBeGreaterThanOrEqual(3);
  });

  it('quotes the message strings of the API error catalog', { skip: !existsSync(CATALOG_PATH) }, () => {
    const catalog = JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as { errors: { code: string; messages: string[] }[] };
    const text = conversations.flatMap((c) => c.threads.map((t) => t.text)).join('\n');
    for (const e of catalog.errors) for (const m of e.messages) expect(text, `${e.code}: ${m}`).toContain(m);
  });

  it('puts billing conversations in the Billing mailbox', () => {
    const [support, billing] = s.mailboxes;
    expect(support?.name).toBe('API Support');
    expect(billing?.name).toBe('Billing');
    expect(conversations.some((c) => c.mailboxId === billing?.id)).toBe(true);
    expect(conversations.filter((c) => c.mailboxId === support?.id).length).toBeGreaterThan(conversations.length / 2);
  });
});
