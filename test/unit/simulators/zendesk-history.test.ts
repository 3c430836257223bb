import { describe, expect, it } from 'vitest';
import { SYSTEM_USER_ID } from '../../../main/simulators/zendesk/history.ts';
import { SimulatorInputError, TicketStore } from '../../../main/simulators/zendesk/store.ts';
import type { AuditRecord, AuditValue, TicketRecord } from '../../../main/simulators/zendesk/types.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

function makeStore(clock = { t: NOW }, tickets = 500): TicketStore {
  return new TicketStore({ seed: 1, organizations: 60, tickets, agentEmail: 'agent@demo.test', now: () => clock.t });
}

const FIELDS = { status: 'status', priority: 'priority', type: 'type', subject: 'subject', assignee_id: 'assigneeId', group_id: 'groupId', tags: 'tags' } as const;

/** Replays Create then Change events of the changeable fields; checks each previous_value against the replay. */
function replay(audits: readonly AuditRecord[]): Record<string, AuditValue> {
  const state: Record<string, AuditValue> = { status: null, priority: null, type: null, subject: null, assignee_id: null, group_id: null, tags: [] };
  for (const a of audits) {
    for (const e of a.events) {
      if (e.type === 'Comment' || !(e.field in state)) continue;
      if (e.type === 'Create') state[e.field] = e.value;
      if (e.type === 'Change') {
        expect(e.previous, `previous_value of ${e.field} in audit ${a.id}`).toEqual(state[e.field]);
        state[e.field] = e.value;
      }
    }
  }
  return state;
}

function currentFields(t: TicketRecord): Record<string, AuditValue> {
  return Object.fromEntries(Object.entries(FIELDS).map(([name, key]) => [name, t[key]]));
}

function changes(a: AuditRecord | undefined): [string, AuditValue, AuditValue][] {
  return (a?.events ?? []).flatMap((e) => (e.type === 'Change' ? [[e.field, e.previous, e.value] as [string, AuditValue, AuditValue]] : []));
}

describe('zendesk store: seeded ticket history', () => {
  it('agrees with every ticket: replaying the changes over the creation gives the current fields', () => {
    const s = makeStore();
    for (const t of s.tickets.values()) {
      const audits = s.audits(t);
      expect(replay(audits), `ticket ${t.id} (${t.plan?.shape})`).toEqual(currentFields(t));
      expect(audits[0]?.events.some((e) => e.type === 'Create' && e.field === 'status' && e.value === 'new')).toBe(true);
      const times = audits.map((a) => a.createdAt);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(audits[audits.length - 1]?.createdAt).toBe(t.updatedAt);
    }
  });

  it('agrees with every thread: one Comment event per comment, in order, with its id, author, visibility and time', () => {
    const s = makeStore();
    for (const t of s.tickets.values()) {
      const audits = s.audits(t);
      const comments = s.comments(t);
      const events = audits.flatMap((a) => a.events.flatMap((e) => (e.type === 'Comment' ? [{ e, a }] : [])));
      expect(events).toHaveLength(comments.length);
      events.forEach(({ e, a }, i) => {
        const c = comments[i];
        expect(c).toBeDefined();
        expect([e.id, e.index, e.public, e.authorId, a.authorId, a.createdAt, a.id]).toEqual([c?.id, i, c?.public, c?.authorId, c?.authorId, c?.createdAt, c?.auditId]);
      });
    }
  });

  it('moves status the way the thread goes: agent replies open or pend, the solving reply solves, customers reopen', () => {
    const s = makeStore();
    const seen = new Set<string>();
    for (const t of s.tickets.values()) {
      for (const a of s.audits(t)) {
        const status = changes(a).find(([field]) => field === 'status');
        if (!status) continue;
        const comment = a.events.find((e) => e.type === 'Comment');
        const by = a.authorId === SYSTEM_USER_ID ? 'rule' : a.authorId === t.requesterId ? 'customer' : 'agent';
        seen.add(`${by}:${String(status[1])}->${String(status[2])}`);
        if (by === 'customer') expect(status[2]).toBe('open');
        if (comment?.type === 'Comment' && comment.index === s.comments(t).length - 1 && t.status === 'solved') expect(status[2]).toBe('solved');
      }
    }
    for (const move of ['agent:new->open', 'agent:new->pending', 'agent:open->solved', 'customer:pending->open', 'agent:open->hold', 'rule:solved->closed', 'rule:new->open']) {
      expect(seen, move).toContain(move);
    }
  });

  it('has triggers and automations as updates by the system through a rule', () => {
    const s = makeStore();
    const automated = [...s.tickets.values()].flatMap((t) => s.audits(t).filter((a) => a.channel === 'rule'));
    expect(automated.length).toBeGreaterThan(10);
    expect(automated.length).toBeLessThan(s.tickets.size / 2);
    for (const a of automated) {
      expect(a.authorId).toBe(SYSTEM_USER_ID);
      expect(a.rule?.title).toBeTruthy();
      expect(a.events.every((e) => e.type === 'Change' && e.rule !== null)).toBe(true);
    }
    const fields = new Set(automated.flatMap((a) => changes(a).map(([field]) => field)));
    expect([...fields].sort()).toEqual(['assignee_id', 'priority', 'status', 'tags']);
    // Only the system authors rule updates.
    for (const t of s.tickets.values()) for (const a of s.audits(t)) if (a.authorId === SYSTEM_USER_ID) expect(a.channel).toBe('rule');
  });

  it('is deterministic and the same whether derived for the export or materialized', () => {
    const a = makeStore();
    const b = makeStore();
    const ids = [...a.tickets.keys()];
    for (const id of [...ids].reverse()) b.auditsView(b.liveTicket(id));
    for (const id of ids) expect(b.audits(b.liveTicket(id))).toEqual(a.auditsView(a.liveTicket(id)));
    expect(new Set(ids.flatMap((id) => a.audits(a.liveTicket(id)).map((x) => x.id))).size).toBe(a.timeline().length);
  });
});

describe('zendesk store: recording changes', () => {
  it('addCustomerReply on a solved ticket records the comment and the status change back to open', () => {
    const clock = { t: NOW };
    const s = makeStore(clock);
    const t = [...s.tickets.values()].find((x) => x.status === 'solved');
    if (!t) throw new Error('no solved ticket');
    const before = s.audits(t).length;
    clock.t += 60_000;
    const comment = s.addCustomerReply(t.id, 'It broke again.');
    const audits = s.audits(t);
    expect(audits).toHaveLength(before + 1);
    const last = audits[audits.length - 1];
    expect(last).toMatchObject({ authorId: t.requesterId, createdAt: clock.t, id: comment.auditId });
    expect(last?.events.filter((e) => e.type === 'Comment')).toEqual([{ type: 'Comment', id: comment.id, index: s.comments(t).length - 1, public: true, authorId: t.requesterId }]);
    expect(changes(last)).toEqual([['status', 'solved', 'open']]);
    expect(replay(audits)).toEqual(currentFields(t));
  });

  it('a reply on an open ticket changes nothing but adds its comment', () => {
    const s = makeStore();
    const t = [...s.tickets.values()].find((x) => x.status === 'open');
    if (!t) throw new Error('no open ticket');
    s.addCustomerReply(t.id, 'any news?');
    const audits = s.audits(t);
    expect(changes(audits[audits.length - 1])).toEqual([]);
    expect(audits[audits.length - 1]?.events.map((e) => e.type)).toEqual(['Comment']);
  });

  it('updateTicket records one Change per changed field, by the agent unless told otherwise', () => {
    const clock = { t: NOW };
    const s = makeStore(clock);
    const t = [...s.tickets.values()].find((x) => x.status === 'open' && x.priority === 'normal');
    if (!t) throw new Error('no open normal ticket');
    const before = { ...currentFields(t) };
    const agent = s.agentIds.find((id) => id !== t.assigneeId) ?? s.meId;
    clock.t += 1000;
    s.updateTicket(t.id, { status: 'pending', priority: 'high', assigneeId: agent, tags: [...t.tags, 'waiting_on_customer'], type: t.type });
    const audits = s.audits(t);
    const last = audits[audits.length - 1];
    expect(last).toMatchObject({ authorId: s.meId, channel: 'web', rule: null, createdAt: clock.t });
    expect(changes(last)).toEqual([
      ['status', 'open', 'pending'],
      ['priority', 'normal', 'high'],
      ['assignee_id', before['assignee_id'], agent],
      ['tags', before['tags'], [...t.tags]],
    ]);
    expect(t.tags).toContain('waiting_on_customer');
    expect(replay(audits)).toEqual(currentFields(t));

    const count = audits.length;
    s.updateTicket(t.id, { status: 'pending' });
    expect(s.audits(t)).toHaveLength(count);

    s.updateTicket(t.id, { status: 'solved', authorId: SYSTEM_USER_ID });
    const automated = s.audits(t)[count];
    expect(automated).toMatchObject({ authorId: SYSTEM_USER_ID, channel: 'rule' });
    expect(automated?.rule?.kind).toBe('automation');
    expect(() => s.updateTicket(t.id, { status: 'open', authorId: t.requesterId })).toThrow(SimulatorInputError);
    expect(() => s.updateTicket(t.id, { status: 'open', priority: 'p0' as 'low' })).toThrow(SimulatorInputError);
    expect(t.status).toBe('solved');
  });

  it('records a deletion as a status change to deleted, and keeps the audits', () => {
    const s = makeStore();
    const t = [...s.tickets.values()].find((x) => x.status === 'pending');
    if (!t) throw new Error('no pending ticket');
    const count = s.audits(t).length;
    s.deleteTicket(t.id);
    const audits = s.audits(t);
    expect(audits).toHaveLength(count + 1);
    expect(audits[count]).toMatchObject({ authorId: s.meId });
    expect(changes(audits[count])).toEqual([['status', 'pending', 'deleted']]);
  });

  it('files a new ticket with a creation audit, and a trigger audit when a trigger explains its fields', () => {
    const s = makeStore();
    const plain = s.addTicket({ subject: 'Webhook retries', priority: 'low', tags: ['webhooks'] });
    const [creation, ...rest] = s.audits(plain);
    expect(rest).toEqual([]);
    expect(creation).toMatchObject({ authorId: plain.requesterId, channel: plain.channel, createdAt: NOW });
    expect(creation?.events.map((e) => (e.type === 'Comment' ? 'Comment' : `${e.type}:${e.field}`))).toEqual([
      'Comment',
      'Create:status',
      'Create:priority',
      'Create:type',
      'Create:subject',
      'Create:requester_id',
      'Create:submitter_id',
      'Create:organization_id',
      'Create:group_id',
      'Create:tags',
    ]);
    expect(s.comments(plain)[0]?.auditId).toBe(creation?.id);
    expect(replay(s.audits(plain))).toEqual(currentFields(plain));

    // Ticket defaults of an enterprise customer: an urgent one gets raised from normal and tagged p1 by triggers.
    let urgent: TicketRecord | undefined;
    const enterprise = [...s.orgs.values()].filter((o) => o.plan === 'enterprise');
    for (let i = 0; i < 400 && !urgent; i++) {
      const org = enterprise[i % enterprise.length];
      const t = s.addTicket(org ? { organizationId: org.id } : {});
      if (t.priority === 'urgent') urgent = t;
    }
    if (!urgent) throw new Error('no urgent ticket filed');
    const audits = s.audits(urgent);
    expect(audits).toHaveLength(2);
    expect(audits[1]).toMatchObject({ authorId: SYSTEM_USER_ID, channel: 'rule', createdAt: audits[0]?.createdAt });
    expect(changes(audits[1]).map(([field, from, to]) => [field, from, field === 'tags' ? (to as string[]).includes('p1') : to])).toEqual([
      ['priority', 'normal', 'urgent'],
      ['tags', expect.not.arrayContaining(['p1']), true],
    ]);
    expect(replay(audits)).toEqual(currentFields(urgent));
  });

  it('keeps a ticket history in order when the clock stands still or goes back', () => {
    const clock = { t: NOW };
    const s = makeStore(clock, 20);
    const t = s.addTicket({ status: 'pending' });
    s.addCustomerReply(t.id, 'one');
    s.updateTicket(t.id, { status: 'solved' });
    clock.t -= 3_600_000;
    s.addCustomerReply(t.id, 'two');
    const audits = s.audits(t);
    expect(audits.map((a) => a.createdAt)).toEqual([NOW, NOW, NOW, NOW]);
    expect(audits.map((a) => a.id)).toEqual([...audits.map((a) => a.id)].sort((a, b) => a - b));
    expect(changes(audits[3])).toEqual([['status', 'solved', 'open']]);
    expect(replay(audits)).toEqual(currentFields(t));
  });
});

describe('zendesk store: audit timeline', () => {
  it('lists every audit once in (time, id) order and takes new audits as they happen', () => {
    const clock = { t: NOW };
    const s = makeStore(clock, 200);
    const first = s.timeline();
    const all = [...s.tickets.values()].flatMap((t) => s.audits(t).map((a) => a.id));
    expect(first.length).toBe(all.length);
    const entries = Array.from({ length: first.length }, (_, i) => first.entry(i));
    expect(new Set(entries.map((e) => e.auditId))).toEqual(new Set(all));
    for (let i = 1; i < entries.length; i++) {
      const [a, b] = [entries[i - 1], entries[i]];
      expect(a && b && (a.at < b.at || (a.at === b.at && a.auditId < b.auditId))).toBe(true);
    }
    clock.t += 5000;
    const t = s.addTicket();
    s.deleteTicket(t.id);
    expect(s.timeline()).toBe(first);
    const added = s.audits(t);
    expect(first.length).toBe(all.length + added.length);
    const from = first.firstAtOrAfter(clock.t);
    expect(from).toBe(all.length);
    const tail = Array.from({ length: added.length }, (_, i) => first.entry(from + i));
    expect(tail).toEqual(added.map((a) => ({ at: clock.t, auditId: a.id, ticketId: t.id })));
  });
});
