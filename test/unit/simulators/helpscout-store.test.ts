import { describe, expect, it } from 'vitest';
import { claimFault } from '../../../main/simulators/common/faults.ts';
import { TokenStore, tokenRequest } from '../../../main/simulators/helpscout/auth.ts';
import { applyFaultPatch, claimMalformed, createFaults } from '../../../main/simulators/helpscout/faults.ts';
import { RateLimiter, WRITE_BURST_LIMIT } from '../../../main/simulators/helpscout/http.ts';
import { conversationJson, friendly, tagJson } from '../../../main/simulators/helpscout/serialize.ts';
import { ConversationStore, SimulatorInputError, type ListQuery } from '../../../main/simulators/helpscout/store.ts';
import type { ConversationRecord } from '../../../main/simulators/helpscout/types.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

function setup(conversations = 120): { store: ConversationStore; clock: { t: number } } {
  const clock = { t: NOW };
  const store = new ConversationStore({ seed: 5, organizations: 40, conversations, mailboxes: 3, meEmail: 'agent@demo.test', now: () => clock.t });
  return { store, clock };
}

function query(patch: Partial<ListQuery> = {}): ListQuery {
  return {
    statuses: ['active', 'pending', 'closed'],
    mailboxIds: null,
    tags: null,
    assignedTo: null,
    number: null,
    folderId: null,
    modifiedSince: null,
    sortField: 'createdAt',
    sortOrder: 'desc',
    ...patch,
  };
}

function first(store: ConversationStore, status: ConversationRecord['status']): ConversationRecord {
  const c = [...store.conversations.values()].find((x) => x.status === status);
  if (!c) throw new Error(`no ${status} conversation`);
  return c;
}

describe('help scout store: lists', () => {
  it('sorts by createdAt desc by default and by modifiedAt asc on request, ties in change order', () => {
    const { store } = setup();
    const byCreated = store.list(query()).map((id) => store.conversations.get(id)?.createdAt ?? 0);
    expect(byCreated).toEqual([...byCreated].sort((a, b) => b - a));
    const byModified = store.list(query({ sortField: 'modifiedAt', sortOrder: 'asc' })).map((id) => store.conversations.get(id)?.modifiedAt ?? 0);
    expect(byModified).toEqual([...byModified].sort((a, b) => a - b));
  });

  it('moves a changed conversation to the end of modifiedAt order, even within the same millisecond', () => {
    const { store } = setup();
    const q = query({ sortField: 'modifiedAt', sortOrder: 'asc' });
    const before = store.list(q);
    const target = before[0] ?? -1;
    store.updateConversation(target, { tags: ['p2'] });
    const after = store.list(q);
    expect(after[after.length - 1]).toBe(target);
    expect(after.slice(0, -1)).toEqual(before.slice(1));
  });

  it('filters modifiedSince strictly after, tags case-insensitively, by mailbox, number and assignee', () => {
    const { store } = setup();
    const all = [...store.conversations.values()].filter((c) => c.status !== 'spam');
    const pivot = all.map((c) => c.modifiedAt).sort((a, b) => a - b)[Math.floor(all.length / 2)] ?? NOW;
    const since = store.list(query({ modifiedSince: pivot }));
    expect(since.length).toBe(all.filter((c) => c.modifiedAt > pivot).length);
    const severe = store.list(query({ tags: ['p1'] }));
    expect(severe.length).toBeGreaterThan(0);
    for (const id of severe) expect(store.conversations.get(id)?.tags.some((t) => t.toLowerCase() === 'p1')).toBe(true);
    const c = all[3] as ConversationRecord;
    expect(store.list(query({ number: c.number }))).toEqual([c.id]);
    expect(store.list(query({ mailboxIds: [c.mailboxId] }))).toContain(c.id);
    const assigned = all.find((x) => x.assigneeId !== null) as ConversationRecord;
    for (const id of store.list(query({ assignedTo: assigned.assigneeId }))) expect(store.conversations.get(id)?.assigneeId).toBe(assigned.assigneeId);
  });

  it('keeps spam out unless asked, and deleted conversations out of everything', () => {
    const { store } = setup();
    const spam = first(store, 'spam');
    expect(store.list(query())).not.toContain(spam.id);
    expect(store.list(query({ statuses: ['spam'] }))).toContain(spam.id);
    const gone = first(store, 'active');
    store.deleteConversation(gone.id);
    expect(store.list(query({ statuses: ['active', 'pending', 'closed', 'spam'] }))).not.toContain(gone.id);
    expect(() => store.liveConversation(gone.id)).toThrow(SimulatorInputError);
  });
});

describe('help scout store: changes', () => {
  it('a customer reply reactivates a closed or pending conversation and clears closedAt', () => {
    const { store, clock } = setup();
    const closed = first(store, 'closed');
    clock.t += 60_000;
    store.addCustomerReply(closed.id, 'It is back.');
    expect(closed.status).toBe('active');
    expect(closed.closedAt).toBeNull();
    expect(closed.modifiedAt).toBe(clock.t);
    expect(closed.threads[closed.threads.length - 1]).toMatchObject({ userId: null, text: 'It is back.', createdAt: clock.t });
    expect(store.waiting(closed)).toEqual({ time: clock.t, latestReplyFrom: 'customer' });
  });

  it('an agent reply reactivates unless given a status; a note changes nothing unless asked', () => {
    const { store } = setup();
    const pending = first(store, 'pending');
    store.reply(pending.id, { userId: store.meId, text: 'Any news?' });
    expect(pending.status).toBe('active');
    store.reply(pending.id, { userId: store.meId, text: 'Closing.', status: 'closed' });
    expect(pending.status).toBe('closed');
    expect(pending.closedBy).toBe(store.meId);
    store.addNote(pending.id, { userId: store.meId, text: 'internal' });
    expect(pending.status).toBe('closed');
    expect(pending.threads[pending.threads.length - 1]).toMatchObject({ type: 'note', status: 'nochange' });
    expect(store.waiting(pending).latestReplyFrom).toBe('user');
  });

  it('status and assignee changes leave line items; a draft reply changes nothing', () => {
    const { store } = setup();
    const active = first(store, 'active');
    const threads = active.threads.length;
    const other = [...store.users.values()].find((u) => u.id !== store.meId);
    store.updateConversation(active.id, { status: 'pending', assigneeId: other?.id ?? null });
    expect(active.threads.slice(threads).map((t) => t.actionText)).toEqual([`Assigned to ${other?.firstName} ${other?.lastName}`, 'Marked as Pending']);
    store.reply(active.id, { userId: store.meId, text: 'draft', draft: true });
    expect(active.status).toBe('pending');
    expect(active.threads[active.threads.length - 1]?.state).toBe('draft');
  });

  it('refuses a thread on a conversation with 99 threads (412), and unknown users and mailboxes (400)', () => {
    const { store } = setup();
    const c = first(store, 'active');
    while (c.threads.length < 99) store.addNote(c.id, { userId: store.meId, text: 'n' });
    expect(() => store.addNote(c.id, { userId: store.meId, text: 'one too many' })).toThrow(expect.objectContaining({ status: 412 }));
    const other = first(store, 'pending');
    expect(() => store.reply(other.id, { userId: 1, text: 'x' })).toThrow(expect.objectContaining({ status: 400, path: 'user' }));
    expect(() => store.updateConversation(other.id, { mailboxId: 1 })).toThrow(expect.objectContaining({ status: 400, path: 'mailboxId' }));
  });

  it('activity alternates new conversations and customer replies', () => {
    const { store } = setup(30);
    const before = store.conversations.size;
    const version = store.version;
    store.stepActivity();
    expect(store.conversations.size).toBe(before + 1);
    store.stepActivity();
    expect(store.conversations.size).toBe(before + 1);
    expect(store.version).toBe(version + 2);
  });
});

describe('help scout tokens, rate limit and faults', () => {
  it('tokens expire after their lifetime on the injected clock, or all at once', () => {
    const clock = { t: NOW };
    const tokens = new TokenStore(() => clock.t, 100);
    const a = tokens.issue();
    clock.t += 99_999;
    expect(tokens.check(a)).toBe('valid');
    clock.t += 1;
    expect(tokens.check(a)).toBe('expired');
    const b = tokens.issue();
    expect(tokens.check(b)).toBe('valid');
    expect(tokens.check('nope')).toBe('unknown');
    expect(tokens.check(null)).toBe('unknown');
    expect(tokens.expireAll()).toBe(1);
    expect(tokens.check(b)).toBe('expired');
  });

  it('token requests need the client credentials grant and the right client', () => {
    const tokens = new TokenStore(() => NOW);
    const client = { clientId: 'id', clientSecret: 'secret' };
    const ask = (params: Record<string, string>): { status: number; body: Record<string, string | number> } => tokenRequest(new Map(Object.entries(params)), client, tokens);
    expect(ask({ grant_type: 'client_credentials', client_id: 'id', client_secret: 'secret' })).toMatchObject({ status: 200, body: { token_type: 'bearer', expires_in: 172_800 } });
    expect(ask({ grant_type: 'client_credentials', client_id: 'id', client_secret: 'wrong' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(ask({ client_id: 'id', client_secret: 'secret' })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(ask({ grant_type: 'refresh_token', refresh_token: 'x' })).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
  });

  it('counts writes double per clock minute, refuses without charging, and limits write bursts', () => {
    const clock = { t: NOW + 5_000 };
    const limiter = new RateLimiter(() => clock.t, 5);
    expect(limiter.take(true).headers['x-ratelimit-remaining-minute']).toBe('3');
    expect(limiter.take(false).headers['x-ratelimit-remaining-minute']).toBe('2');
    expect(limiter.take(true).headers['x-ratelimit-remaining-minute']).toBe('0');
    const refused = limiter.take(false);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 55 });
    expect(refused.headers).toMatchObject({ 'retry-after': '55', 'x-ratelimit-retry-after': '55', 'x-ratelimit-remaining-minute': '0' });
    clock.t += 55_000;
    expect(limiter.take(false)).toMatchObject({ allowed: true, headers: { 'x-ratelimit-remaining-minute': '4' } });

    const burst = new RateLimiter(() => clock.t, 1000);
    for (let i = 0; i < WRITE_BURST_LIMIT; i++) expect(burst.take(true).allowed).toBe(true);
    expect(burst.take(true)).toMatchObject({ allowed: false, retryAfterSeconds: 5 });
    expect(burst.take(false).allowed).toBe(true);
    clock.t += 5_000;
    expect(burst.take(true).allowed).toBe(true);
  });

  it('fault knobs are consumed per request and patched all or nothing', () => {
    const faults = createFaults();
    applyFaultPatch(faults, { failNext: { count: 1 }, malformedNext: 2, expireTokens: true });
    expect(claimFault(faults)).toEqual({ kind: 'fail', status: 503 });
    expect(claimFault(faults)).toEqual({ kind: 'none' });
    expect(claimMalformed(faults)).toBe(true);
    expect(claimMalformed(faults)).toBe(true);
    expect(claimMalformed(faults)).toBe(false);
    expect(() => applyFaultPatch(faults, { dropNext: 1, delayMs: -1 })).toThrow(/delayMs/);
    expect(faults.dropNext).toBe(0);
    expect(() => applyFaultPatch(faults, { bogus: 1 })).toThrow(/unknown fault knob/);
    applyFaultPatch(faults, { dropNext: 2 });
    applyFaultPatch(faults, { reset: true });
    expect(faults).toEqual(createFaults());
  });
});

describe('help scout serialization helpers', () => {
  it('gives a tag the same id and color whatever its case', () => {
    expect(tagJson('P1').id).toBe(tagJson('p1').id);
    expect(tagJson('P1')).toMatchObject({ tag: 'P1' });
    expect(tagJson('p1').id).not.toBe(tagJson('p2').id);
  });

  it('says how long ago in Help Scout words', () => {
    expect(friendly(30_000)).toBe('just now');
    expect(friendly(12 * 60_000)).toBe('12 min ago');
    expect(friendly(3_600_000)).toBe('1 hour ago');
    expect(friendly(20 * 3_600_000)).toBe('20 hours ago');
    expect(friendly(3 * 86_400_000)).toBe('3 days ago');
  });

  it('truncates chat threads when a list embeds them, as Help Scout does, but not on the conversation itself', () => {
    const { store } = setup(300);
    const chat = [...store.conversations.values()].find((c) => c.type === 'chat' && c.threads.some((t) => t.type === 'chat' && t.text.length > 100));
    if (!chat) throw new Error('no long chat');
    const ctx = { store, baseUrl: 'http://sim' };
    const bodies = (truncateChat: boolean): string[] =>
      (conversationJson(ctx, chat, { embedThreads: true, truncateChat })._embedded?.threads ?? []).filter((t) => t.type === 'chat').map((t) => t.body ?? '');
    const full = bodies(false);
    const cut = bodies(true);
    expect(cut).toHaveLength(full.length);
    expect(cut.some((b, i) => b.endsWith('…</div>') && b.length < (full[i] ?? '').length)).toBe(true);
  });
});
