import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, LONG_CONVERSATION_PARTS, PLAN_NAMES } from '../../../main/simulators/intercom/seed.ts';
import { PART_LIMIT, serializeCompany, serializeContact, serializeConversation } from '../../../main/simulators/intercom/serialize.ts';
import { ConversationStore } from '../../../main/simulators/intercom/store.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CATALOG_PATH = resolve(ROOT, '../shared/fixtures/api-product/error-catalog.sample.json');

function store(seed = 1, conversations = 500, companies = 300): ConversationStore {
  return new ConversationStore({ seed, companies, conversations, now: () => NOW });
}

function snapshot(s: ConversationStore): unknown {
  const ctx = { workspace: s.workspace, fiveLevelPriority: true };
  return {
    conversations: [...s.conversations.values()].map((c) => serializeConversation(c, ctx)),
    contacts: [...s.workspace.contacts.values()].map((c) => serializeContact(c, s.workspace)),
    companies: [...s.workspace.companies.values()].map(serializeCompany),
    admins: s.workspace.admins,
  };
}

function unescape(html: string): string {
  return html.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

describe('intercom seed data', () => {
  const s = store();
  const conversations = [...s.conversations.values()];

  it('is deterministic: the same seed and clock give the same workspace, conversations and parts', () => {
    expect(snapshot(store(3, 120, 40))).toEqual(snapshot(store(3, 120, 40)));
  });

  it('stays deterministic through the same later activity', () => {
    const run = (): unknown => {
      const x = store(4, 60, 20);
      const first = x.addConversation();
      x.addCustomerReply(first.id);
      x.addCustomerReply([...x.conversations.keys()][5] ?? '');
      x.addConversation({ channel: 'conversation', priority: 'urgent' });
      return snapshot(x);
    };
    expect(run()).toEqual(run());
  });

  it('differs between seeds', () => {
    const subjects = (x: ConversationStore): string[] => [...x.conversations.values()].map((c) => c.source.body);
    expect(subjects(store(1, 50, 20))).not.toEqual(subjects(store(2, 50, 20)));
  });

  it('has 300 companies on the four plans, each with contacts that point back to it', () => {
    const companies = [...s.workspace.companies.values()];
    expect(companies).toHaveLength(300);
    expect(new Set(companies.map((c) => PLAN_NAMES[c.plan]))).toEqual(new Set(['Free', 'Starter', 'Growth', 'Enterprise']));
    for (const company of companies) {
      expect(company.id).toMatch(/^[0-9a-f]{24}$/);
      expect(company.companyId).toMatch(/^cus_[0-9a-z]+$/);
      expect(company.contactIds.length).toBeGreaterThan(0);
      for (const id of company.contactIds) expect(s.workspace.contacts.get(id)?.companyId).toBe(company.id);
    }
    const roles = [...s.workspace.contacts.values()].map((c) => c.role);
    expect(new Set(roles)).toEqual(new Set(['user', 'lead']));
  });

  it('has 500 conversations over the last two weeks, in all three states, ids growing with creation time', () => {
    expect(conversations).toHaveLength(500);
    expect(new Set(conversations.map((c) => c.state))).toEqual(new Set(['open', 'snoozed', 'closed']));
    for (let i = 1; i < conversations.length; i++) {
      expect(Number(conversations[i]?.id)).toBeGreaterThan(Number(conversations[i - 1]?.id));
      expect(conversations[i]?.createdAt).toBeGreaterThanOrEqual(conversations[i - 1]?.createdAt ?? 0);
    }
    for (const c of conversations) {
      expect(c.createdAt).toBeGreaterThan(NOW - 14 * DAY_MS - 2 * HOUR_MS);
      expect(c.updatedAt).toBeGreaterThanOrEqual(c.createdAt);
      expect(c.updatedAt).toBeLessThanOrEqual(NOW);
      if (c.state === 'snoozed') expect(c.snoozedUntil).toBeGreaterThan(NOW);
      else expect(c.snoozedUntil).toBeNull();
      const times = c.parts.map((p) => p.createdAt);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(c.parts.at(-1)?.createdAt ?? c.createdAt).toBe(c.updatedAt);
      if (c.parts.length > 0) expect(c.parts.at(-1)?.state).toBe(c.state);
    }
  });

  it('gives every part a unique id and an author that exists', () => {
    const kinds = new Set(conversations.flatMap((c) => c.parts.map((p) => p.author.kind)));
    expect(kinds).toEqual(new Set(['contact', 'admin', 'bot']));
    const ids = conversations.flatMap((c) => c.parts.map((p) => p.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of conversations.flatMap((c) => c.parts)) {
      if (p.author.kind === 'admin') expect(s.admin(p.author.id)).toBeDefined();
      if (p.author.kind === 'contact') expect(s.workspace.contacts.has(p.author.id)).toBe(true);
    }
  });

  it('has short and long threads, and exactly one beyond the 500-part cap', () => {
    const counts = conversations.map((c) => c.parts.length);
    expect(counts.filter((n) => n === 0).length).toBeGreaterThan(10);
    expect(counts.filter((n) => n >= 8).length).toBeGreaterThan(20);
    const long = conversations.filter((c) => c.parts.length > PART_LIMIT);
    expect(long.map((c) => c.parts.length)).toEqual([LONG_CONVERSATION_PARTS]);
  });

  it('writes the first messages from the Zendesk catalog: its error strings, and a few hostile HTML bodies', () => {
    const bodies = conversations.map((c) => c.source.body);
    expect(bodies.filter((b) => /<script|onerror=|javascript:/.test(b)).length).toBeGreaterThanOrEqual(2);
    if (!existsSync(CATALOG_PATH)) return;
    const catalog = JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as { errors: { messages: string[] }[] };
    const text = bodies.map(unescape).join('\n');
    const quoted = catalog.errors.flatMap((e) => e.messages).filter((m) => text.includes(m));
    expect(quoted.length).toBeGreaterThanOrEqual(8);
  });

  it('spreads the 2.16 priority levels and tags the plan', () => {
    expect(new Set(conversations.map((c) => c.priority))).toEqual(new Set(['none', 'low', 'medium', 'high', 'urgent']));
    for (const c of conversations) {
      const plan = s.workspace.companies.get(c.companyId)?.plan;
      expect(c.tags.map((t) => t.name)).toContain(`plan_${plan ?? ''}`);
    }
  });
});
