import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TicketSummary } from '../../shared/domain/ticket.ts';
import type { AccountConfig, IntercomAccount } from '../../shared/settings/account-config.ts';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/index.ts';
import { connectorForAccount } from '../../main/core/connectors/connector-for-account.ts';
import { AuthenticationError } from '../../main/core/connectors/helpdesk-connector.ts';
import { OutboxStore } from '../../main/core/outbox/outbox-store.ts';
import { DATABASE_FILE_NAME, openDatabase } from '../../main/core/store/database.ts';
import { TicketStore } from '../../main/core/store/ticket-store.ts';
import { AccountSync } from '../../main/core/sync/account-sync.ts';
import { HelpdeskUnreachableError, REAL_HTTP, type HttpDeps, type RetryPolicy } from '../../main/core/sync/helpdesk-http.ts';
import { TriageCore } from '../../main/core/triage-core.ts';
import { startIntercomSimulator, type IntercomSimulator } from '../../main/simulators/intercom/server.ts';
import { runCli } from '../support/cli-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { writeConfigFile } from '../support/config-file.ts';

// The Intercom connector and the store against the Intercom simulator over real loopback HTTP, into real SQLite files.
const FAST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 };
const SEVERITY: Record<string, string | null> = { urgent: 'P1', high: 'P2', medium: 'P3', low: 'P4', none: null };
const STATUS: Record<string, string> = { open: 'open', snoozed: 'pending', closed: 'closed' };
const iso = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

interface Conversation {
  id: string;
  created_at: number;
  updated_at: number;
  state: string;
  priority: string;
  title: string | null;
  admin_assignee_id: number;
  source: { subject: string; author: { email: string } };
  tags: { tags: { name: string }[] };
  company: { name: string; plan: { name: string } } | null;
  statistics: { count_conversation_parts: number; first_admin_reply_at?: number };
}

/** The simulator's truth, read the way a client reads it: every conversation through the search. */
async function readAll(sim: IntercomSimulator): Promise<Map<string, Conversation>> {
  const all = new Map<string, Conversation>();
  let startingAfter: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const response = await fetch(`${sim.url}/conversations/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json', 'intercom-version': '2.16' },
      body: JSON.stringify({ query: { field: 'updated_at', operator: '>', value: 0 }, pagination: { per_page: 150, starting_after: startingAfter } }),
    });
    const page = (await response.json()) as { conversations: Conversation[]; pages: { next?: { starting_after: string } } };
    for (const c of page.conversations) all.set(c.id, c);
    startingAfter = page.pages.next?.starting_after;
    if (!startingAfter) return all;
  }
  throw new Error('the search never ended');
}

function account(sim: IntercomSimulator, token = sim.token): IntercomAccount {
  return { id: 'acme-ic', type: 'intercom', baseUrl: sim.url, auth: { type: 'bearer', token } };
}

function quarantine(dataDir: string): { kind: string; source_id: string; error: string }[] {
  const db = new DatabaseSync(join(dataDir, DATABASE_FILE_NAME), { readOnly: true });
  try {
    return db.prepare('SELECT kind, source_id, error FROM quarantine ORDER BY kind, source_id').all() as { kind: string; source_id: string; error: string }[];
  } finally {
    db.close();
  }
}

const conversationGets = (requests: readonly { method: string; path: string }[], id: string): number =>
  requests.filter((r) => r.method === 'GET' && r.path === `/conversations/${id}`).length;

/** The sync's own parts wired by hand, to watch its requests through the HTTP dependencies it takes. */
function openSync(dataDir: string, accountConfig: AccountConfig, http: HttpDeps): { store: TicketStore; sync: AccountSync; close(): Promise<void> } {
  const db = openDatabase(join(dataDir, DATABASE_FILE_NAME));
  const store = new TicketStore(db);
  const sync = new AccountSync(store, accountConfig, connectorForAccount(accountConfig, FAST_RETRY, http), {
    now: () => new Date(),
    demo: false,
    slaPolicy: DEFAULT_SLA_POLICY,
    outbox: new OutboxStore(db),
    retry: FAST_RETRY,
    onTicketsChanged: () => undefined,
    onStatusChanged: () => undefined,
  });
  return {
    store,
    sync,
    async close() {
      await sync.stop();
      db.close();
    },
  };
}

interface Exchange {
  method: string;
  path: string;
  sentAt: number;
  answeredAt: number;
  status: number;
}

/** The real fetch, with each exchange's times and status written down; `before` runs as a request leaves. */
function recordingHttp(log: Exchange[], before: (n: number, path: string) => void = () => undefined): HttpDeps {
  return {
    ...REAL_HTTP,
    fetch: async (input, init) => {
      const url = new URL(String(input));
      const path = `${url.pathname}${url.search}`;
      before(log.length, path);
      const sentAt = Date.now();
      const response = await fetch(input, init);
      log.push({ method: init?.method ?? 'GET', path, sentAt, answeredAt: Date.now(), status: response.status });
      return response;
    },
  };
}

describe('Intercom sync against the simulator', () => {
  const tempDir = useTempDirs();
  let sim: IntercomSimulator;
  const cores: TriageCore[] = [];

  beforeEach(async () => {
    sim = await startIntercomSimulator({ seed: 7, companies: 60, conversations: 240 });
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    await sim.close();
  });

  function openCore(dataDir: string, accountConfig: AccountConfig = account(sim), retry: RetryPolicy = FAST_RETRY): TriageCore {
    const core = new TriageCore({ dataDir, accounts: [accountConfig], retry });
    cores.push(core);
    return core;
  }

  it('stores every conversation once, with status, severity, requester, assignee and the plan of its company', async () => {
    const dataDir = tempDir();
    const core = openCore(dataDir);
    await core.syncOnce();
    const truth = await readAll(sim);
    const stored = core.store.listAllTickets();
    expect(stored.map((t) => t.sourceId).sort()).toEqual([...truth.keys()].sort());
    for (const ticket of stored) {
      const source = truth.get(ticket.sourceId)!;
      expect(conversationGets(sim.requests, ticket.sourceId)).toBe(1);
      expect(ticket).toMatchObject({
        status: STATUS[source.state],
        severity: SEVERITY[source.priority],
        createdAt: iso(source.created_at),
        updatedAt: iso(source.updated_at),
        tags: source.tags.tags.map((t) => t.name).sort(),
        requester: { email: source.source.author.email },
        organization: { name: source.company!.name, plan: source.company!.plan.name },
      });
      expect(ticket.assignee === null).toBe(source.admin_assignee_id === 0);
      if (source.title) expect(ticket.subject).toBe(source.title);
      else if (source.source.subject) expect(ticket.subject).toBe(source.source.subject);
      else expect(ticket.subject.length).toBeGreaterThan(0);
    }
    expect(new Set(stored.map((t) => t.status))).toEqual(new Set(['open', 'pending', 'closed']));
    expect(new Set(stored.map((t) => t.organization?.tier))).toEqual(new Set(['free', 'starter', 'growth', 'enterprise']));
    // The one record aside: the conversation whose oldest parts Intercom does not serve.
    expect(core.syncStatus().accounts[0]).toMatchObject({ accountId: 'acme-ic', state: 'idle', quarantined: 1, lastError: null });
    const detail = core.store.getTicket(stored.find((t) => t.status === 'closed')!)!;
    expect(detail.conversation.map((m) => m.kind)).toContain('agent');
    expect(detail.conversation[0]).toMatchObject({ id: 'source', kind: 'customer' });
  });

  it('resumes from its checkpoint after a restart: changes, deletions, replies and new conversations, pushed once; a quiet poll costs one request', async () => {
    const dataDir = tempDir();
    const first = openCore(dataDir);
    await first.syncOnce();
    const [changed, deleted, replied] = first.store.listQueue('all_open', 0, 3).tickets;
    await first.close();
    cores.splice(0);

    sim.updateConversation(changed!.sourceId, { priority: 'low', title: 'Webhooks arrive twice' });
    sim.deleteConversation(deleted!.sourceId);
    sim.addCustomerReply(replied!.sourceId, 'Any news? It is still failing.');
    const added = sim.addConversation({ subject: 'Invalid API key after rotating keys', priority: 'high' });

    const core = openCore(dataDir);
    const pushed: string[] = [];
    core.onPush((name, payload) => {
      if (name !== 'ticketsChanged') return;
      const { upserted, removed } = payload as { upserted: TicketSummary[]; removed: { sourceId: string }[] };
      pushed.push(...upserted.map((t) => `+${t.sourceId}`), ...removed.map((t) => `-${t.sourceId}`));
    });
    await core.syncOnce();
    expect(core.store.getTicket(changed!)).toMatchObject({ subject: 'Webhooks arrive twice', severity: 'P4' });
    expect(core.store.getTicket(deleted!)).toBeNull();
    expect(core.store.getTicket({ accountId: 'acme-ic', sourceId: added.id })).toMatchObject({ subject: 'Invalid API key after rotating keys', severity: 'P2', status: 'open' });
    const reply = core.store.getTicket(replied!)!.conversation.at(-1);
    expect(reply).toMatchObject({ kind: 'customer', html: expect.stringContaining('Any news?') });
    expect(pushed.sort()).toEqual([`+${changed!.sourceId}`, `+${added.id}`, `+${replied!.sourceId}`, `-${deleted!.sourceId}`].sort());
    expect(core.store.listAllTickets().map((t) => t.sourceId).sort()).toEqual([...(await readAll(sim)).keys()].sort());

    const before = sim.requests.length;
    await core.syncOnce();
    expect(sim.requests.slice(before)).toEqual([{ method: 'POST', path: '/conversations/search' }]);
  });

  it('fetches a conversation that changed while the search was paging again, and keeps its newest version', async () => {
    const dataDir = tempDir();
    const truth = await readAll(sim);
    const oldest = [...truth.values()].sort((a, b) => a.updated_at - b.updated_at || Number(a.id) - Number(b.id))[0]!;
    let searches = 0;
    const log: Exchange[] = [];
    // Once the first page is written, the oldest conversation (on that page) changes: the search serves it again later.
    const http = recordingHttp(log, (_n, path) => {
      if (path === '/conversations/search' && ++searches === 2) sim.updateConversation(oldest.id, { title: 'Changed while paging' });
    });
    const { store, sync, close } = openSync(dataDir, account(sim), http);
    try {
      await sync.syncUntilCaughtUp();
      expect(log.filter((e) => e.path === `/conversations/${oldest.id}`)).toHaveLength(2);
      expect(store.getTicket({ accountId: 'acme-ic', sourceId: oldest.id })?.subject).toBe('Changed while paging');
      expect(store.listAllTickets()).toHaveLength(truth.size);
    } finally {
      await close();
    }
  });

  it('neither loses nor refetches at the mark: Intercom\'s ">" includes the boundary second', async () => {
    let clock = Date.UTC(2026, 2, 4, 10, 0, 0);
    const timed = await startIntercomSimulator({ seed: 7, companies: 30, conversations: 60, now: () => clock });
    try {
      const core = openCore(tempDir(), account(timed));
      await core.syncOnce();
      clock += 5 * 60_000;
      const atMark = timed.addConversation({ subject: 'First at the mark second' });
      await core.syncOnce();
      // A second conversation in the very second the checkpoint's mark stands on.
      const sameSecond = timed.addConversation({ subject: 'Second at the mark second' });
      expect(sameSecond.updated_at).toBe(atMark.updated_at);
      const before = timed.requests.length;
      await core.syncOnce();
      const poll = timed.requests.slice(before);
      expect(conversationGets(poll, sameSecond.id)).toBe(1);
      expect(conversationGets(poll, atMark.id)).toBe(0);
      const stored = core.store.listAllTickets().map((t) => t.sourceId);
      expect(new Set(stored).size).toBe(stored.length);
      expect(stored.sort()).toEqual([...(await readAll(timed)).keys()].sort());

      const quiet = timed.requests.length;
      await core.syncOnce();
      expect(timed.requests.slice(quiet)).toEqual([{ method: 'POST', path: '/conversations/search' }]);
    } finally {
      await timed.close();
    }
  });

  it('sends no request before a 429 Retry-After has passed, then finishes the sync', async () => {
    const log: Exchange[] = [];
    // In the middle of the conversation fetches, while four are in flight.
    const http = recordingHttp(log, (n) => {
      if (n === 40) sim.faults.rateLimitNext = { count: 3, retryAfterSeconds: 1 };
    });
    const { store, sync, close } = openSync(tempDir(), account(sim), http);
    try {
      await sync.syncUntilCaughtUp();
      const limited = log.filter((e) => e.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(sim.faults.rateLimitNext).toBeNull();
      for (const answer of limited) {
        const later = log.filter((e) => e.sentAt > answer.answeredAt);
        expect(later.length).toBeGreaterThan(0);
        for (const e of later) expect(e.sentAt).toBeGreaterThanOrEqual(answer.answeredAt + 1000);
      }
      expect(store.listAllTickets()).toHaveLength(240);
    } finally {
      await close();
    }
  });

  it('rides out 5xx answers, dropped connections, truncated bodies and slow answers', async () => {
    const log: Exchange[] = [];
    // In the middle of the conversation fetches, so that the four requests in flight meet them.
    const http = recordingHttp(log, (n) => {
      if (n === 50) {
        sim.faults.failNext = { count: 2, status: 503 };
        sim.faults.dropNext = 1;
        sim.faults.truncateNext = 2;
        sim.faults.delayMs = 50;
      } else if (n === 150) {
        sim.faults.delayMs = 0;
      }
    });
    const { store, sync, close } = openSync(tempDir(), account(sim), http);
    try {
      await sync.syncUntilCaughtUp();
      expect(store.listAllTickets()).toHaveLength(240);
      expect(sync.status()).toMatchObject({ state: 'idle', lastError: null });
      expect(sim.faults).toMatchObject({ failNext: null, dropNext: 0, truncateNext: 0 });
      expect(log.filter((e) => e.status === 503)).toHaveLength(2);
    } finally {
      await close();
    }
  });

  it('gives up with "unreachable" when every answer is slower than the timeout, or keeps failing', async () => {
    const slow = openCore(tempDir(), account(sim), { attempts: 2, baseDelayMs: 1, maxDelayMs: 2, timeoutMs: 100 });
    sim.faults.delayMs = 400;
    await expect(slow.syncOnce()).rejects.toBeInstanceOf(HelpdeskUnreachableError);
    expect(slow.syncStatus().accounts[0]).toMatchObject({ state: 'unreachable', lastError: expect.stringMatching(/request timed out/) });
    sim.faults.delayMs = 0;
    const failing = openCore(tempDir());
    sim.faults.failNext = { count: 100, status: 502 };
    await expect(failing.syncOnce()).rejects.toThrow(/unreachable after 4 attempts: HTTP 502/);
  });

  it('quarantines a malformed conversation of a search page, and the rest of the page lands', async () => {
    const dataDir = tempDir();
    const core = openCore(dataDir);
    sim.faults.malformedSearchNext = { count: 1, defect: 'missing_id' };
    await core.syncOnce();
    expect(core.store.listAllTickets()).toHaveLength(239);
    const aside = quarantine(dataDir);
    expect(aside).toHaveLength(2);
    expect(aside.find((r) => r.kind === 'ticket')).toMatchObject({ source_id: expect.stringMatching(/^unknown-\d+$/), error: expect.stringMatching(/^id: /) });
    expect(core.syncStatus().accounts[0]).toMatchObject({ state: 'idle', quarantined: 2 });

    const spoiled = openCore(tempDir());
    sim.faults.malformedSearchNext = { count: 1, defect: 'created_at_string' };
    await spoiled.syncOnce();
    expect(spoiled.store.listAllTickets()).toHaveLength(239);
  });

  it('records what the 500-part cap leaves, says so in the quarantine, and keeps the first reply from the statistics', async () => {
    const dataDir = tempDir();
    const core = openCore(dataDir);
    await core.syncOnce();
    const long = [...(await readAll(sim)).values()].find((c) => c.statistics.count_conversation_parts > 500)!;
    const missing = long.statistics.count_conversation_parts - 500;
    expect(quarantine(dataDir)).toEqual([
      { kind: 'event', source_id: `${long.id}/parts`, error: expect.stringContaining(`only the 500 most recent parts of conversation ${long.id}: its ${missing} oldest`) },
    ]);
    const key = { accountId: 'acme-ic', sourceId: long.id };
    expect(core.store.getTicket(key)!.conversation).toHaveLength(501);
    const events = core.store.ticketForSla(key)!.events;
    expect(events).toContainEqual({ type: 'agent_reply', at: iso(long.statistics.first_admin_reply_at!), public: true });
    expect(core.store.listQueue('all_open', 0, 1000).tickets.find((t) => t.sourceId === long.id)?.due?.metric).not.toBe('firstResponse');
  });

  it('fails with an authentication error naming the account when the token is wrong or expires', async () => {
    const wrong = openCore(tempDir(), account(sim, 'not-the-token'));
    await expect(wrong.syncOnce()).rejects.toBeInstanceOf(AuthenticationError);
    expect(wrong.syncStatus().accounts[0]!.state).toBe('auth_failed');
    expect(wrong.store.listAllTickets()).toHaveLength(0);

    const core = openCore(tempDir());
    await core.syncOnce();
    sim.faults.tokenExpired = true;
    sim.addConversation({ subject: 'Written while the token was expired' });
    await expect(core.syncOnce()).rejects.toThrow(/^account "acme-ic": Intercom refused the access token \(HTTP 401 unauthorized: Access Token Invalid\); create a new access token/);
    expect(core.syncStatus().accounts[0]!.state).toBe('auth_failed');
  });
});

describe('dues from synced Intercom conversations', () => {
  const tempDir = useTempDirs();
  // Wednesday 2024-03-06 12:00 UTC: inside every default calendar's hours.
  let clock = Date.parse('2024-03-06T12:00:00Z');
  let sim: IntercomSimulator;

  beforeAll(async () => {
    sim = await startIntercomSimulator({ seed: 3, companies: 30, conversations: 80, now: () => clock });
  });
  afterAll(async () => {
    await sim.close();
  });

  function openCore(dataDir: string): TriageCore {
    return new TriageCore({ dataDir, accounts: [account(sim)], now: () => new Date(clock), retry: FAST_RETRY });
  }
  const find = (core: TriageCore, sourceId: string): TicketSummary | undefined =>
    core.store.listQueue('all_open', 0, 10_000).tickets.find((t) => t.sourceId === sourceId);

  it('stops the first-response clock at a teammate\'s reply, and pauses a snoozed conversation until it wakes', async () => {
    const core = openCore(tempDir());
    try {
      const urgent = sim.addConversation({ subject: 'Every call returns 503', priority: 'urgent' });
      await core.syncOnce();
      expect(find(core, urgent.id)?.due).toEqual({
        metric: 'firstResponse',
        dueAt: urgent.created_at + 3600,
        targetSeconds: 3600,
        riskWindowSeconds: 1800,
        pause: null,
      });
      let answered = 0;
      for (const summary of core.store.listQueue('all_open', 0, 10_000).tickets) {
        const events = core.store.ticketForSla(summary)!.events;
        if (!events.some((e) => e.type === 'agent_reply' && e.public)) continue;
        answered++;
        expect(summary.due?.metric).not.toBe('firstResponse');
      }
      expect(answered).toBeGreaterThan(5);

      clock += 60_000;
      const me = (await (await fetch(`${sim.url}/me`, { headers: { authorization: `Bearer ${sim.token}` } })).json()) as { id: string };
      const reply = await fetch(`${sim.url}/conversations/${urgent.id}/reply`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ message_type: 'comment', type: 'admin', admin_id: me.id, body: 'We are looking into it.' }),
      });
      expect(reply.status).toBe(200);
      clock += 60_000;
      const until = Math.floor(clock / 1000) + 2 * 3600;
      sim.updateConversation(urgent.id, { state: 'snoozed', snoozedUntil: until });
      await core.syncOnce();
      const snoozed = find(core, urgent.id)!;
      expect(snoozed.status).toBe('pending');
      expect(snoozed.due).toMatchObject({ metric: 'resolution', pause: { reasons: ['pending'], resumesAt: until } });
    } finally {
      await core.close();
    }
  });
});

describe('triage-desk sync and tickets with an Intercom account', () => {
  const tempDir = useTempDirs();
  let sim: IntercomSimulator;

  beforeAll(async () => {
    sim = await startIntercomSimulator({ seed: 5, companies: 40, conversations: 120 });
  });
  afterAll(async () => {
    await sim.close();
  });

  function writeConfig(dir: string, token: string): string {
    return writeConfigFile(dir, { accounts: [{ id: 'acme-ic', type: 'intercom', baseUrl: sim.url, auth: { type: 'bearer', token } }] });
  }

  it('syncs with a token from the environment and lists the conversations with the contract fields', async () => {
    const dir = tempDir();
    const sync = await runCli(['sync', '--config', writeConfig(dir, 'env:IC_TEST_TOKEN'), '--data-dir', dir, '--once'], { IC_TEST_TOKEN: sim.token });
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/^acme-ic: caught up at \S+, 1 records quarantined\n$/);

    const listed = await runCli(['tickets', '--data-dir', dir, '--json']);
    expect(listed.code).toBe(0);
    const tickets = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(tickets.map((t) => t.sourceId)).toEqual([...(await readAll(sim)).keys()].sort());
    for (const ticket of tickets) {
      expect(ticket).toMatchObject({
        accountId: 'acme-ic',
        sourceId: expect.stringMatching(/^\d+$/),
        subject: expect.any(String),
        status: expect.stringMatching(/^(open|pending|closed)$/),
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        requester: { email: expect.stringContaining('@'), name: expect.any(String) },
        organization: { name: expect.any(String), plan: expect.stringMatching(/^(Free|Starter|Growth|Enterprise)$/) },
      });
      expect([null, 'P1', 'P2', 'P3', 'P4']).toContain(ticket.severity);
      const tags = ticket.tags as string[];
      expect(tags).toEqual([...tags].sort());
    }
  });

  it('exits 2 with one line naming the account when the token has expired', async () => {
    const dir = tempDir();
    sim.faults.tokenExpired = true;
    try {
      const result = await runCli(['sync', '--config', writeConfig(dir, sim.token), '--data-dir', dir, '--once']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^triage-desk sync: account "acme-ic": Intercom refused the access token \(HTTP 401/);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      sim.rotateToken();
    }
  });
});

// `sync --once` killed with SIGKILL at points of a multi-page sync while the workspace changes, then run again: every
// conversation ends up in the store exactly once, at its newest version, and the deleted one leaves.
describe('an Intercom sync killed mid-way', () => {
  const tempDir = useTempDirs();
  const TOTAL = 600;
  let sim: IntercomSimulator;

  beforeAll(async () => {
    // 600 conversations are four search pages of 150; slow answers leave time to kill between pages.
    sim = await startIntercomSimulator({ seed: 9, companies: 80, conversations: TOTAL });
  });
  afterAll(async () => {
    await sim.close();
  });

  function stored(dataDir: string): number {
    try {
      const db = new DatabaseSync(join(dataDir, DATABASE_FILE_NAME), { readOnly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
      } finally {
        db.close();
      }
    } catch {
      return 0;
    }
  }

  const randomPoint = 1 + Math.floor(Math.random() * 449);
  it.each([0, 150, randomPoint])('loses and duplicates nothing when killed once %i conversations are stored', async (killAfter) => {
    const dataDir = tempDir();
    const config = writeConfigFile(dataDir, { accounts: [account(sim)] });
    sim.faults.delayMs = 15;
    const killed = runCli(['sync', '--config', config, '--data-dir', dataDir, '--once']);
    const deadline = Date.now() + 30_000;
    while (stored(dataDir) < killAfter && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    killed.child.kill('SIGKILL');
    expect((await killed).signal).toBe('SIGKILL');
    expect(stored(dataDir)).toBeGreaterThanOrEqual(killAfter);
    expect(stored(dataDir)).toBeLessThan(TOTAL);

    // Meanwhile the workspace moves on: an early conversation changes, one goes, one arrives.
    const before = [...(await readAll(sim)).values()].sort((a, b) => a.updated_at - b.updated_at);
    const changed = before[killAfter % 100]!;
    sim.updateConversation(changed.id, { title: `Changed while the sync was down (${killAfter})` });
    sim.deleteConversation(before[(killAfter % 100) + 1]!.id);
    sim.addConversation({ subject: `Filed while the sync was down (${killAfter})` });
    sim.faults.delayMs = 0;
    const resumed = await runCli(['sync', '--config', config, '--data-dir', dataDir, '--once']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);

    const listed = JSON.parse((await runCli(['tickets', '--data-dir', dataDir, '--json'])).stdout) as { sourceId: string; updatedAt: string; subject: string }[];
    const truth = await readAll(sim);
    expect(listed.map((t) => t.sourceId).sort()).toEqual([...truth.keys()].sort());
    expect(new Set(listed.map((t) => t.sourceId)).size).toBe(listed.length);
    for (const ticket of listed) expect(ticket.updatedAt).toBe(iso(truth.get(ticket.sourceId)!.updated_at));
    expect(listed.find((t) => t.sourceId === changed.id)?.subject).toBe(`Changed while the sync was down (${killAfter})`);
  }, 60_000);
});
