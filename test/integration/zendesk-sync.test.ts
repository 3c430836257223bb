import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountConfig } from '../../shared/settings/account-config.ts';
import { AuthenticationError } from '../../main/core/connectors/helpdesk-connector.ts';
import { HelpdeskUnreachableError, type RetryPolicy } from '../../main/core/sync/helpdesk-http.ts';
import { TriageCore } from '../../main/core/triage-core.ts';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { readWholeExport } from '../support/zendesk-export.ts';

// The Zendesk connector and the store against the simulator over real loopback HTTP, into real SQLite files.
const FAST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 };
const SEVERITY: Record<string, string> = { urgent: 'P1', high: 'P2', normal: 'P3', low: 'P4' };

describe('Zendesk sync against the simulator', () => {
  const tempDir = useTempDirs();
  let simulator: ZendeskSimulator;
  const cores: TriageCore[] = [];

  beforeEach(async () => {
    simulator = await startZendeskSimulator({ seed: 11, organizations: 60, tickets: 240, activityIntervalMs: false });
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    await simulator.close();
  });

  function account(overrides: { email?: string; token?: string } = {}): AccountConfig {
    return {
      id: 'acme-zd',
      type: 'zendesk',
      baseUrl: simulator.url,
      auth: { type: 'apiToken', ...simulator.credentials, ...overrides },
      planField: 'plan',
    };
  }
  function openCore(dataDir: string, accountConfig: AccountConfig = account()): TriageCore {
    const core = new TriageCore({ dataDir, accounts: [accountConfig], retry: FAST_RETRY });
    cores.push(core);
    return core;
  }

  it('stores every ticket of the export once, with severity, requester and plan', async () => {
    const core = openCore(tempDir());
    // Every ticket of a first sync is new: the window refetches what it shows rather than marking each one changed.
    const listed: unknown[] = [];
    core.onPush((name, payload) => {
      if (name === 'ticketsChanged') listed.push(...(payload as { upserted: unknown[] }).upserted);
    });
    await core.syncOnce();
    expect(listed).toEqual([]);
    const expected = await readWholeExport(simulator.url, simulator.credentials);
    const live = [...expected].filter(([, ticket]) => ticket.status !== 'deleted');
    const stored = core.store.listAllTickets();
    expect(stored.map((t) => t.sourceId).sort()).toEqual(live.map(([id]) => id).sort());
    for (const ticket of stored) {
      const source = expected.get(ticket.sourceId)!;
      expect(ticket.subject).toBe(source.subject);
      expect(ticket.severity).toBe(source.priority ? SEVERITY[source.priority] : null);
      expect(ticket.updatedAt).toBe(source.updated_at);
      expect(ticket.requester?.email).toMatch(/@/);
    }
    const plans = new Set(stored.map((t) => t.organization?.plan));
    expect(plans).toEqual(new Set(['free', 'starter', 'growth', 'enterprise']));
    expect(core.syncStatus().accounts[0]).toMatchObject({ accountId: 'acme-zd', state: 'idle', quarantined: 0, lastError: null });
  });

  it('resumes from its checkpoint: changes, deletions and new tickets arrive, and a quiet poll costs one request', async () => {
    const core = openCore(tempDir());
    await core.syncOnce();
    const [first, second] = core.store.listQueue('all_open', 0, 2).tickets;
    simulator.updateTicket(Number(first!.sourceId), { priority: 'low' });
    simulator.deleteTicket(Number(second!.sourceId));
    const added = simulator.addTicket({ subject: 'Invalid API key after rotating keys', priority: 'high' });

    const pushed: string[] = [];
    core.onPush((name, payload) => {
      if (name === 'ticketsChanged') {
        const { upserted, removed } = payload as { upserted: { sourceId: string }[]; removed: { sourceId: string }[] };
        pushed.push(...upserted.map((t) => `+${t.sourceId}`), ...removed.map((t) => `-${t.sourceId}`));
      }
    });
    await core.syncOnce();
    expect(core.store.getTicket({ accountId: 'acme-zd', sourceId: first!.sourceId })?.severity).toBe('P4');
    expect(core.store.getTicket({ accountId: 'acme-zd', sourceId: second!.sourceId })).toBeNull();
    expect(core.store.getTicket({ accountId: 'acme-zd', sourceId: String(added.id) })).toMatchObject({
      subject: 'Invalid API key after rotating keys',
      severity: 'P2',
    });
    expect(pushed.sort()).toEqual([`+${first!.sourceId}`, `+${added.id}`, `-${second!.sourceId}`].sort());

    const before = simulator.requests.length;
    await core.syncOnce();
    const quietPoll = simulator.requests.slice(before);
    expect(quietPoll).toHaveLength(1);
    // The history export: every change to a ticket is an update there, so nothing new there means nothing new.
    expect(quietPoll[0]!.path).toMatch(/^\/api\/v2\/incremental\/ticket_events\.json\?start_time=\d+/);
  });

  it('keeps the newest version when an older payload arrives again', async () => {
    const core = openCore(tempDir());
    await core.syncOnce();
    const ticket = core.store.listQueue('all_open', 0, 1).tickets[0]!;
    simulator.updateTicket(Number(ticket.sourceId), { subject: 'Newest subject' });
    await core.syncOnce();
    const stale = { ...core.store.getTicket(ticket)!, subject: 'Stale subject', updatedAt: '2000-01-01T00:00:00Z' };
    core.store.applySyncPage(
      'acme-zd',
      {
        tickets: [{ ...stale, description: '', deleted: false, requesterId: null, organizationId: null, assigneeId: null, url: null, raw: {} }],
        people: [],
        organizations: [],
        events: [],
        messages: [],
        quarantined: [],
        checkpoint: core.store.readCheckpoint('acme-zd').checkpoint!,
        caughtUp: true,
      },
      new Date(),
    );
    expect(core.store.getTicket(ticket)?.subject).toBe('Newest subject');
  });

  it('treats the 200 "Anonymous user" answer to bad credentials as an authentication failure', async () => {
    const core = openCore(tempDir(), account({ token: 'wrong-token' }));
    await expect(core.syncOnce()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(core.syncOnce()).rejects.toThrow(/acme-zd.*did not accept the credentials of/);
    expect(core.syncStatus().accounts[0]!.state).toBe('auth_failed');
    expect(core.store.listAllTickets()).toHaveLength(0);
  });

  it('rides out 5xx answers, dropped connections and truncated bodies with retries', async () => {
    const core = openCore(tempDir());
    simulator.faults.failNext = { count: 1, status: 503 };
    simulator.faults.dropNext = 1;
    simulator.faults.truncateNext = 1;
    await core.syncOnce();
    expect(core.store.listAllTickets().length).toBeGreaterThan(200);
    expect(core.syncStatus().accounts[0]!.state).toBe('idle');
  });

  it('gives up with "unreachable" when the helpdesk keeps failing', async () => {
    const core = openCore(tempDir());
    simulator.faults.failNext = { count: 100, status: 502 };
    await expect(core.syncOnce()).rejects.toBeInstanceOf(HelpdeskUnreachableError);
    expect(core.syncStatus().accounts[0]).toMatchObject({ state: 'unreachable', lastError: expect.stringMatching(/HTTP 502/) });
  });
});
