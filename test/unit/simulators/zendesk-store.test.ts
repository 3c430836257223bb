import { describe, expect, it } from 'vitest';
import { claimFault, claimTruncate } from '../../../main/simulators/common/faults.ts';
import { createActivity } from '../../../main/simulators/zendesk/activity.ts';
import { decodeCursor, encodeCursor } from '../../../main/simulators/zendesk/cursor-export.ts';
import { applyFaultPatch, createFaults, faultsApplyTo } from '../../../main/simulators/zendesk/faults.ts';
import { SEQ_PER_SECOND, SimulatorInputError, TicketStore } from '../../../main/simulators/zendesk/store.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

function makeStore(clock = { t: NOW }, tickets = 200): TicketStore {
  return new TicketStore({ seed: 1, organizations: 50, tickets, agentEmail: 'agent@demo.test', now: () => clock.t });
}

function drain(s: TicketStore, after: number, size: number): { ids: number[]; last: number } {
  const ids: number[] = [];
  let cursor = after;
  for (;;) {
    const page = s.exportAfter(cursor, size);
    ids.push(...page.tickets.map((t) => t.id));
    cursor = page.lastSeq;
    if (page.endOfStream) return { ids, last: cursor };
  }
}

describe('zendesk store: change log', () => {
  it('pages through every ticket exactly once, in change order', () => {
    const s = makeStore();
    const { ids } = drain(s, 0, 7);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
    const seqs = ids.map((id) => s.liveTicket(id).seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const updated = ids.map((id) => s.liveTicket(id).updatedAt);
    expect([...updated].sort((a, b) => a - b)).toEqual(updated);
  });

  it('moves a changed ticket to the end, once, and keeps sequences increasing when the clock stands still', () => {
    const clock = { t: NOW };
    const s = makeStore(clock);
    const { last } = drain(s, 0, 50);
    expect(s.exportAfter(last, 50)).toMatchObject({ tickets: [], endOfStream: true, lastSeq: last });
    const [a, b] = drain(s, 0, 500).ids;
    s.addCustomerReply(a ?? 0, 'still broken');
    s.updateTicket(b ?? 0, { priority: 'urgent' });
    s.addCustomerReply(a ?? 0, 'and again');
    const after = drain(s, last, 50);
    expect(after.ids).toEqual([b, a]);
    expect(after.last).toBeGreaterThan(last);
    // Everything from the start still lists every ticket once.
    expect(new Set(drain(s, 0, 13).ids).size).toBe(200);
    expect(drain(s, 0, 13).ids).toHaveLength(200);
  });

  it('ties sequences to the clock: generated_timestamp is the change time in seconds', () => {
    const clock = { t: NOW };
    const s = makeStore(clock, 10);
    clock.t = NOW + 5_000;
    const t = s.addTicket({ subject: 'hello' });
    expect(Math.floor(t.seq / SEQ_PER_SECOND)).toBe(Math.floor((NOW + 5_000) / 1000));
    expect(t.createdAt).toBe(NOW + 5_000);
  });

  it('a customer reply reopens pending and solved tickets; a closed ticket takes none', () => {
    const s = makeStore();
    const t = s.addTicket({ status: 'pending' });
    s.addCustomerReply(t.id);
    expect(s.liveTicket(t.id).status).toBe('open');
    s.updateTicket(t.id, { status: 'solved' });
    s.addCustomerReply(t.id, 'it is back');
    expect(s.liveTicket(t.id).status).toBe('open');
    expect(s.comments(t).map((c) => c.body)).toContain('it is back');
    s.updateTicket(t.id, { status: 'closed' });
    expect(() => s.addCustomerReply(t.id)).toThrow(SimulatorInputError);
  });

  it('materializes a seeded thread before appending a reply to it', () => {
    const s = makeStore();
    const seeded = [...s.tickets.values()].find((t) => t.status === 'open' && t.comments === null);
    expect(seeded).toBeDefined();
    if (!seeded) return;
    const before = makeStore().comments(makeStore().liveTicket(seeded.id)).length;
    s.addCustomerReply(seeded.id, 'one more thing');
    const thread = s.comments(seeded);
    expect(thread).toHaveLength(before + 1);
    expect(thread[thread.length - 1]?.body).toBe('one more thing');
  });

  it('deleting keeps the ticket in the log with status deleted and hides it elsewhere', () => {
    const s = makeStore();
    const { last } = drain(s, 0, 100);
    const id = drain(s, 0, 500).ids[10] ?? 0;
    s.deleteTicket(id);
    const page = s.exportAfter(last, 10);
    expect(page.tickets.map((t) => [t.id, t.status])).toEqual([[id, 'deleted']]);
    expect(() => s.liveTicket(id)).toThrow(SimulatorInputError);
    expect(() => s.updateTicket(id, { status: 'open' })).toThrow(SimulatorInputError);
  });

  it('validates inputs', () => {
    const s = makeStore();
    expect(() => s.addTicket({ organizationId: 1 })).toThrow(/organization 1 does not exist/);
    expect(() => s.addTicket({ status: 'frozen' })).toThrow(/status/);
    expect(() => s.updateTicket(999_999, { status: 'open' })).toThrow(/not found/);
    expect(() => s.updateTicket([...s.tickets.keys()][0] ?? 0, { assigneeId: 42 })).toThrow(/not an agent/);
  });

  it('files a new ticket for the requested customer with its text', () => {
    const s = makeStore();
    const org = [...s.orgs.values()][3];
    if (!org) throw new Error('no org');
    const t = s.addTicket({ organizationId: org.id, subject: 'Invalid API key on prod', description: 'We get "Invalid API key".', priority: null, tags: ['b', 'a', 'a'] });
    expect(t).toMatchObject({ organizationId: org.id, subject: 'Invalid API key on prod', description: 'We get "Invalid API key".', priority: null, status: 'new', tags: ['a', 'b'] });
    expect(s.users.get(t.requesterId)?.organizationId).toBe(org.id);
    expect(s.comments(t)).toHaveLength(1);
  });

  it('compacts its log under many changes without losing or duplicating tickets', () => {
    const s = makeStore({ t: NOW }, 50);
    const ids = [...s.tickets.keys()];
    for (let i = 0; i < 5000; i++) s.updateTicket(ids[i % ids.length] ?? 0, { priority: i % 2 ? 'low' : 'high' });
    const all = drain(s, 0, 9).ids;
    expect(all).toHaveLength(50);
    expect(new Set(all).size).toBe(50);
  });
});

describe('zendesk activity', () => {
  it('alternates a new ticket and a customer reply on an open ticket', () => {
    const s = makeStore();
    const activity = createActivity(s);
    const { last } = drain(s, 0, 500);
    const size = s.tickets.size;
    activity.step();
    expect(s.tickets.size).toBe(size + 1);
    activity.step();
    expect(s.tickets.size).toBe(size + 1);
    const changed = drain(s, last, 10).ids;
    expect(changed).toHaveLength(2);
    const replied = s.liveTicket(changed[1] ?? 0);
    expect(['new', 'open', 'hold', 'pending'].includes(replied.status) || replied.status === 'open').toBe(true);
    const thread = s.comments(replied);
    expect(thread[thread.length - 1]?.authorId).toBe(replied.requesterId);
  });

  it('is deterministic for a seed', () => {
    const run = (): string[] => {
      const s = makeStore();
      const a = createActivity(s);
      for (let i = 0; i < 10; i++) a.step();
      return [...s.tickets.values()].slice(-5).map((t) => `${t.id}:${t.subject}:${t.status}:${s.comments(t).length}`);
    };
    expect(run()).toEqual(run());
  });
});

describe('zendesk cursor', () => {
  it('round-trips and rejects garbage', () => {
    const seq = NOW * 1000 + 17;
    const c = encodeCursor(seq);
    expect(Buffer.from(c, 'base64').toString()).toBe(`${Math.floor(seq / SEQ_PER_SECOND)}.0||${seq}|`);
    expect(decodeCursor(c)).toBe(seq);
    expect(decodeCursor('not a cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('123.0||456|').toString('base64'))).toBeNull();
    expect(decodeCursor(Buffer.from('hello').toString('base64'))).toBeNull();
  });
});

describe('zendesk fault knobs', () => {
  it('counts each knob down per request, drop first, then 429, then failures', () => {
    const f = createFaults();
    applyFaultPatch(f, { failNext: { count: 2, status: 503 }, rateLimitNext: { count: 1, retryAfterSeconds: 7 }, dropNext: 1, truncateNext: true });
    expect(claimFault(f)).toEqual({ kind: 'drop' });
    expect(claimFault(f)).toEqual({ kind: 'rateLimit', retryAfterSeconds: 7 });
    expect(claimFault(f)).toEqual({ kind: 'fail', status: 503 });
    expect(claimFault(f)).toEqual({ kind: 'fail', status: 503 });
    expect(claimFault(f)).toEqual({ kind: 'none' });
    expect(claimTruncate(f)).toBe(true);
    expect(claimTruncate(f)).toBe(false);
    expect(f).toEqual(createFaults());
  });

  it('rejects invalid patches without changing anything, and resets', () => {
    const f = createFaults();
    applyFaultPatch(f, { delayMs: 50 });
    expect(() => applyFaultPatch(f, { failNext: { count: 1, status: 200 } })).toThrow(/400-599/);
    expect(() => applyFaultPatch(f, { dropNext: -1, delayMs: 0 })).toThrow();
    expect(() => applyFaultPatch(f, { explode: 1 })).toThrow(/unknown/);
    expect(f.delayMs).toBe(50);
    applyFaultPatch(f, { reset: true });
    expect(f).toEqual(createFaults());
  });

  it('scopes the faults to one path and sets the search index lag', () => {
    const f = createFaults();
    expect(faultsApplyTo(f, '/api/v2/users/me.json')).toBe(true);
    applyFaultPatch(f, { onlyPath: '/api/v2/search/export', searchIndexLagMs: 1500 });
    expect(faultsApplyTo(f, '/api/v2/users/me.json')).toBe(false);
    expect(faultsApplyTo(f, '/api/v2/search/export.json')).toBe(true);
    expect(f.searchIndexLagMs).toBe(1500);
    expect(() => applyFaultPatch(f, { onlyPath: 'search' })).toThrow(/onlyPath/);
    applyFaultPatch(f, { onlyPath: null });
    expect(faultsApplyTo(f, '/api/v2/users/me.json')).toBe(true);
  });
});
