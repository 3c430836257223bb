import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketSummary } from '../../shared/domain/ticket.ts';
import type { AccountConfig } from '../../shared/settings/account-config.ts';
import { parseIsoInstant } from '../../shared/sla/index.ts';
import { AuthenticationError } from '../../main/core/connectors/helpdesk-connector.ts';
import { HelpdeskUnreachableError, type RetryPolicy } from '../../main/core/sync/helpdesk-http.ts';
import { TriageCore } from '../../main/core/triage-core.ts';
import { startHelpScoutSimulator, type HelpScoutSimulator, type HelpScoutSimulatorOptions } from '../../main/simulators/helpscout/server.ts';
import { runCli } from '../support/cli-process.ts';
import { helpScoutToken, readConversations, readPlanOfCustomer, type HelpScoutTruth } from '../support/helpscout-conversations.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { writeConfigFile } from '../support/config-file.ts';

// The Help Scout connector and the store against the simulator over real loopback HTTP, into real SQLite files.
const FAST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 };
const STATUS: Record<string, string> = { active: 'open', pending: 'pending', closed: 'closed' };
// Tests sync and read the truth several times a minute: the account's budget is not what they are about.
const PLENTY = 100_000;

function severityOf(c: HelpScoutTruth): string | null {
  const levels = c.tags.map((t) => /^p([1-4])$/i.exec(t.tag)?.[1]).filter((level) => level !== undefined);
  return levels.length === 0 ? null : `P${levels.sort()[0]}`;
}

const tagsOf = (c: HelpScoutTruth): string[] => [...new Set(c.tags.map((t) => t.tag.toLowerCase()))].sort();

/** Fingerprint of what the store must hold for each conversation: everything the helpdesk decides. */
function storedView(tickets: readonly TicketSummary[]): Map<string, string> {
  return new Map(tickets.map((t) => [t.sourceId, JSON.stringify([t.subject, t.status, t.severity, t.tags, t.assignee?.name ?? null])]));
}
function truthView(truth: ReadonlyMap<string, HelpScoutTruth>): Map<string, string> {
  return new Map(
    [...truth].map(([id, c]) => [id, JSON.stringify([c.subject, STATUS[c.status], severityOf(c), tagsOf(c), c.assignee ? `${c.assignee.first} ${c.assignee.last}` : null])]),
  );
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('Help Scout sync against the simulator', () => {
  const tempDir = useTempDirs();
  let simulator: HelpScoutSimulator;
  const cores: TriageCore[] = [];

  async function start(options: HelpScoutSimulatorOptions = {}): Promise<void> {
    await simulator?.close();
    simulator = await startHelpScoutSimulator({ seed: 11, organizations: 40, conversations: 150, rateLimitPerMinute: PLENTY, ...options });
  }
  beforeEach(async () => {
    await start();
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    await simulator.close();
  });

  function account(overrides: { clientSecret?: string } = {}): AccountConfig {
    return {
      id: 'acme-hs',
      type: 'helpscout',
      baseUrl: simulator.url,
      auth: { type: 'clientCredentials', clientId: simulator.clientId, clientSecret: overrides.clientSecret ?? simulator.clientSecret },
    };
  }
  function openCore(dataDir: string, options: { account?: AccountConfig; retry?: RetryPolicy; now?: () => Date } = {}): TriageCore {
    const core = new TriageCore({ dataDir, accounts: [options.account ?? account()], retry: options.retry ?? FAST_RETRY, ...(options.now ? { now: options.now } : {}) });
    cores.push(core);
    return core;
  }
  const key = (sourceId: string | number) => ({ accountId: 'acme-hs', sourceId: String(sourceId) });
  const listRequests = () => simulator.requests.filter((r) => r.path.startsWith('/v2/conversations?'));
  const truth = () => readConversations(simulator.url, simulator);

  it('stores every conversation once, spam aside, with status, severity from mixed-case tags, requester, assignee and plan', async () => {
    const core = openCore(tempDir());
    await core.syncOnce();
    const expected = await truth();
    const spam = await readConversations(simulator.url, simulator, 'spam');
    const stored = core.store.listAllTickets();
    expect(stored.map((t) => t.sourceId).sort()).toEqual([...expected.keys()].sort());
    expect(storedView(stored)).toEqual(truthView(expected));
    for (const ticket of stored) {
      const source = expected.get(ticket.sourceId)!;
      expect(ticket.createdAt).toBe(source.createdAt);
      expect(ticket.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(ticket.requester?.email).toBe(source.primaryCustomer.email);
    }
    // The seed types severities both ways, and the sync reads both.
    const severityTags = [...expected.values()].flatMap((c) => c.tags.map((t) => t.tag)).filter((t) => /^p[1-4]$/i.test(t));
    expect(severityTags.some((t) => t.startsWith('P'))).toBe(true);
    expect(severityTags.some((t) => t.startsWith('p'))).toBe(true);

    expect(new Set(stored.map((t) => t.organization?.plan))).toEqual(new Set(['free', 'starter', 'growth', 'enterprise']));
    const token = await helpScoutToken(simulator.url, simulator);
    for (const ticket of stored.slice(0, 12)) {
      const plan = await readPlanOfCustomer(simulator.url, token, expected.get(ticket.sourceId)!.primaryCustomer.id);
      expect(ticket.organization?.plan).toBe(plan?.toLowerCase());
    }
    expect(spam.size).toBeGreaterThan(0);
    for (const id of spam.keys()) expect(core.store.getTicket(key(id))).toBeNull();
    expect(core.syncStatus().accounts[0]).toMatchObject({ accountId: 'acme-hs', type: 'helpscout', state: 'idle', quarantined: 0, lastError: null });
    // The ticket view's conversation: the messages with their authors.
    const withReply = stored.find((t) => expected.get(t.sourceId)!._embedded!.threads.some((th) => th.type === 'message'))!;
    const detail = core.store.getTicket(key(withReply.sourceId))!;
    expect(detail.url).toBeNull();
    expect(detail.description.length).toBeGreaterThan(20);
    expect(detail.conversation.map((m) => m.kind)).toContain('agent');
    expect(detail.conversation[0]).toMatchObject({ kind: 'customer', author: { email: expected.get(withReply.sourceId)!.primaryCustomer.email } });
  });

  it('resumes from its checkpoint: status and tag changes, replies, spam and new conversations; a quiet poll costs one list request per status', async () => {
    const core = openCore(tempDir());
    await core.syncOnce();
    const before = [...(await truth()).values()];
    const active = before.filter((c) => c.status === 'active');
    const pending = before.find((c) => c.status === 'pending')!;
    const [toClose, toTag, toSpam] = active;
    simulator.updateConversation(toClose!.id, { status: 'closed' });
    // A tag change leaves no thread: nothing in the conversation dates it, yet the list serves it again.
    simulator.updateConversation(toTag!.id, { tags: ['P1', 'Billing'] });
    simulator.markSpam(toSpam!.id);
    simulator.addCustomerReply(pending.id, 'Still failing with request id req_8f2k');
    const added = simulator.addConversation({ subject: 'Webhook signatures fail after rotating the secret', tags: ['p2', 'webhooks'] });

    const pushed: string[] = [];
    core.onPush((name, payload) => {
      if (name !== 'ticketsChanged') return;
      const { upserted, removed } = payload as { upserted: { sourceId: string }[]; removed: { sourceId: string }[] };
      pushed.push(...upserted.map((t) => `+${t.sourceId}`), ...removed.map((t) => `-${t.sourceId}`));
    });
    await core.syncOnce();
    expect(core.store.getTicket(key(toClose!.id))?.status).toBe('closed');
    expect(core.store.getTicket(key(toTag!.id))).toMatchObject({ severity: 'P1', tags: ['billing', 'p1'] });
    expect(core.store.getTicket(key(toSpam!.id))).toBeNull();
    expect(core.store.getTicket(key(pending.id))).toMatchObject({ status: 'open' });
    expect(core.store.getTicket(key(pending.id))?.conversation.at(-1)).toMatchObject({ kind: 'customer', html: expect.stringContaining('req_8f2k') });
    expect(core.store.getTicket(key(added.id))).toMatchObject({ subject: 'Webhook signatures fail after rotating the secret', severity: 'P2', status: 'open' });
    expect(pushed.sort()).toEqual([`+${toClose!.id}`, `+${toTag!.id}`, `+${pending.id}`, `+${added.id}`, `-${toSpam!.id}`].sort());
    expect(storedView(core.store.listAllTickets())).toEqual(truthView(await truth()));

    pushed.length = 0;
    const mark = simulator.requests.length;
    await core.syncOnce();
    const quiet = simulator.requests.slice(mark);
    expect(quiet.map((r) => new URL(r.path, simulator.url).searchParams.get('status'))).toEqual(['all', 'spam']);
    for (const request of quiet) {
      expect(request.path).toMatch(/^\/v2\/conversations\?status=(all|spam)&sortField=modifiedAt&sortOrder=asc&modifiedSince=[^&]+&embed=threads&page=1$/);
    }
    expect(pushed).toEqual([]);
  });

  it('loses and duplicates nothing when conversations change while it pages (a fresh query from each new mark)', async () => {
    const core = openCore(tempDir());
    const token = await helpScoutToken(simulator.url, simulator);
    const firstPage = (await (
      await fetch(`${simulator.url}/v2/conversations?status=all&sortField=modifiedAt&sortOrder=asc`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { _embedded: { conversations: { id: number }[] } };
    const early = firstPage._embedded.conversations.map((c) => c.id);
    simulator.faults.delayMs = 25;
    const syncing = core.syncOnce();
    await waitFor(() => listRequests().length >= 3, 'the third page');
    // Conversations the sync has read move to the end; one leaves the list; one arrives.
    simulator.updateConversation(early[0]!, { status: 'pending' });
    simulator.addCustomerReply(early[1]!, 'Any news?');
    simulator.markSpam(early[2]!);
    const added = simulator.addConversation({ subject: 'Arrived mid-sync', tags: ['P3'] });
    await syncing;
    simulator.faults.delayMs = 0;

    const after = await truth();
    const stored = storedView(core.store.listAllTickets());
    const changed = new Set([early[0], early[1], early[2], added.id].map(String));
    for (const [id, view] of truthView(after)) if (!changed.has(id)) expect(stored.get(id), id).toBe(view);
    await core.syncOnce();
    expect(storedView(core.store.listAllTickets())).toEqual(truthView(after));
    expect(core.store.getTicket(key(early[2]!))).toBeNull();
  });

  it('pages on by offset only through a page full of one instant, and starts that query again when rows shift', async () => {
    // A frozen clock: 60 conversations arrive in the same second, more than a page within the overlap.
    const clock = Date.parse('2026-11-18T10:00:00Z');
    await start({ now: () => clock, conversations: 20 });
    const burst = Array.from({ length: 60 }, (_, i) => simulator.addConversation({ subject: `Burst ${i}`, tags: ['p4'] }).id);
    const core = openCore(tempDir());
    simulator.faults.delayMs = 25;
    const syncing = core.syncOnce();
    await waitFor(() => listRequests().some((r) => r.path.endsWith('&page=2')), 'paging by offset');
    // The second page is on its way: moving a row of the first page to the end shifts it by one.
    simulator.updateConversation(burst[3]!, { status: 'closed' });
    simulator.markSpam(burst[5]!);
    await syncing;
    simulator.faults.delayMs = 0;

    const expected = await truth();
    expect(storedView(core.store.listAllTickets())).toEqual(truthView(expected));
    const pages = listRequests().map((r) => new URL(r.path, simulator.url).searchParams);
    const offsetPages = pages.filter((q) => q.get('page') !== '1');
    expect(offsetPages.length).toBeGreaterThan(0);
    // After the shift, page 1 of the same query again.
    const restarted = pages.findIndex((q, i) => i > pages.indexOf(offsetPages[0]!) && q.get('page') === '1' && q.get('status') === 'all');
    expect(pages[restarted]?.get('modifiedSince')).toBe(offsetPages[0]!.get('modifiedSince'));
  });

  it('takes a conversation marked as spam out of the queue, and back when it is not spam any more', async () => {
    const core = openCore(tempDir());
    await core.syncOnce();
    const victim = core.store.listQueue('all_open', 0, 1).tickets[0]!;
    const spam = await fetch(`${simulator.url}/__control/conversations/${victim.sourceId}/spam`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(spam.status).toBe(200);
    await core.syncOnce();
    expect(core.store.getTicket(victim)).toBeNull();
    expect(core.store.listQueue('all_open', 0, 10_000).tickets.map((t) => t.sourceId)).not.toContain(victim.sourceId);
    simulator.updateConversation(Number(victim.sourceId), { status: 'active' });
    await core.syncOnce();
    expect(core.store.getTicket(victim)?.status).toBe('open');
  });

  it('renews an expired token once and carries on, mid-run', async () => {
    const core = openCore(tempDir());
    simulator.faults.delayMs = 20;
    const syncing = core.syncOnce();
    await waitFor(() => listRequests().length >= 2, 'the second page');
    expect(simulator.expireTokens()).toBe(1);
    await syncing;
    simulator.faults.delayMs = 0;
    const log = simulator.requests.map((r) => `${r.method} ${r.path}`);
    const tokens = log.filter((r) => r === 'POST /v2/oauth2/token');
    expect(tokens).toHaveLength(2);
    // The request the expired token was refused on, asked again after the new token.
    const renewal = log.lastIndexOf('POST /v2/oauth2/token');
    expect(log[renewal + 1]).toBe(log[renewal - 1]);
    expect(storedView(core.store.listAllTickets())).toEqual(truthView(await truth()));
  });

  it('renews a token shortly before it expires rather than waiting for a 401', async () => {
    await start({ tokenLifetimeSeconds: 2 });
    const core = openCore(tempDir());
    await core.syncOnce();
    await new Promise((resolve) => setTimeout(resolve, 1_900));
    const mark = simulator.requests.length;
    await core.syncOnce();
    expect(simulator.requests.slice(mark).map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'POST /v2/oauth2/token',
      'GET /v2/conversations',
      'GET /v2/conversations',
    ]);
  });

  it('fails with an AuthenticationError naming the account when Help Scout refuses the app', async () => {
    const core = openCore(tempDir(), { account: account({ clientSecret: 'wrong-secret' }) });
    const failure = core.syncOnce();
    await expect(failure).rejects.toBeInstanceOf(AuthenticationError);
    await expect(failure).rejects.toThrow(/account "acme-hs": Help Scout refused the app credentials of client triage-desk-demo \(HTTP 401: Invalid client authentication\); check the App ID and App Secret/);
    expect(core.syncStatus().accounts[0]).toMatchObject({ state: 'auth_failed', lastError: expect.stringMatching(/acme-hs/) });
    expect(core.syncStatus().accounts[0]!.lastError).not.toContain('wrong-secret');
    expect(core.store.listAllTickets()).toHaveLength(0);
  });

  it('waits out a 429 for as long as Retry-After says, and carries on', async () => {
    const core = openCore(tempDir());
    simulator.faults.rateLimitNext = { count: 1, retryAfterSeconds: 1 };
    const started = Date.now();
    await core.syncOnce();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(storedView(core.store.listAllTickets())).toEqual(truthView(await truth()));
  });

  it('rides out 5xx answers, dropped connections, truncated bodies and slow answers with retries', async () => {
    const core = openCore(tempDir());
    simulator.faults.failNext = { count: 1, status: 503 };
    simulator.faults.dropNext = 1;
    simulator.faults.truncateNext = 1;
    simulator.faults.delayMs = 30;
    const syncing = core.syncOnce();
    // And again in the middle of the conversation pages.
    await waitFor(() => listRequests().length >= 2, 'the second page');
    simulator.faults.failNext = { count: 2, status: 500 };
    simulator.faults.truncateNext = 1;
    await syncing;
    simulator.faults.delayMs = 0;
    expect(storedView(core.store.listAllTickets())).toEqual(truthView(await truth()));
    expect(core.syncStatus().accounts[0]!.state).toBe('idle');
  });

  it('gives up with "unreachable" when answers stay slower than the timeout, or keep failing', async () => {
    const slow = openCore(tempDir(), { retry: { ...FAST_RETRY, attempts: 2, timeoutMs: 100 } });
    simulator.faults.delayMs = 300;
    await expect(slow.syncOnce()).rejects.toBeInstanceOf(HelpdeskUnreachableError);
    expect(slow.syncStatus().accounts[0]).toMatchObject({ state: 'unreachable', lastError: expect.stringMatching(/request timed out/) });
    simulator.faults.delayMs = 0;
    const failing = openCore(tempDir());
    simulator.faults.failNext = { count: 100, status: 502 };
    await expect(failing.syncOnce()).rejects.toBeInstanceOf(HelpdeskUnreachableError);
    expect(failing.syncStatus().accounts[0]).toMatchObject({ state: 'unreachable', lastError: expect.stringMatching(/HTTP 502/) });
  });

  it('quarantines one malformed conversation with the reason while the rest of its page lands', async () => {
    const dataDir = tempDir();
    const core = openCore(dataDir);
    simulator.faults.malformedNext = 1;
    await core.syncOnce();
    const expected = await truth();
    const stored = core.store.listAllTickets();
    expect(stored).toHaveLength(expected.size - 1);
    expect(core.syncStatus().accounts[0]).toMatchObject({ state: 'idle', quarantined: 1 });
    const db = new DatabaseSync(join(dataDir, 'triage.sqlite'), { readOnly: true });
    try {
      const rows = db.prepare('SELECT kind, source_id, error FROM quarantine').all() as { kind: string; source_id: string; error: string }[];
      expect(rows).toEqual([{ kind: 'ticket', source_id: expect.any(String), error: expect.stringMatching(/status: .*createdAt: not a timestamp/) }]);
      expect(stored.map((t) => t.sourceId)).not.toContain(rows[0]!.source_id);
      expect(expected.has(rows[0]!.source_id)).toBe(true);
    } finally {
      db.close();
    }
  });
});

describe('dues from synced Help Scout histories', () => {
  const tempDir = useTempDirs();
  // Wednesday 2024-03-06 12:00 UTC: inside every default calendar's hours.
  let clock = Date.parse('2024-03-06T12:00:00Z');
  let simulator: HelpScoutSimulator;

  beforeEach(async () => {
    simulator = await startHelpScoutSimulator({ seed: 5, organizations: 30, conversations: 90, rateLimitPerMinute: PLENTY, now: () => clock });
  });
  afterEach(async () => {
    await simulator.close();
  });

  function openCore(): TriageCore {
    return new TriageCore({
      dataDir: tempDir(),
      accounts: [{ id: 'acme', type: 'helpscout', baseUrl: simulator.url, auth: { type: 'clientCredentials', clientId: simulator.clientId, clientSecret: simulator.clientSecret } }],
      now: () => new Date(clock),
      retry: FAST_RETRY,
    });
  }
  const open = (core: TriageCore) => core.store.listQueue('all_open', 0, 10_000).tickets;

  it('gives a new P1 conversation a first response due an hour after it was written', async () => {
    const core = openCore();
    try {
      const conversation = simulator.addConversation({ subject: 'Every call returns 503', tags: ['P1', 'outage'] });
      await core.syncOnce();
      expect(open(core).find((t) => t.sourceId === String(conversation.id))?.due).toEqual({
        metric: 'firstResponse',
        dueAt: (parseIsoInstant(conversation.createdAt) ?? NaN) + 3600,
        targetSeconds: 3600,
        riskWindowSeconds: 1800,
        pause: null,
      });
    } finally {
      await core.close();
    }
  });

  it('has no first-response due once an agent replied, and pauses resolution while pending', async () => {
    const core = openCore();
    try {
      await core.syncOnce();
      let answered = 0;
      let pending = 0;
      for (const summary of open(core)) {
        const ticket = core.store.ticketForSla(summary)!;
        expect(ticket.events[0]?.type).toBe('created');
        if (ticket.events.some((e) => e.type === 'agent_reply' && e.public)) {
          answered++;
          expect(summary.due?.metric).not.toBe('firstResponse');
        }
        if (summary.status === 'pending') {
          // Paused, unless it was breached before it was set pending.
          expect(summary.due?.metric).toBe('resolution');
          if (summary.due?.pause === null) expect(summary.due.dueAt).toBeLessThan(clock / 1000);
          else {
            pending++;
            expect(summary.due).toMatchObject({ dueAt: null, pause: { reasons: expect.arrayContaining(['pending']), resumesAt: null } });
          }
        }
      }
      expect(answered).toBeGreaterThan(5);
      expect(pending).toBeGreaterThan(3);

      // Answered last by an agent: no reply clock runs, so resolution is what a pending status holds.
      const answeredLast = (summary: TicketSummary): boolean =>
        core.store.ticketForSla(summary)!.events.filter((e) => e.type === 'customer_message' || e.type === 'agent_reply').at(-1)?.type === 'agent_reply';
      const running = open(core).find(
        (t) => t.status === 'open' && t.due?.metric === 'resolution' && t.due.pause === null && (t.due.dueAt ?? 0) > clock / 1000 && answeredLast(t),
      )!;
      expect(running).toBeDefined();
      clock += 60_000;
      simulator.updateConversation(Number(running.sourceId), { status: 'pending' });
      await core.syncOnce();
      expect(open(core).find((t) => t.sourceId === running.sourceId)?.due).toMatchObject({ metric: 'resolution', dueAt: null, pause: { reasons: ['pending'] } });
    } finally {
      await core.close();
    }
  });
});

describe('triage-desk sync and tickets with a Help Scout account', () => {
  const tempDir = useTempDirs();
  let simulator: HelpScoutSimulator;

  beforeEach(async () => {
    simulator = await startHelpScoutSimulator({ seed: 3, organizations: 30, conversations: 80, rateLimitPerMinute: PLENTY });
  });
  afterEach(async () => {
    await simulator.close();
  });

  function writeConfig(dir: string, clientSecret: string): string {
    const auth = { type: 'clientCredentials', clientId: simulator.clientId, clientSecret };
    return writeConfigFile(dir, { accounts: [{ id: 'acme-hs', type: 'helpscout', baseUrl: simulator.url, auth }] });
  }

  it('syncs with the app secret from the environment and lists the tickets with the contract fields', async () => {
    const dir = tempDir();
    const sync = await runCli(['sync', '--config', writeConfig(dir, 'env:HS_TEST_SECRET'), '--data-dir', dir, '--once'], { HS_TEST_SECRET: simulator.clientSecret });
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/^acme-hs: caught up at /);

    const listed = await runCli(['tickets', '--data-dir', dir, '--json']);
    expect(listed.code).toBe(0);
    const tickets = JSON.parse(listed.stdout) as Record<string, unknown>[];
    const expected = await readConversations(simulator.url, simulator);
    expect(tickets.map((t) => t.sourceId)).toEqual([...expected.keys()].sort((a, b) => Number(a) - Number(b)));
    for (const ticket of tickets) {
      expect(ticket).toMatchObject({
        accountId: 'acme-hs',
        sourceId: expect.stringMatching(/^\d+$/),
        subject: expect.any(String),
        status: expect.stringMatching(/^(open|pending|closed)$/),
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        requester: { email: expect.stringContaining('@'), name: expect.any(String) },
        organization: { name: expect.any(String), plan: expect.stringMatching(/^(free|starter|growth|enterprise)$/) },
      });
      const source = expected.get(ticket.sourceId as string)!;
      expect(ticket.status).toBe(STATUS[source.status]);
      expect(ticket.severity).toBe(severityOf(source));
      expect(ticket.tags).toEqual(tagsOf(source));
    }
  });

  it('exits 2 with one line naming the account when Help Scout refuses the app', async () => {
    const dir = tempDir();
    const result = await runCli(['sync', '--config', writeConfig(dir, 'not-the-secret'), '--data-dir', dir, '--once']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/acme-hs.*Help Scout refused the app credentials/);
    expect(result.stderr).not.toContain('not-the-secret');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
