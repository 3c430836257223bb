// Dues from real synced histories: the Zendesk simulator's tickets and their updates, through the connector and the
// store, into the engine; and `sla explain` on the result, run as a user runs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketSummary } from '../../shared/domain/ticket.ts';
import { DEFAULT_SLA_POLICY, parseIsoInstant } from '../../shared/sla/index.ts';
import { TriageCore } from '../../main/core/triage-core.ts';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import { runCli } from '../support/cli-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

// Wednesday 2024-03-06 12:00 UTC: inside every default calendar's hours.
const NOW_MS = Date.parse('2024-03-06T12:00:00Z');

describe('dues from synced histories', () => {
  const tempDir = useTempDirs();
  let simulator: ZendeskSimulator;
  let clock = NOW_MS;

  beforeAll(async () => {
    simulator = await startZendeskSimulator({ seed: 11, organizations: 30, tickets: 80, activityIntervalMs: false, now: () => clock });
  });
  afterAll(async () => {
    await simulator.close();
  });

  function openCore(dataDir: string): TriageCore {
    return new TriageCore({
      dataDir,
      accounts: [{ id: 'acme', type: 'zendesk', baseUrl: simulator.url, auth: { type: 'apiToken', ...simulator.credentials }, planField: 'plan' }],
      now: () => new Date(clock),
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2, timeoutMs: 5000 },
    });
  }

  const find = (core: TriageCore, sourceId: string): TicketSummary | undefined =>
    core.store.listQueue('all_open', 0, 10_000).tickets.find((t) => t.sourceId === sourceId);

  it('gives a new urgent ticket a first response due an hour after it was filed, on the 24x7 calendar', async () => {
    const core = openCore(tempDir());
    try {
      const ticket = simulator.addTicket({ subject: 'Every call returns 503', priority: 'urgent' });
      await core.syncOnce();
      const summary = find(core, String(ticket.id));
      expect(summary?.due).toEqual({
        metric: 'firstResponse',
        dueAt: (parseIsoInstant(ticket.created_at) ?? NaN) + 3600,
        targetSeconds: 3600,
        riskWindowSeconds: 1800,
        pause: null,
      });
    } finally {
      await core.close();
    }
  });

  it('stores each ticket history the connector sees, and a public reply in it stops the first-response clock', async () => {
    const core = openCore(tempDir());
    try {
      await core.syncOnce();
      const open = core.store.listQueue('all_open', 0, 10_000).tickets;
      let answered = 0;
      for (const summary of open) {
        const ticket = core.store.ticketForSla(summary)!;
        expect(ticket.events.some((e) => e.type === 'created')).toBe(true);
        if (ticket.events.some((e) => e.type === 'agent_reply' && e.public)) {
          answered++;
          expect(summary.due?.metric).not.toBe('firstResponse');
        }
      }
      expect(answered).toBeGreaterThan(5);
      // The queue is sorted by due, breached first, tickets with no running clock last.
      const dues = open.map((t) => t.due?.dueAt ?? Infinity);
      expect(dues).toEqual([...dues].sort((a, b) => a - b));
    } finally {
      await core.close();
    }
  });

  it('pauses resolution while a ticket is pending, and explains it on the command line', async () => {
    const dataDir = tempDir();
    const core = openCore(dataDir);
    let sourceId: string;
    try {
      await core.syncOnce();
      const answered = core.store
        .listQueue('all_open', 0, 10_000)
        .tickets.find((t) => t.due?.metric === 'resolution' && t.due.pause === null && t.status === 'open' && (t.due.dueAt ?? 0) > clock / 1000);
      expect(answered).toBeDefined();
      sourceId = answered!.sourceId;
      clock += 60_000;
      simulator.updateTicket(Number(sourceId), { status: 'pending' });
      await core.syncOnce();
      const paused = find(core, sourceId)!;
      expect(paused.status).toBe('pending');
      expect(paused.due).toMatchObject({ metric: 'resolution', dueAt: null, pause: { reasons: ['pending'], resumesAt: null } });
    } finally {
      await core.close();
    }

    const at = new Date(clock).toISOString();
    const text = await runCli(['sla', 'explain', '--data-dir', dataDir, '--ticket', `acme:${sourceId}`, '--at', at]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Ticket acme:${sourceId}: pending`);
    expect(text.stdout).toMatch(/First response: achieved at /);
    expect(text.stdout).toMatch(/Resolution: paused \(pending\) since .*, until the ticket changes/);
    expect(text.stdout).toContain('<- governs (the earliest)');

    const json = await runCli(['sla', 'explain', '--data-dir', dataDir, '--ticket', `acme:${sourceId}`, '--at', at, '--json']);
    const explained = JSON.parse(json.stdout) as { resolution: { state: { kind: string }; pauses: { reason: string; to: string | null }[] } };
    expect(explained.resolution.state.kind).toBe('paused');
    expect(explained.resolution.pauses.at(-1)).toMatchObject({ reason: 'pending', to: null });
  });

  it('answers a ticket that is not there, or a malformed --ticket, with one line', async () => {
    const dataDir = tempDir();
    const core = openCore(dataDir);
    await core.syncOnce();
    await core.close();
    const missing = await runCli(['sla', 'explain', '--data-dir', dataDir, '--ticket', 'acme:999999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^triage-desk sla explain: no ticket acme:999999 in .*\n$/);
    const malformed = await runCli(['sla', 'explain', '--data-dir', dataDir, '--ticket', '12345']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--ticket must be ACCOUNT:ID');
  });

  it('recomputes every due when the policy changes', async () => {
    const dataDir = tempDir();
    const first = openCore(dataDir);
    await first.syncOnce();
    const before = first.store.listQueue('all_open', 0, 10_000).tickets.filter((t) => t.due?.metric === 'firstResponse');
    await first.close();
    expect(before.length).toBeGreaterThan(0);
    const stricter = structuredClone(DEFAULT_SLA_POLICY);
    for (const plan of Object.values(stricter.plans)) plan.targets.firstResponse = 1;
    for (const severity of Object.values(stricter.severities)) severity.targets.firstResponse = 1;
    const second = new TriageCore({ dataDir, accounts: [], slaPolicy: stricter, now: () => new Date(clock) });
    try {
      for (const ticket of before) expect(find(second, ticket.sourceId)?.due?.targetSeconds).toBe(60);
    } finally {
      await second.close();
    }
  });
});
